using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>The app with every channel configured: a real SMTP server and the SMS and Zalo providers' APIs on loopback.</summary>
public class NotificationApp(string provider) : AppFixture(provider)
{
    public TestMailServer Mail { get; } = new();
    public TestSmsZaloProvider Providers { get; } = new();
    public const string CallbackToken = "callback-test-token", ZaloAppId = "4321", ZaloSecret = "oa-secret", ZaloTemplate = "240001";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("App:PublicBaseUrl", "https://dichvucong.test");
        builder.UseSetting("Notifications:Email:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Email:Port", Mail.Port.ToString());
        builder.UseSetting("Notifications:Email:From", "khongtraloi@dichvucong.test");
        builder.UseSetting("Notifications:Sms:BaseUrl", Providers.BaseUrl);
        builder.UseSetting("Notifications:Sms:ApiKey", TestSmsZaloProvider.ApiKey);
        builder.UseSetting("Notifications:Sms:SecretKey", TestSmsZaloProvider.SecretKey);
        builder.UseSetting("Notifications:Sms:Brandname", TestSmsZaloProvider.Brandname);
        builder.UseSetting("Notifications:Zalo:BaseUrl", Providers.BaseUrl);
        builder.UseSetting("Notifications:Zalo:AccessToken", TestSmsZaloProvider.AccessToken);
        builder.UseSetting("Notifications:Zalo:AppId", ZaloAppId);
        builder.UseSetting("Notifications:Zalo:OaSecretKey", ZaloSecret);
        builder.UseSetting("Notifications:Zalo:Templates:DossierReceived", ZaloTemplate);
        builder.UseSetting("Notifications:CallbackToken", CallbackToken);
        builder.UseSetting("Notifications:QuietHours", "00:00-00:00"); // no quiet hours: the tests run at any time of day
        builder.UseSetting("Notifications:PollSeconds", "1");
    }

    /// <summary>Sends what is due now, as the dispatcher does when woken.</summary>
    public Task<int> SendDueAsync() => Services.GetRequiredService<OutboxDispatcher>().SendDueAsync(CancellationToken.None);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
        await Providers.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteNotificationApp() : NotificationApp("Sqlite");
public sealed class PostgresNotificationApp() : NotificationApp("Postgres");

public abstract class NotificationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : NotificationApp
{
    private const string CitizenId = "011305004321";

    private static string NewEmail() => $"dan-{Guid.NewGuid():N}@example.vn";

