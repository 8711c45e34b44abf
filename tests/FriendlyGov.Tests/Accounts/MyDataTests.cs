using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// A citizen's rights over their account's data (Decree 13/2023, Law 91/2025): to see it, to take a copy, and to delete the
/// account, which unlinks their dossiers but leaves them with the commune and followable by their receipt.
/// </summary>
public abstract class MyDataTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Page = "/tai-khoan/du-lieu";
    private const string Password = "Mat-khau-2026";

    /// <summary>Submits a dossier online as the signed-in citizen: its tracking key.</summary>
    private static async Task<string> SubmitOnlineAsync(HttpClient client, string citizenId, string phone)
    {
        const string online = "/xa/03298/thu-tuc/1.004873/nop-truc-tuyen";
        var form = new MultipartFormDataContent
        {
            { new StringContent(AppFixture.Token(await client.GetStringAsync(online))), "__RequestVerificationToken" },
            { new StringContent("Cầm Thị Dữ Liệu"), "Input.ApplicantName" }, { new StringContent(citizenId), "Input.CitizenId" },
            { new StringContent(phone), "Input.Phone" }, { new StringContent("Bản Co Muông"), "Input.Address" },
            { new StringContent("true"), "Consent" },
        };
        var pdf = new ByteArrayContent(TestFiles.Pdf("To khai"));
        pdf.Headers.ContentType = new("application/pdf");
        form.Add(pdf, "file-0", "to-khai.pdf");
        var r = await client.PostAsync(online, form);
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return r.Headers.Location!.ToString().Split('/')[^1];
    }

    private static async Task<HttpResponseMessage> ClaimAsync(HttpClient client, string key, string citizenId) =>
        await client.PostAsync($"/tra-cuu/{key}?handler=Claim", await AppFixture.FormAsync(client, $"/tra-cuu/{key}", new() { ["CitizenId"] = citizenId }));

    [Fact]
    public async Task A_counter_dossier_joins_my_dossiers_from_its_receipt_only_with_the_applicants_number_and_only_once()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var citizenId = "0113050" + TestDossiers.Digits(5);
        var (code, key) = await TestDossiers.ReceiveAsync(officer, applicant: "Quàng Văn Phiếu", citizenId: citizenId, phone: "09" + TestDossiers.Digits(8));
        Assert.Contains("id=\"claim-hint\"", await app.Anonymous().GetStringAsync($"/tra-cuu/{key}"));
        Assert.DoesNotContain("id=\"claim\"", await officer.GetStringAsync($"/tra-cuu/{key}"));
        var (citizen, phone) = await app.RegisterCitizenAsync("Quàng Văn Phiếu", Password);
        Assert.Contains("id=\"claim\"", await citizen.GetStringAsync($"/tra-cuu/{key}"));
        Assert.Contains("id=\"claim-help\"", await citizen.GetStringAsync("/tai-khoan/ho-so"));

        // a malformed number, then a well-formed wrong one: refused in Vietnamese, and nothing linked
        var malformed = await ClaimAsync(citizen, key, "12345");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        Assert.Contains("đúng 12 chữ số", await malformed.Content.ReadAsStringAsync());
        var wrong = await ClaimAsync(citizen, key, "0113050" + (citizenId[7..] == "00000" ? "00001" : "00000"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("không khớp với người nộp hồ sơ này", await wrong.Content.ReadAsStringAsync());
        await using (var db = app.OpenDb())
            Assert.Null(await db.Dossiers.Where(d => d.Code == code).Select(d => d.CitizenUserId).SingleAsync());
        Assert.DoesNotContain(code, await citizen.GetStringAsync("/tai-khoan/ho-so"));

        // an official is not a citizen with an account to save it to; the right number, typed with spaces as on the card, saves it
        var asOfficer = await ClaimAsync(officer, key, citizenId);
        Assert.Equal(HttpStatusCode.Redirect, asOfficer.StatusCode);
        Assert.Contains("/khong-co-quyen", asOfficer.Headers.Location!.ToString());
        var saved = await ClaimAsync(citizen, key, $"{citizenId[..4]} {citizenId[4..8]} {citizenId[8..]}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/tai-khoan/ho-so", saved.Headers.Location!.ToString());
        Assert.Contains(code, await citizen.GetStringAsync("/tai-khoan/ho-so"));
        Assert.Contains("id=\"in-account\"", await citizen.GetStringAsync($"/tra-cuu/{key}"));
        using (var export = JsonDocument.Parse(await citizen.GetStringAsync(Page + "?handler=Export")))
            Assert.Contains(export.RootElement.GetProperty("dossiers").EnumerateArray(), d => d.GetProperty("code").GetString() == code);

        // another account with the same number cannot take it, and is told nothing of whose it is
        var (other, _) = await app.RegisterCitizenAsync("Người Khác", Password);
        var taken = await ClaimAsync(other, key, citizenId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("không khớp với người nộp hồ sơ này", await taken.Content.ReadAsStringAsync());
        Assert.DoesNotContain(code, await other.GetStringAsync("/tai-khoan/ho-so"));

        // the audit keeps that the link changed, never the account's id
        await using (var db = app.OpenDb())
        {
            var userId = await db.Users.Where(u => u.UserName == phone).Select(u => u.Id).SingleAsync();
            Assert.Equal(userId, await db.Dossiers.Where(d => d.Code == code).Select(d => d.CitizenUserId).SingleAsync());
            var id = (await db.Dossiers.SingleAsync(d => d.Code == code)).Id.ToString();
            var changes = await db.AuditEntries.Where(a => a.Entity == "Dossier" && a.EntityId == id).Select(a => a.Changes).ToListAsync();
            Assert.Contains(changes, c => c != null && c.Contains("CitizenUserId"));
            Assert.DoesNotContain(changes, c => c != null && c.Contains(userId));
        }
    }

    [Fact]
    public async Task Guessing_a_receipts_number_is_held_back_after_ten_tries_an_hour()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var citizenId = "0113050" + TestDossiers.Digits(5);
        var (code, key) = await TestDossiers.ReceiveAsync(officer, citizenId: citizenId);
        var (citizen, _) = await app.RegisterCitizenAsync("Người Đoán Số", Password);
        var wrong = "0113050" + (citizenId[7..] == "99999" ? "99998" : "99999");
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ClaimAsync(citizen, key, wrong)).StatusCode);
        var held = await ClaimAsync(citizen, key, citizenId); // even the right number, once held back
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.Contains("quá nhiều lần", await held.Content.ReadAsStringAsync());
        await using var db = app.OpenDb();
        Assert.Null(await db.Dossiers.Where(d => d.Code == code).Select(d => d.CitizenUserId).SingleAsync());
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string password, bool confirm) =>
        await client.PostAsync(Page + "?handler=Delete", await AppFixture.FormAsync(client, Page, new()
        {
            ["Delete.Password"] = password, ["Delete.Confirm"] = confirm ? "true" : "false",
        }));

    [Fact]
    public async Task Every_page_links_to_the_privacy_notice_which_says_what_is_collected_who_sees_it_and_where_the_rights_are_used()
    {
        var anonymous = app.Anonymous();
        foreach (var path in new[] { "/", "/xa/03298/phan-anh", "/tra-cuu" })
            Assert.Contains("<a href=\"/bao-ve-du-lieu\">Bảo vệ dữ liệu cá nhân</a>", await anonymous.GetStringAsync(path));
        // and every form that asks for consent links to it beside the box
        foreach (var form in new[] { "/dang-ky", "/xa/03298/phan-anh", "/xa/03298/thu-tuc/1.004873/nop-truc-tuyen" })
            Assert.Contains("<a href=\"/bao-ve-du-lieu\">Dữ liệu của bạn được bảo vệ thế nào?</a>", await anonymous.GetStringAsync(form));
        var notice = await anonymous.GetStringAsync("/bao-ve-du-lieu");
        Assert.Contains("Nghị định 13/2023/NĐ-CP", notice);
        Assert.Contains("số định danh cá nhân", notice);
        Assert.Contains("href=\"/tai-khoan/du-lieu\"", notice); // where the rights are exercised
        Assert.Contains("365 ngày", notice); // the message log's default retention, as configured
        Assert.Equal(365, new FriendlyGov.Web.Features.Notifications.NotificationOptions().KeepDays);
    }

    [Fact]
    public async Task A_citizen_sees_and_exports_their_data_and_deleting_the_account_keeps_their_dossier_with_the_commune()
    {
        var citizenId = "011195" + TestDossiers.Digits(6);
        var (client, phone) = await app.RegisterCitizenAsync("Cầm Thị Dữ Liệu", Password);
        var key = await SubmitOnlineAsync(client, citizenId, phone);
        var code = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracking/{key}")).GetProperty("code").GetString()!;

        var page = await client.GetStringAsync(Page);
        Assert.Contains("Cầm Thị Dữ Liệu", page);
        Assert.Contains(phone, page);
        Assert.Contains("<a href=\"/tai-khoan/ho-so\">1</a>", page);
        Assert.Contains("href=\"/tai-khoan/du-lieu\"", await client.GetStringAsync("/tai-khoan/ho-so"));

        // The copy: the account and the dossier with the applicant's details as recorded, not cached anywhere on the way.
        var export = await client.GetAsync(Page + "?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("du-lieu-ca-nhan-", export.Content.Headers.ContentDisposition?.FileNameStar ?? export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", export.Headers.CacheControl?.ToString());
        var data = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(phone, data.GetProperty("account").GetProperty("phone").GetString());
        var dossier = Assert.Single(data.GetProperty("dossiers").EnumerateArray());
        Assert.Equal(code, dossier.GetProperty("code").GetString());
        Assert.Equal(citizenId, dossier.GetProperty("applicant").GetProperty("citizenId").GetString());
        Assert.EndsWith($"/tra-cuu/{key}", dossier.GetProperty("trackingUrl").GetString());

        // The right to correct: the name and the e-mail; a wrong address is refused and changes nothing.
        var bad = await client.PostAsync(Page + "?handler=Details", await AppFixture.FormAsync(client, Page, new()
        {
            ["Details.FullName"] = "Cầm Thị Sửa Tên", ["Details.Email"] = "khong-phai-thu",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Địa chỉ thư điện tử không hợp lệ.", await bad.Content.ReadAsStringAsync());
        var empty = await client.PostAsync(Page + "?handler=Details", await AppFixture.FormAsync(client, Page, new()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode); // no name at all is not a name
        Assert.Contains("Nhập họ và tên.", await empty.Content.ReadAsStringAsync());
        Assert.Contains("Cầm Thị Dữ Liệu", await client.GetStringAsync(Page));
        var corrected = await client.PostAsync(Page + "?handler=Details", await AppFixture.FormAsync(client, Page, new()
        {
            ["Details.FullName"] = " Cầm Thị Sửa Tên ", ["Details.Email"] = "sua.ten@example.vn",
        }));
        Assert.True(corrected.StatusCode == HttpStatusCode.Redirect, $"{(int)corrected.StatusCode} {System.Text.RegularExpressions.Regex.Match(await corrected.Content.ReadAsStringAsync(), "<main.*</main>", System.Text.RegularExpressions.RegexOptions.Singleline).Value}");
        var after = await client.GetStringAsync(Page);
        Assert.Contains("<dd>Cầm Thị Sửa Tên</dd>", after);
        Assert.Contains("<dd>sua.ten@example.vn</dd>", after);
        Assert.DoesNotContain("Cầm Thị Dữ Liệu</a>", after); // the name at the top follows

        // Deleting needs the password and the ticked box; a refusal changes nothing.
        var wrong = await DeleteAsync(client, "khong-phai-mat-khau", confirm: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Mật khẩu không đúng.", await wrong.Content.ReadAsStringAsync());
        var unticked = await DeleteAsync(client, Password, confirm: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unticked.StatusCode);
        Assert.Contains("Đánh dấu ô xác nhận", await unticked.Content.ReadAsStringAsync());
        string userId;
        await using (var db = app.OpenDb())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == phone);
            userId = user.Id;
            Assert.Equal(userId, (await db.Dossiers.IgnoreQueryFilters().SingleAsync(d => d.Code == code)).CitizenUserId);
        }

        var deleted = await DeleteAsync(client, Password, confirm: true);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/", deleted.Headers.Location?.ToString());
        Assert.Contains("Đã xóa tài khoản", await client.GetStringAsync("/"));
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.Users.AnyAsync(u => u.Id == userId || u.UserName == phone));
            var kept = await db.Dossiers.IgnoreQueryFilters().SingleAsync(d => d.Code == code);
            Assert.Null(kept.CitizenUserId);
            Assert.Equal(citizenId, kept.CitizenId); // the administrative record itself is the commune's
            // The log says the account went, without its phone or name.
            var logged = await db.AuditEntries.IgnoreQueryFilters().Where(e => e.EntityId == userId).Select(e => e.Action + " " + e.Changes).ToListAsync();
            Assert.Contains(logged, e => e.StartsWith("Deleted", StringComparison.OrdinalIgnoreCase));
            Assert.All(logged, e => Assert.DoesNotContain(phone, e));
            Assert.All(logged, e => Assert.DoesNotContain("Dữ Liệu", e));
            Assert.All(logged, e => Assert.DoesNotContain("sua.ten", e));
        }
        // Signed out, and the account no longer signs in; the dossier is still followed by its receipt.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Page)).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.LoginAsync(phone, Password));
        Assert.Equal(code, (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/tracking/{key}")).GetProperty("code").GetString());
    }
}

public sealed class MyDataTestsSqlite(SqliteApp app) : MyDataTests<SqliteApp>(app);
public sealed class MyDataTestsPostgres(PostgresApp app) : MyDataTests<PostgresApp>(app);
