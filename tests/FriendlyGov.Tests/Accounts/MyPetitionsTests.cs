using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Phản ánh của tôi: a petition sent while signed in is listed on the citizen's account, in whichever unit handles it now,
/// with what they have to do next; nobody else's account lists it; the data export carries it; deleting the account
/// unlinks it and leaves it followable by its private link.
/// </summary>
public abstract class MyPetitionsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Page = "/tai-khoan/phan-anh";
    private const string Form = "/xa/03298/phan-anh";
    private const string Password = "Mat-khau-2026";

    /// <summary>Sends a petition through the public form: its tracking key.</summary>
    private static async Task<string> SendAsync(HttpClient client, string title, string name, string phone)
    {
        var r = await client.PostAsync(Form, await AppFixture.FormAsync(client, Form, new()
        {
            ["Input.Category"] = "moi-truong", ["Input.Title"] = title, ["Input.Content"] = "Rác thải đổ ra suối đầu bản nhiều ngày chưa được thu gom.",
            ["Input.SenderName"] = name, ["Input.SenderPhone"] = phone, ["Input.ConsentPublish"] = "false",
        }));
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return r.Headers.Location!.ToString().Split('/')[^1].Split('?')[0];
    }

    private static async Task ActAsync(HttpClient c, string code, string action, string? note = null, string? assigneeId = null, string? targetUnit = null)
    {
        var version = (await c.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{code}")).GetProperty("version").GetInt32();
        var r = await c.PostAsJsonAsync($"/api/v1/petitions/{code}/actions", new { action, note, assigneeId, targetUnit, version });
        Assert.True(r.IsSuccessStatusCode, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_petition_sent_signed_in_is_listed_on_the_account_where_it_is_handled_now_and_on_no_other_account()
    {
        var (citizen, phone) = await app.RegisterCitizenAsync("Lò Thị Phản Ánh", Password);
        var form = await citizen.GetStringAsync(Form);
        Assert.Contains("value=\"Lò Thị Phản Ánh\"", form); // filled in from the account
        Assert.Contains($"value=\"{phone}\"", form);
        Assert.Contains($"<a href=\"{Page}\">Phản ánh của tôi</a>", form);
        var title = "Rác đổ ra suối bản Co " + TestDossiers.Digits(5);
        var key = await SendAsync(citizen, title, "Lò Thị Phản Ánh", phone);
        var anonymousTitle = "Rác đổ ra suối bản Pá " + TestDossiers.Digits(5);
        var anonymousKey = await SendAsync(app.Anonymous(), anonymousTitle, "Người Không Đăng Nhập", "09" + TestDossiers.Digits(8));

        var mine = await citizen.GetStringAsync(Page);
        Assert.Contains($"<a href=\"/phan-anh/{key}\">{title}</a>", mine);
        Assert.Contains("xã Chiềng Sinh", mine);
        Assert.Contains("Đã tiếp nhận", mine);
        Assert.DoesNotContain(anonymousTitle, mine);
        await using (var db = app.OpenDb())
            Assert.Null((await db.Petitions.IgnoreQueryFilters().SingleAsync(p => p.TrackingKey == anonymousKey)).CitizenUserId);

        // Another citizen's account lists none of it; staff and the signed-out have no such page.
        var (other, _) = await app.RegisterCitizenAsync("Cầm Văn Khác", Password);
        var theirs = await other.GetStringAsync(Page);
        Assert.DoesNotContain(title, theirs);
        Assert.Contains("Bạn chưa gửi phản ánh, kiến nghị nào khi đăng nhập.", theirs);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().GetAsync(Page)).StatusCode);
        var staff = await (await app.LoginAsync("chiengsinh.lanhdao")).GetAsync(Page);
        Assert.DoesNotContain(title, await staff.Content.ReadAsStringAsync());

        // Transferred, it is listed once, under the receiving commune's code; asked for more, the citizen is told to add it.
        string code;
        await using (var db = app.OpenDb()) code = (await db.Petitions.IgnoreQueryFilters().SingleAsync(p => p.TrackingKey == key)).Code;
        await ActAsync(await app.LoginAsync("chiengsinh.lanhdao"), code, "TransferredOut", "Bãi rác thuộc địa bàn xã Quang Lộc.", targetUnit: "16060");
        var leader = await app.LoginAsync("quangloc.lanhdao");
        string newCode;
        await using (var db = app.OpenDb()) newCode = (await db.Petitions.IgnoreQueryFilters().SingleAsync(p => p.TrackingKey == key)).Code;
        Assert.StartsWith("PA-16060-", newCode);
        await ActAsync(leader, newCode, "Assigned", assigneeId: (await leader.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString());
        await ActAsync(leader, newCode, "InfoRequested", "Cho biết bãi rác ở phía nào của suối.");
        mine = await citizen.GetStringAsync(Page);
        Assert.Contains(newCode, mine);
        Assert.DoesNotContain(code + "<", mine);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(mine, System.Text.RegularExpressions.Regex.Escape(title)));
        Assert.Contains("xã Quang Lộc", mine);
        Assert.Contains("UBND đề nghị bạn bổ sung thông tin", mine);

        // The data page counts it, the export carries it with the sender's details as recorded.
        Assert.Contains($"<a href=\"{Page}\">1</a>", await citizen.GetStringAsync("/tai-khoan/du-lieu"));
        var data = JsonDocument.Parse(await citizen.GetStringAsync("/tai-khoan/du-lieu?handler=Export")).RootElement;
        var sent = Assert.Single(data.GetProperty("petitions").EnumerateArray());
        Assert.Equal(newCode, sent.GetProperty("code").GetString());
        Assert.Equal(phone, sent.GetProperty("sender").GetProperty("phone").GetString());
        Assert.EndsWith($"/phan-anh/{key}", sent.GetProperty("trackingUrl").GetString());
        Assert.Empty(JsonDocument.Parse(await other.GetStringAsync("/tai-khoan/du-lieu?handler=Export")).RootElement.GetProperty("petitions").EnumerateArray());

        // Deleting the account unlinks both records (the sending commune's too); the private link still follows it.
        var deleted = await citizen.PostAsync("/tai-khoan/du-lieu?handler=Delete", await AppFixture.FormAsync(citizen, "/tai-khoan/du-lieu", new()
        {
            ["Delete.Password"] = Password, ["Delete.Confirm"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await using (var db = app.OpenDb())
        {
            var both = await db.Petitions.IgnoreQueryFilters().Where(p => p.Code == code || p.Code == newCode).ToListAsync();
            Assert.Equal(2, both.Count);
            Assert.All(both, p => Assert.Null(p.CitizenUserId));
        }
        Assert.Contains(newCode, await app.Anonymous().GetStringAsync($"/phan-anh/{key}"));
    }

    [Fact]
    public async Task A_petition_sent_signed_out_joins_the_account_from_its_private_page_only_with_the_senders_phone()
    {
        var phone = "09" + TestDossiers.Digits(8);
        var title = "Đèn đường bản Lếch hỏng " + TestDossiers.Digits(5);
        var key = await SendAsync(app.Anonymous(), title, "Lò Văn Chưa Đăng Nhập", phone);
        string code;
        await using (var db = app.OpenDb()) code = (await db.Petitions.IgnoreQueryFilters().SingleAsync(p => p.TrackingKey == key)).Code;
        await ActAsync(await app.LoginAsync("chiengsinh.lanhdao"), code, "TransferredOut", "Tuyến đèn thuộc xã Quang Lộc quản lý.", targetUnit: "16060");
        Assert.Contains("id=\"claim-hint\"", await app.Anonymous().GetStringAsync($"/phan-anh/{key}"));
        var (citizen, _) = await app.RegisterCitizenAsync("Lò Văn Chưa Đăng Nhập", Password);
        Assert.Contains("id=\"claim\"", await citizen.GetStringAsync($"/phan-anh/{key}"));
        Assert.Contains("id=\"claim-help\"", await citizen.GetStringAsync(Page));
        async Task<HttpResponseMessage> Claim(HttpClient c, string typed) =>
            await c.PostAsync($"/phan-anh/{key}?handler=Claim", await AppFixture.FormAsync(c, $"/phan-anh/{key}", new() { ["ClaimPhone"] = typed }));

        var wrong = await Claim(citizen, phone[..9] + (phone[9] == '0' ? '1' : '0'));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Số điện thoại không khớp với số người gửi đã ghi", await wrong.Content.ReadAsStringAsync());
        Assert.DoesNotContain(title, await citizen.GetStringAsync(Page));
        var (other, _) = await app.RegisterCitizenAsync("Người Khác", Password);

        // typed as people write it: the international form, with spaces
        var saved = await Claim(citizen, $"+84 {phone[1..4]} {phone[4..7]} {phone[7..]}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Page, saved.Headers.Location!.ToString());
        var mine = await citizen.GetStringAsync(Page);
        Assert.Contains($"<a href=\"/phan-anh/{key}\">{title}</a>", mine);
        Assert.Contains("xã Quang Lộc", mine);
        Assert.Contains("id=\"in-account\"", await citizen.GetStringAsync($"/phan-anh/{key}"));
        await using (var db = app.OpenDb())
        {
            var userId = (await db.Petitions.IgnoreQueryFilters().SingleAsync(p => p.TrackingKey == key)).CitizenUserId;
            Assert.NotNull(userId);
            // the sending commune's kept record joins too, as it would have had the petition been sent signed in
            Assert.Equal(userId, (await db.Petitions.IgnoreQueryFilters().SingleAsync(p => p.Code == code)).CitizenUserId);
        }

        // the same phone from another account: the same answer as a wrong one, and it stays where it is
        var taken = await Claim(other, phone);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("Số điện thoại không khớp với số người gửi đã ghi", await taken.Content.ReadAsStringAsync());
        Assert.DoesNotContain(title, await other.GetStringAsync(Page));
    }
}

public sealed class MyPetitionsTestsSqlite(SqliteApp app) : MyPetitionsTests<SqliteApp>(app);
public sealed class MyPetitionsTestsPostgres(PostgresApp app) : MyPetitionsTests<PostgresApp>(app);
