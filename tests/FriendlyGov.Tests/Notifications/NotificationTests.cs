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

    /// <summary>The texts the SMS provider was given for this phone, oldest first.</summary>
    public List<string> TextsTo(string phone) =>
        [.. Providers.Sms.Where(s => s.GetProperty("Phone").GetString() == phone).Select(s => s.GetProperty("Content").GetString()!)];

    /// <summary>The six-digit code in a text.</summary>
    public static string CodeIn(string text) => System.Text.RegularExpressions.Regex.Match(text, @"\b\d{6}\b").Value;

    /// <summary>The six digits of the last text to this phone.</summary>
    protected override Task<string> CodeTextedToAsync(string phone) => Task.FromResult(CodeIn(TextsTo(phone)[^1]));

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

public abstract partial class NotificationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : NotificationApp
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

        await TestDossiers.ActAsync(officer, code, "StartProcessing");
        await TestDossiers.ActAsync(await app.LoginAsync("chiengsinh.chuyenvien"), code, "HandOver", "Trình ký");
        await TestDossiers.ActAsync(leader, code, "Complete");
        await TestDossiers.ActAsync(officer, code, "Return", receivedBy: "Lường Thị Én");
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

        await TestDossiers.ActAsync(officer, code, "StartProcessing");
        await TestDossiers.ActAsync(await app.LoginAsync("chiengsinh.chuyenvien"), code, "RequestSupplement", "Bản sao giấy chứng sinh");
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

    [Theory]
    [InlineData("[]")]
    [InlineData("5")]
    [InlineData("\"tin\"")]
    [InlineData("{\"timestamp\":{\"a\":1},\"event_name\":\"user_received_message\",\"message\":5}")]
    [InlineData("{\"event_name\":\"user_received_message\",\"message\":{\"msg_id\":42}}")]
    [InlineData("{\"event_name\":7,\"message\":[]}")]
    public async Task A_zalo_webhook_of_an_unexpected_shape_is_refused_or_ignored_never_a_server_error(string payload)
    {
        // Signed, so that the body's shape itself is what is checked; and unsigned.
        var timestamp = System.Text.Json.JsonDocument.Parse(payload).RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("timestamp", out var ts) ? ts.ToString() : "";
        var mac = "mac=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(NotificationApp.ZaloAppId + payload + timestamp + NotificationApp.ZaloSecret)));
        foreach (var signature in new[] { mac, "mac=" + new string('0', 64) })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notifications/callbacks/zalo") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-ZEvent-Signature", signature);
            var status = (await app.Anonymous().SendAsync(request)).StatusCode;
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{payload}: {(int)status}");
        }
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
}

public sealed class NotificationTestsSqlite(SqliteNotificationApp app) : NotificationTests<SqliteNotificationApp>(app);
public sealed class NotificationTestsPostgres(PostgresNotificationApp app) : NotificationTests<PostgresNotificationApp>(app);