    private static async Task<(string Code, string Key)> ReceiveAsync(HttpClient officer, string? notifyBy, string? email = null, string phone = "0911222333")
    {
        var r = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", new
        {
            procedureCode = "1.004873", applicantName = "Lường Thị Én", citizenId = CitizenId, phone, address = "Bản Lồng",
            received = new[] { 0, 1, 2, 3 }, notifyBy, email,
        });
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        var d = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (d.GetProperty("code").GetString()!, d.GetProperty("trackingUrl").GetString()!.Split('/')[^1]);
    }

    private static async Task ActAsync(HttpClient client, string code, string action, string? note = null, string? receivedBy = null)
    {
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var r = await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action, note, receivedBy, version });
        Assert.True(r.IsSuccessStatusCode, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    private async Task<List<JsonElement>> LogAsync(HttpClient client, string code) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/notifications?dossier={Uri.EscapeDataString(code)}")).GetProperty("items").EnumerateArray()];

    private static string Body(MimeKit.MimeMessage m) => m.TextBody ?? "";

    /// <summary>The dossier's one message once the dispatcher has recorded the provider's acceptance (it may still be on the wire).</summary>
    private async Task<FriendlyGov.Core.Data.Notification> SentAsync(string code)
    {
        for (var i = 0; ; i++)
        {
            await using var db = app.OpenDb();
            var n = await db.Notifications.AsNoTracking().SingleAsync(x => x.DossierCode == code);
            if (n.Status is NotificationStatus.Sent or NotificationStatus.Delivered || i >= 150) return n;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_citizen_who_chose_email_gets_the_receipt_the_result_and_the_rating_link_and_never_their_id_number()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var email = NewEmail();
        var (code, key) = await ReceiveAsync(officer, "Email", email);

        var received = Assert.Single(await app.Mail.WaitForAsync(email, 1));
        Assert.Contains(code, received.Subject);
        var body = Body(received);
        Assert.Contains($"https://dichvucong.test/tra-cuu/{key}", body);
        Assert.Contains("Ngày hẹn trả kết quả", body);
        Assert.Matches(@"\d{2}:\d{2} ngày \d{2}/\d{2}/\d{4}", body);
        Assert.Contains("/thong-bao/tu-choi?t=", body);
        Assert.Equal(EmailMessageIdOf(received), received.MessageId); // the outbox id: a resend is the same message
        foreach (var m in new[] { received })
        {
            Assert.DoesNotContain(CitizenId, Body(m) + m.Subject);
            Assert.DoesNotContain("Lường Thị Én", Body(m) + m.Subject);
            Assert.DoesNotContain("Bản Lồng", Body(m));
        }

        await ActAsync(officer, code, "StartProcessing");
        await ActAsync(await app.LoginAsync("chiengsinh.chuyenvien"), code, "HandOver", "Trình ký");
        await ActAsync(leader, code, "Complete");
        await ActAsync(officer, code, "Return", receivedBy: "Lường Thị Én");
        var all = await app.Mail.WaitForAsync(email, 3);
        Assert.Equal(3, all.Count);
        Assert.Contains("đã có kết quả", all[1].Subject);
        Assert.Contains("Bộ phận Một cửa", Body(all[1]));
        Assert.Contains($"https://dichvucong.test/danh-gia/{key}", Body(all[2]));
        Assert.All(all, m => Assert.DoesNotContain(CitizenId, Body(m)));

        // The staff page and the log say what was sent; the delivery log has one row per message, all sent.
        var log = await LogAsync(leader, code);
        for (var i = 0; i < 100 && log.Any(n => n.GetProperty("status").GetString() != "Sent"); i++) // the last may still be on the wire
        {
            await Task.Delay(100);
            log = await LogAsync(leader, code);
        }
        Assert.Equal(3, log.Count);
        Assert.All(log, n => Assert.Equal("Sent", n.GetProperty("status").GetString()));
        Assert.All(log, n => Assert.Equal(email, n.GetProperty("recipient").GetString())); // the commune's own staff see it in full
        var page = await officer.GetStringAsync($"/can-bo/ho-so/{code}");
        Assert.Contains("id=\"thong-bao-da-gui\"", page);
        Assert.Contains("Đã trả kết quả, mời đánh giá", page);
    }

    private static string EmailMessageIdOf(MimeKit.MimeMessage m) => Regex.Match(m.MessageId ?? "", "^[0-9a-f]{32}@friendlygov$").Success ? m.MessageId! : "not an outbox id";

    [Fact]
    public async Task The_link_in_the_message_stops_the_messages_after_one_button_and_nothing_more_is_sent()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var email = NewEmail();
        var (code, _) = await ReceiveAsync(officer, "Email", email);
        var first = Assert.Single(await app.Mail.WaitForAsync(email, 1));
        var link = Regex.Match(Body(first) ?? "", @"https://dichvucong\.test(/thong-bao/tu-choi\?t=\S+)").Groups[1].Value;
        var citizen = app.Anonymous();
        var page = await citizen.GetStringAsync(link);
        Assert.Contains(code, page);
        var token = Uri.UnescapeDataString(link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
        var stop = await citizen.PostAsync("/thong-bao/tu-choi", await AppFixture.FormAsync(citizen, link, new() { ["t"] = token }));
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Contains("không nhận tin về hồ sơ", await stop.Content.ReadAsStringAsync());

        await ActAsync(officer, code, "StartProcessing");
        await ActAsync(await app.LoginAsync("chiengsinh.chuyenvien"), code, "RequestSupplement", "Bản sao giấy chứng sinh");
        await app.SendDueAsync();
        Assert.Single(app.Mail.To(email));
        Assert.Single(await LogAsync(officer, code));
        // A forged or damaged link changes nothing and says so plainly.
        var bad = await citizen.GetAsync("/thong-bao/tu-choi?t=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Đường dẫn không đúng", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_sms_goes_through_eSMS_without_diacritics_and_its_delivery_report_marks_it_delivered()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        var (code, _) = await ReceiveAsync(officer, "Sms", phone: phone);
        JsonElement sms = default;
        for (var i = 0; i < 100 && !app.Providers.Sms.Any(s => s.GetProperty("Phone").GetString() == phone); i++) await Task.Delay(100);
        sms = app.Providers.Sms.Single(s => s.GetProperty("Phone").GetString() == phone);
        var content = sms.GetProperty("Content").GetString()!;
        Assert.Contains(code, content);
        Assert.True(content.All(c => c < 128), content); // the SMS-safe form: no diacritics
        Assert.Equal(1, NotificationRules.SmsSegments(content));
        Assert.Equal("2", sms.GetProperty("SmsType").GetString());
        Assert.Equal(TestSmsZaloProvider.Brandname, sms.GetProperty("Brandname").GetString());
        Assert.DoesNotContain(CitizenId, content);

        var n = await SentAsync(code);
        Assert.Equal(NotificationStatus.Sent, n.Status);
        Assert.Equal(n.Id.ToString("N"), sms.GetProperty("RequestId").GetString());
        var report = app.Anonymous();
        Assert.Equal(HttpStatusCode.Forbidden, (await report.GetAsync($"/api/v1/notifications/callbacks/esms?token=wrong&SMSID={n.ProviderMessageId}&SendStatus=5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await report.GetAsync($"/api/v1/notifications/callbacks/esms?token={NotificationApp.CallbackToken}&SMSID={n.ProviderMessageId}&SendStatus=5")).StatusCode);
        var row = Assert.Single(await LogAsync(officer, code));
        Assert.True("Delivered" == row.GetProperty("status").GetString(), row.GetRawText());

        // The SMS carries the tracking link; that page has the one button that stops the messages.
        var link = Regex.Match(content, @"https://dichvucong\.test(/tra-cuu/\S+)").Groups[1].Value;
        var tracking = await report.GetStringAsync(link);
        Assert.Contains("id=\"stop-messages\"", tracking);
        var token = WebUtility.HtmlDecode(Regex.Match(tracking, "name=\"t\" value=\"([^\"]+)\"").Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, (await report.PostAsync("/thong-bao/tu-choi", await AppFixture.FormAsync(report, link, new() { ["t"] = token }))).StatusCode);
        await using (var check = app.OpenDb())
            Assert.Null((await check.Dossiers.AsNoTracking().SingleAsync(d => d.Code == code)).NotifyBy);
        Assert.DoesNotContain("id=\"stop-messages\"", await report.GetStringAsync(link));
    }

    [Fact]
    public async Task A_provider_outage_is_retried_with_the_same_request_id_and_a_refusal_fails_for_good_until_the_leader_sends_it_again()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        // Every try of the first round answers 503 (the resilience handler's own retries included).
        for (var i = 0; i < 3; i++) app.Providers.Next.Enqueue("503");
        var (code, _) = await ReceiveAsync(officer, "Sms", phone: phone);
        await using (var db = app.OpenDb())
        {
            FriendlyGov.Core.Data.Notification n = null!;
            for (var i = 0; i < 100; i++)
            {
                n = await db.Notifications.AsNoTracking().SingleAsync(x => x.DossierCode == code);
                if (n.Attempts > 0 && n.Status == NotificationStatus.Pending) break;
                await Task.Delay(100);
            }
            Assert.Equal(NotificationStatus.Pending, n.Status);
            Assert.Contains("503", n.LastError);
            Assert.True(n.NextAttemptAt > DateTime.UtcNow.AddSeconds(30), "the next try waits (1 minute after the first)");
            Assert.DoesNotContain(app.Providers.Sms, s => s.GetProperty("Phone").GetString() == phone);
            // The minute passes.
            await db.Notifications.Where(x => x.Id == n.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        }
        await app.SendDueAsync(); // or the dispatcher's next look, whichever comes first
        await WaitAsync(() => app.Providers.Sms.Any(s => s.GetProperty("Phone").GetString() == phone) ? "sent" : null);
        Assert.Single(app.Providers.Sms, s => s.GetProperty("Phone").GetString() == phone);
        for (var i = 0; i < 50 && Assert.Single(await LogAsync(officer, code)).GetProperty("status").GetString() != "Sent"; i++) await Task.Delay(100);
        var sent = Assert.Single(await LogAsync(officer, code));
        Assert.True("Sent" == sent.GetProperty("status").GetString(), sent.GetRawText());

        // A refusal (eSMS 104: brand name not registered) is not tried again.
        var other = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        app.Providers.Next.Enqueue("esms:104");
        var (second, _) = await ReceiveAsync(officer, "Sms", phone: other);
        JsonElement row = default;
        for (var i = 0; i < 100; i++)
        {
            row = Assert.Single(await LogAsync(officer, second));
            if (row.GetProperty("status").GetString() == "Failed") break;
            await Task.Delay(100);
        }
        Assert.Equal("Failed", row.GetProperty("status").GetString());
        Assert.Contains("104", row.GetProperty("lastError").GetString());
        // Only the leader sends it again.
        var id = row.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/v1/notifications/{id}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await leader.PostAsync($"/api/v1/notifications/{id}/retry", null)).StatusCode);
        await app.SendDueAsync(); // or the dispatcher, woken by the retry, sends it first
        await WaitAsync(() => app.Providers.Sms.Any(s => s.GetProperty("Phone").GetString() == other) ? "sent" : null);
        Assert.Single(app.Providers.Sms, s => s.GetProperty("Phone").GetString() == other);
        for (var i = 0; i < 50 && Assert.Single(await LogAsync(officer, second)).GetProperty("status").GetString() != "Sent"; i++) await Task.Delay(100);
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsync($"/api/v1/notifications/{id}/retry", null)).StatusCode);

        // Five refusals in a row this hour: /health calls the SMS channel failing; five good sends later it is well again.
        async Task SendFiveAsync(string expected)
        {
            var codes = new List<string>();
            for (var i = 0; i < 5; i++) codes.Add((await ReceiveAsync(officer, "Sms", phone: "09" + Random.Shared.Next(10_000_000, 99_999_999))).Code);
            foreach (var c in codes)
                for (var i = 0; i < 100 && Assert.Single(await LogAsync(officer, c)).GetProperty("status").GetString() != expected; i++) await Task.Delay(100);
        }
        for (var i = 0; i < 5; i++) app.Providers.Next.Enqueue("esms:104");
        await SendFiveAsync("Failed");
        var sick = await app.Anonymous().GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Degraded", sick.GetProperty("status").GetString());
        Assert.Equal("failing", sick.GetProperty("checks").GetProperty("notifications").GetProperty("data").GetProperty("sms").GetString());
        await SendFiveAsync("Sent");
        var well = await app.Anonymous().GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("configured", well.GetProperty("checks").GetProperty("notifications").GetProperty("data").GetProperty("sms").GetString());
    }

    [Fact]
    public async Task Zalo_sends_the_approved_template_with_its_values_and_a_signed_webhook_reports_delivery()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        var (code, _) = await ReceiveAsync(officer, "Zalo", phone: phone);
        var zalo = await WaitAsync(() => app.Providers.Zalo.FirstOrDefault(z => z.Body.GetProperty("phone").GetString() == "84" + phone[1..]).Body);
        Assert.Equal(NotificationApp.ZaloTemplate, zalo.GetProperty("template_id").GetString());
        Assert.Equal(code, zalo.GetProperty("template_data").GetProperty("ma_ho_so").GetString());
        Assert.False(zalo.GetProperty("template_data").TryGetProperty("huy_nhan", out _));
        Assert.DoesNotContain(CitizenId, zalo.GetRawText());

        var n = await SentAsync(code);
        Assert.Equal(NotificationStatus.Sent, n.Status);
        Assert.Equal(n.Id.ToString("N"), zalo.GetProperty("tracking_id").GetString());
        var payload = JsonSerializer.Serialize(new { app_id = NotificationApp.ZaloAppId, event_name = "user_received_message", timestamp = "1733040000000",
            message = new { msg_id = n.ProviderMessageId, delivery_time = "1733040000000" } });
        var mac = "mac=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(NotificationApp.ZaloAppId + payload + "1733040000000" + NotificationApp.ZaloSecret)));
        var anonymous = app.Anonymous();
        async Task<HttpStatusCode> Post(string signature)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notifications/callbacks/zalo") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-ZEvent-Signature", signature);
            return (await anonymous.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.Forbidden, await Post("mac=" + new string('0', 64)));
        Assert.Equal("Sent", Assert.Single(await LogAsync(officer, code)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, await Post(mac));
        Assert.Equal("Delivered", Assert.Single(await LogAsync(officer, code)).GetProperty("status").GetString());
    }

    private static async Task<T> WaitAsync<T>(Func<T?> probe)
    {
        for (var i = 0; i < 150; i++)
        {
            if (probe() is { } found && !EqualityComparer<T>.Default.Equals(found, default)) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("nothing arrived");
    }

    [Fact]
    public async Task Addresses_are_masked_for_the_supervisor_and_another_commune_sees_none_of_it()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var email = NewEmail();
        var (code, _) = await ReceiveAsync(officer, "Email", email);
        await app.Mail.WaitForAsync(email, 1);
        var supervisor = Assert.Single(await LogAsync(await app.LoginAsync("giamsat.dienbien"), code));
        Assert.Equal(NotificationRules.Mask(email), supervisor.GetProperty("recipient").GetString());
        Assert.DoesNotContain(email, await (await app.LoginAsync("giamsat.dienbien")).GetStringAsync($"/can-bo/thong-bao?Dossier={code}"));
        Assert.Empty(await LogAsync(await app.LoginAsync("quangloc.lanhdao"), code));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("quangloc.lanhdao")).PostAsync(
            $"/api/v1/notifications/{supervisor.GetProperty("id").GetString()}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/notifications")).StatusCode);
        // Odd input is answered, never a 500: a page far past the end, an unknown status, a damaged id.
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/v1/notifications?page={int.MaxValue}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync("/api/v1/notifications?status=Lost")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsync("/api/v1/notifications/not-a-guid/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/can-bo/thong-bao?trang={int.MaxValue}")).StatusCode);
    }

    [Fact]
    public async Task A_moment_the_leader_turns_off_is_not_sent_and_a_channel_choice_needs_its_address()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var on = Enum.GetValues<NotificationMoment>().Where(m => m != NotificationMoment.SupplementRequested)
            .Select(m => new KeyValuePair<string, string>("On", m.ToString())).ToList();
        var form = await AppFixture.FormAsync(leader, "/can-bo/thong-bao", []);
        on.Add(new("__RequestVerificationToken", (await form.ReadAsStringAsync()).Split("__RequestVerificationToken=")[1]));
        var saved = await leader.PostAsync("/can-bo/thong-bao?handler=Moments", new FormUrlEncodedContent(on.Select(kv => new KeyValuePair<string, string>(kv.Key, Uri.UnescapeDataString(kv.Value)))));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        try
        {
            var email = NewEmail();
            var r = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", new
            {
                procedureCode = "1.004873", applicantName = "Lường Thị Én", citizenId = CitizenId, phone = "0911222333", address = "Bản Lồng",
                received = Array.Empty<int>(), decision = "Incomplete", missingDocuments = "Giấy chứng sinh", notifyBy = "Email", email,
            });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            var code = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
            await app.SendDueAsync();
            Assert.Empty(await LogAsync(officer, code));
        }
        finally
        {
            var all = Enum.GetValues<NotificationMoment>().Select(m => new KeyValuePair<string, string>("On", m.ToString())).ToList();
            var again = await AppFixture.FormAsync(leader, "/can-bo/thong-bao", []);
            all.Add(new("__RequestVerificationToken", Uri.UnescapeDataString((await again.ReadAsStringAsync()).Split("__RequestVerificationToken=")[1])));
            Assert.Equal(HttpStatusCode.Redirect, (await leader.PostAsync("/can-bo/thong-bao?handler=Moments", new FormUrlEncodedContent(all))).StatusCode);
        }

        // E-mail chosen without an address: a clear 4xx naming the field, and no dossier.
        var missing = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", new
        {
            procedureCode = "1.004873", applicantName = "Lường Thị Én", citizenId = CitizenId, phone = "0911222333", address = "Bản Lồng",
            received = new[] { 0, 1, 2, 3 }, notifyBy = "Email",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("thư điện tử", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_petition_sender_who_chose_email_gets_the_answer_itself_once_the_leader_approves_it()
    {
        var counter = await app.LoginAsync("quangloc.tiepnhan");
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var email = NewEmail();
        var created = await counter.PostAsJsonAsync("/api/v1/communes/16060/petitions", new
        {
            category = "giao-thong", title = "Đèn đường thôn Đông hỏng", content = "Ba bóng đèn đường ở thôn Đông không sáng từ tuần trước.",
            senderName = "Vì Văn Tâm", senderEmail = email, channel = "Counter", consentPublish = true, notifyBy = "Email",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        Assert.Contains(code, Assert.Single(await app.Mail.WaitForAsync(email, 1)).Subject);
        async Task Act(string action, string? note = null, string? assigneeId = null)
        {
            var version = (await leader.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{code}")).GetProperty("version").GetInt32();
            var r = await leader.PostAsJsonAsync($"/api/v1/petitions/{code}/actions", new { action, note, assigneeId, version });
            Assert.True(r.IsSuccessStatusCode, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        var me = (await leader.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString();
        await Act("Assigned", assigneeId: me);
        await Act("Answered", "Xã đã thay ba bóng đèn ngày 02/12.");
        var mails = await app.Mail.WaitForAsync(email, 2);
        Assert.Contains("Xã đã thay ba bóng đèn ngày 02/12.", Body(mails[1]));
        Assert.Contains("/phan-anh/", Body(mails[1]));
        Assert.DoesNotContain("Vì Văn Tâm", Body(mails[1]));
    }

    [Fact]
    public async Task The_province_edits_a_template_whose_placeholders_are_checked_and_the_next_message_uses_it()
    {
        var supervisor = await app.LoginAsync("giamsat.dienbien");
        var url = "/can-bo/thong-bao/mau?m=DossierSubmitted&c=Email&l=vi";
        var page = await supervisor.GetStringAsync(url);
        Assert.Contains("{ma_ho_so}", page);
        async Task<HttpResponseMessage> Post(string handler, string subject, string body) => await supervisor.PostAsync($"/can-bo/thong-bao/mau?handler={handler}",
            await AppFixture.FormAsync(supervisor, url, new()
            {
                ["Input.Moment"] = "DossierSubmitted", ["Input.Channel"] = "Email", ["Input.Language"] = "vi", ["Input.Subject"] = subject, ["Input.Body"] = body,
            }));
        var wrong = await Post("Save", "Hồ sơ {ma_ho_so}", "Hồ sơ {ma_hoso} đã nhận. {huy_nhan}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Không có trường {ma_hoso}", await wrong.Content.ReadAsStringAsync());
        await using (var db = app.OpenDb()) Assert.False(await db.NotificationTemplates.AnyAsync(t => t.Moment == NotificationMoment.DossierSubmitted));
        var preview = await (await Post("Preview", "Hồ sơ {ma_ho_so}", "Điện Biên đã nhận hồ sơ {ma_ho_so}. Ngừng nhận: {huy_nhan}")).Content.ReadAsStringAsync();
        Assert.Contains("Điện Biên đã nhận hồ sơ 000.00.16.H26-261201-0001", preview);
        Assert.Equal(HttpStatusCode.Redirect, (await Post("Save", "Tỉnh Điện Biên: hồ sơ {ma_ho_so}", "Điện Biên đã nhận hồ sơ {ma_ho_so}. Ngừng nhận: {huy_nhan}")).StatusCode);
        try
        {
            // The next online submission in the province is told in the province's words.
            await using var db = app.OpenDb();
            var unit = await db.Units.SingleAsync(u => u.Code == "03298");
            var outcome = await app.Services.CreateScope().ServiceProvider.GetRequiredService<FriendlyGov.Web.Features.Dossiers.Intake>()
                .ReceiveAsync(unit.Id, new FriendlyGov.Web.Features.Dossiers.IntakeInput
                {
                    ProcedureCode = "1.004873", ApplicantName = "Lường Thị Én", CitizenId = CitizenId, Phone = "0911222333", Address = "Bản Lồng",
                    NotifyBy = NotificationChannel.Email, Email = NewEmail(),
                }, FriendlyGov.Core.Data.DossierChannel.Online, [new("Tờ khai", "to-khai.pdf", "application/pdf", "%PDF-1.4 test"u8.ToArray())], knownUnit: unit);
            Assert.True(outcome.Ok, string.Join("; ", outcome.Errors.Select(e => e.Message)));
            var mail = Assert.Single(await app.Mail.WaitForAsync(outcome.Value!.Email!, 1));
            Assert.Equal($"Tỉnh Điện Biên: hồ sơ {outcome.Value.Code}", mail.Subject);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.Redirect, (await Post("Reset", "", "")).StatusCode);
        }
        // A commune's staff cannot edit the province's templates.
        var denied = await (await app.LoginAsync("chiengsinh.lanhdao")).GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/khong-co-quyen", denied.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task An_official_with_an_email_is_told_of_a_new_assignment_and_gets_one_morning_digest_a_day_of_what_is_due()
    {
        var address = NewEmail();
        await using (var db = app.OpenDb())
            await db.Users.Where(u => u.UserName == "chiengsinh.chuyenvien").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, address));
        try
        {
            var officer = await app.LoginAsync("chiengsinh.tiepnhan");
            var (code, _) = await ReceiveAsync(officer, null);
            await ActAsync(officer, code, "StartProcessing"); // the counter hands it to the commune's specialist
            var assigned = Assert.Single(await app.Mail.WaitForAsync(address, 1));
            Assert.Contains(code, assigned.Subject);
            Assert.Contains($"https://dichvucong.test/can-bo/ho-so/{code}", Body(assigned));

            await using (var db = app.OpenDb())
                await db.Dossiers.Where(d => d.Code == code).ExecuteUpdateAsync(s => s.SetProperty(d => d.AppointedAt, DateTime.UtcNow.AddHours(2)));
            var job = ActivatorUtilities.CreateInstance<MorningDigestJob>(app.Services);
            await job.RunNowAsync();
            var digest = (await app.Mail.WaitForAsync(address, 2))[1];
            Assert.StartsWith("Việc hôm nay:", digest.Subject);
            Assert.Contains(code, Body(digest));
            Assert.DoesNotContain(CitizenId, Body(digest));
            await job.RunNowAsync(); // a second run the same day sends nothing more
            await app.SendDueAsync();
            Assert.Equal(2, app.Mail.To(address).Count());
        }
        finally
        {
            await using var db = app.OpenDb();
            await db.Users.Where(u => u.UserName == "chiengsinh.chuyenvien").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, (string?)null));
        }
    }

    [Fact]
    public async Task The_leader_is_told_when_the_province_answers_a_proposal_and_once_when_a_recommendation_falls_due()
    {
        var address = NewEmail();
        await using (var db = app.OpenDb())
            await db.Users.Where(u => u.UserName == "chiengsinh.lanhdao").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, address));
        try
        {
            var leader = await app.LoginAsync("chiengsinh.lanhdao");
            var sup = await app.LoginAsync("giamsat.dienbien");
            var raised = await leader.PostAsJsonAsync("/api/v1/communes/03298/model/proposals", new { title = "Xin bổ sung máy in", content = "Máy in của Bộ phận Một cửa đã hỏng." });
            Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
            var id = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var answered = await sup.PostAsJsonAsync($"/api/v1/model/proposals/{id}/answer", new { answer = "Sở cấp một máy in trong tháng 12.", resolved = true, version = 0 });
            Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());
            var mail = Assert.Single(await app.Mail.WaitForAsync(address, 1));
            Assert.Contains("Xin bổ sung máy in", mail.Subject);
            Assert.Contains("Sở cấp một máy in trong tháng 12.", Body(mail));

            // An inspection with a recommendation due in two days: the morning job tells the leader once.
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
            var planned = await sup.PostAsJsonAsync("/api/v1/communes/03298/inspections", new { subject = "Kiểm tra một cửa", plannedOn = today.ToString("yyyy-MM-dd") });
            var inspection = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            Assert.True((await sup.PutAsJsonAsync($"/api/v1/inspections/{inspection}", new { status = "Done", doneOn = today.ToString("yyyy-MM-dd"), findings = "Thiếu sổ theo dõi.", version = 0 })).IsSuccessStatusCode);
            Assert.True((await sup.PostAsJsonAsync($"/api/v1/inspections/{inspection}/recommendations", new { content = "Lập sổ theo dõi hồ sơ", deadline = today.AddDays(2).ToString("yyyy-MM-dd") })).IsSuccessStatusCode);
            var job = ActivatorUtilities.CreateInstance<MorningDigestJob>(app.Services);
            await job.RunNowAsync();
            await WaitAsync(() => app.Mail.To(address).FirstOrDefault(m => Body(m).Contains("Lập sổ theo dõi hồ sơ")));
            var due = Assert.Single(app.Mail.To(address), m => Body(m).Contains("Lập sổ theo dõi hồ sơ"));
            Assert.StartsWith("Kiến nghị sau kiểm tra đến hạn", due.Subject);
            await using (var db = app.OpenDb()) // wait until whatever else was due (the commune's other recommendations) is sent
                for (var i = 0; i < 100 && await db.Notifications.AnyAsync(n => n.Recipient == address && n.Status != NotificationStatus.Sent); i++) await Task.Delay(100);
            var told = app.Mail.To(address).Count();
            await job.RunNowAsync();
            await app.SendDueAsync();
            Assert.Equal(told, app.Mail.To(address).Count());
        }
        finally
        {
            await using var db = app.OpenDb();
            await db.Users.Where(u => u.UserName == "chiengsinh.lanhdao").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, (string?)null));
        }
    }

    [Fact]
    public async Task A_village_subscription_counts_only_once_confirmed_and_brings_that_villages_consultations_until_withdrawn()
    {
        var email = NewEmail();
        var citizen = app.Anonymous();
        var page = await citizen.GetStringAsync("/xa/03298/nhan-tin");
        var village = Regex.Matches(page, "<option value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).First();
        var other = Regex.Matches(page, "<option value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Skip(1).First();
        async Task<HttpResponseMessage> Subscribe(Dictionary<string, string> fields) => await citizen.PostAsync("/xa/03298/nhan-tin", await AppFixture.FormAsync(citizen, "/xa/03298/nhan-tin", fields));
        // Without consent, or with a bad address: refused, nothing kept.
        var refused = await Subscribe(new() { ["Input.Village"] = village, ["Input.Channel"] = "Email", ["Input.Email"] = "khong-phai-thu" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("đồng ý", await refused.Content.ReadAsStringAsync());
        var ok = await Subscribe(new() { ["Input.Village"] = village, ["Input.Channel"] = "Email", ["Input.Email"] = email, ["Input.Consent"] = "true" });
        Assert.Contains("id=\"subscribe-sent\"", await ok.Content.ReadAsStringAsync());
        var confirm = Assert.Single(await app.Mail.WaitForAsync(email, 1));
        Assert.Contains(village, confirm.Subject);
        // Asking again does not send a second confirmation (nobody floods an address from this form).
        await Subscribe(new() { ["Input.Village"] = village, ["Input.Channel"] = "Email", ["Input.Email"] = email, ["Input.Consent"] = "true" });

        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        async Task Consult(string title, string? where)
        {
            var r = await leader.PostAsJsonAsync("/api/v1/communes/03298/consultations", new
            {
                kind = "Other", title, content = "Đề nghị bà con góp ý về phương án.", opensOn = today.ToString("yyyy-MM-dd"), closesOn = today.AddDays(10).ToString("yyyy-MM-dd"), village = where,
            });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        }
        await Consult("Chưa xác nhận thì không nhận", village);
        await app.SendDueAsync();
        Assert.Single(app.Mail.To(email));

        var link = Regex.Match(Body(confirm), @"https://dichvucong\.test(/thong-bao/xac-nhan\?k=\S+)").Groups[1].Value;
        var key = link[(link.IndexOf("k=", StringComparison.Ordinal) + 2)..];
        var confirmed = await citizen.PostAsync("/thong-bao/xac-nhan", await AppFixture.FormAsync(citizen, link, new() { ["k"] = key }));
        Assert.Contains("id=\"confirmed\"", await confirmed.Content.ReadAsStringAsync());

        await Consult("Làm nhà văn hóa thôn", village);
        var told = (await app.Mail.WaitForAsync(email, 2))[1];
        Assert.Contains("Làm nhà văn hóa thôn", told.Subject);
        Assert.Contains("https://dichvucong.test/xa/03298/gop-y", Body(told));
        await Consult("Đường nội đồng thôn khác", other); // another village's matter: not for this subscriber
        await Consult("Quy ước của cả xã", null);      // the whole commune's: for everyone
        await app.Mail.WaitForAsync(email, 3);
        await app.SendDueAsync();
        Assert.DoesNotContain(app.Mail.To(email), m => m.Subject!.Contains("Đường nội đồng thôn khác"));
        Assert.Contains(app.Mail.To(email), m => m.Subject!.Contains("Quy ước của cả xã"));

        var stop = Regex.Match(Body(told), @"https://dichvucong\.test(/thong-bao/tu-choi\?t=\S+)").Groups[1].Value;
        var token = Uri.UnescapeDataString(stop[(stop.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
        Assert.Equal(HttpStatusCode.OK, (await citizen.PostAsync("/thong-bao/tu-choi", await AppFixture.FormAsync(citizen, stop, new() { ["t"] = token }))).StatusCode);
        var before = app.Mail.To(email).Count();
        await Consult("Sau khi ngừng nhận tin", village);
        await app.SendDueAsync();
        Assert.Equal(before, app.Mail.To(email).Count());
    }

    [Fact]
    public async Task After_the_keeping_period_the_log_keeps_what_happened_but_no_longer_to_whom_or_what_it_said()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var email = NewEmail();
        var (code, _) = await ReceiveAsync(officer, "Email", email);
        await app.Mail.WaitForAsync(email, 1);
        for (var i = 0; i < 100 && Assert.Single(await LogAsync(officer, code)).GetProperty("status").GetString() != "Sent"; i++) await Task.Delay(100);
        Assert.True(await AuditNightlyJob.ForgetOldAsync(app.Services, DateTime.UtcNow.AddMinutes(1), CancellationToken.None) >= 1);
        await using var db = app.OpenDb();
        var n = await db.Notifications.AsNoTracking().SingleAsync(x => x.DossierCode == code);
        Assert.DoesNotContain(email, n.Recipient);
        Assert.StartsWith(NotificationRules.Mask(email), n.Recipient);
        Assert.Equal("{}", n.Data);
        Assert.Null(n.Body);
        Assert.Equal(NotificationStatus.Sent, n.Status);
        Assert.NotEmpty(await db.NotificationAttempts.AsNoTracking().Where(a => a.NotificationId == n.Id).ToListAsync());
        Assert.DoesNotContain(email, (await officer.GetStringAsync($"/can-bo/ho-so/{code}")));
    }

    [Fact]
    public async Task Health_reports_each_channel_and_reaches_the_smtp_server()
    {
        var health = await app.Anonymous().GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var n = health.GetProperty("checks").GetProperty("notifications").GetProperty("data");
        Assert.Equal("reachable", n.GetProperty("email").GetString());
        Assert.Equal("configured", n.GetProperty("sms").GetString());
        Assert.Equal("configured", n.GetProperty("zalo").GetString());
    }
}

public sealed class NotificationTestsSqlite(SqliteNotificationApp app) : NotificationTests<SqliteNotificationApp>(app);
public sealed class NotificationTestsPostgres(PostgresNotificationApp app) : NotificationTests<PostgresNotificationApp>(app);
