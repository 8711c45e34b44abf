using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

// The notification suite, second half: who sees the delivery log, the moments a commune turns off, petitions, templates,
// the officials' messages, village subscriptions, the keeping period and the channels' health.
public abstract partial class NotificationTests<TApp>
{
    [Fact]
    public async Task Addresses_are_masked_for_the_supervisor_and_another_commune_sees_none_of_it()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var email = NewEmail();
        var (code, _) = await ReceiveAsync(officer, "Email", email);
        await app.Mail.WaitForAsync(email, 1);
        var supervisor = Assert.Single(await LogAsync(await app.LoginAsync("giamsat.dienbien"), code));
        Assert.Equal(Masking.Contact(email), supervisor.GetProperty("recipient").GetString());
        Assert.DoesNotContain(email, await (await app.LoginAsync("giamsat.dienbien")).GetStringAsync($"/can-bo/thong-bao?Dossier={code}"));
        // In the commune the counter reads it in full; a specialist who does not handle the dossier reads it masked, in the
        // log and on the dossier's page.
        Assert.Equal(email, Assert.Single(await LogAsync(officer, code)).GetProperty("recipient").GetString());
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        Assert.Equal(Masking.Contact(email), Assert.Single(await LogAsync(specialist, code)).GetProperty("recipient").GetString());
        Assert.DoesNotContain(email, await specialist.GetStringAsync($"/can-bo/thong-bao?Dossier={code}"));
        Assert.DoesNotContain(email, await specialist.GetStringAsync($"/can-bo/ho-so/{code}"));
        Assert.Contains(email, await officer.GetStringAsync($"/can-bo/ho-so/{code}"));
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
    public async Task A_petition_transferred_to_another_commune_still_tells_its_sender_the_answer_they_asked_to_be_told()
    {
        var email = NewEmail();
        var created = await (await app.LoginAsync("chiengsinh.tiepnhan")).PostAsJsonAsync("/api/v1/communes/03298/petitions", new
        {
            category = "dat-dai", title = "Xác nhận đất ở thôn Nam", content = "Thửa đất của tôi ở thôn Nam xã Quang Lộc, xin xác nhận nguồn gốc.",
            senderName = "Lò Thị Chuyển", senderEmail = email, channel = "Counter", consentPublish = true, notifyBy = "Email",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        Assert.Single(await app.Mail.WaitForAsync(email, 1));
        async Task Act(HttpClient c, string at, string action, string? note = null, string? assigneeId = null, string? targetUnit = null)
        {
            var version = (await c.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{at}")).GetProperty("version").GetInt32();
            var r = await c.PostAsJsonAsync($"/api/v1/petitions/{at}/actions", new { action, note, assigneeId, targetUnit, version });
            Assert.True(r.IsSuccessStatusCode, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        await Act(await app.LoginAsync("chiengsinh.lanhdao"), code, "TransferredOut", "Thửa đất thuộc địa bàn xã Quang Lộc.", targetUnit: "16060");
        Assert.Equal(2, (await app.Mail.WaitForAsync(email, 2)).Count); // told of the transfer

        // Quang Lộc answers its new record: the sender is told, as they asked when they sent it.
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var newCode = (await leader.GetFromJsonAsync<JsonElement[]>("/api/v1/petitions?q=thôn Nam&status=Received"))!
            .Single(p => p.GetProperty("title").GetString() == "Xác nhận đất ở thôn Nam").GetProperty("code").GetString()!;
        Assert.NotEqual(code, newCode);
        await Act(leader, newCode, "Assigned", assigneeId: (await leader.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString());
        await Act(leader, newCode, "Answered", "UBND xã Quang Lộc đã xác nhận nguồn gốc thửa đất ngày 05/12.");
        var mails = await app.Mail.WaitForAsync(email, 3);
        Assert.Contains("UBND xã Quang Lộc đã xác nhận nguồn gốc thửa đất ngày 05/12.", Body(mails[2]));
        Assert.Contains(newCode, mails[2].Subject);
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
            await TestDossiers.ActAsync(officer, code, "StartProcessing"); // the counter hands it to the commune's specialist
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
        Assert.StartsWith(Masking.Contact(email), n.Recipient);
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
