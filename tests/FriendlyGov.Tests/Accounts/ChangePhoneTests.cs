using System.Net;
using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Đổi số điện thoại: a citizen who changes numbers keeps their account. The password and the code texted to the new number
/// are both asked for; the old number is told; the other sessions end; another account's pending change is refused.
/// </summary>
public abstract class ChangePhoneTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : NotificationApp
{
    private const string Page = "/tai-khoan/doi-so-dien-thoai", Password = "Doi-so-2026!";

    private static string NewPhone() => "09" + TestDossiers.Digits(8);

    private static async Task<HttpResponseMessage> AskAsync(HttpClient client, string phone, string password = Password) =>
        await client.PostAsync(Page + "?handler=Send", await AppFixture.FormAsync(client, Page, new() { ["Ask.Phone"] = phone, ["Ask.Password"] = password }));

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string pending, string code) =>
        await client.PostAsync(Page + "?handler=Confirm", await AppFixture.FormAsync(client, Page, new() { ["Confirm.Pending"] = pending, ["Confirm.Code"] = code }));

    private async Task<ApplicationUser> AccountAsync(string userName)
    {
        await using var db = app.OpenDb();
        return await db.Users.SingleAsync(u => u.UserName == userName);
    }

    [Fact]
    public async Task A_citizen_moves_their_account_to_a_new_number_proven_by_its_code_and_the_old_number_is_told()
    {
        var (citizen, old) = await app.RegisterCitizenAsync("Giàng Thị Đổi Số", Password);
        var elsewhere = await AppFixture.SignInAsync(app.AnonymousElsewhere(), old, Password); // another open session
        var id = (await AccountAsync(old)).Id;
        Assert.Contains("id=\"change-phone\"", await citizen.GetStringAsync("/tai-khoan/du-lieu"));
        Assert.Contains(old, await citizen.GetStringAsync(Page));
        var (_, taken) = await app.RegisterCitizenAsync("Người Giữ Số", Password);
        var phone = NewPhone();

        // Refused before any text: a wrong password, the same number, another account's number.
        var wrongPassword = await AskAsync(citizen, phone, "Sai-mat-khau-2026");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongPassword.StatusCode);
        Assert.Matches("data-valmsg-for=\"Ask.Password\"[^>]*>Mật khẩu không đúng.<", await wrongPassword.Content.ReadAsStringAsync());
        Assert.Matches("data-valmsg-for=\"Ask.Phone\"[^>]*>Đây đã là số điện thoại của tài khoản.<", await (await AskAsync(citizen, old)).Content.ReadAsStringAsync());
        Assert.Matches("data-valmsg-for=\"Ask.Phone\"[^>]*>Số điện thoại này đã có tài khoản khác.<", await (await AskAsync(citizen, taken)).Content.ReadAsStringAsync());
        Assert.Empty(app.TextsTo(phone));

        // The code goes to the new number, typed as people write it.
        var asked = await AskAsync(citizen, $"{phone[..4]} {phone[4..7]} {phone[7..]}");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var step = await asked.Content.ReadAsStringAsync();
        Assert.Contains("id=\"code-sent\"", step);
        var text = Assert.Single(app.TextsTo(phone));
        Assert.StartsWith("Ma xac nhan doi so dien thoai", text);
        var code = NotificationApp.CodeIn(text);
        var pending = AppFixture.HiddenValue(step, "Confirm.Pending");
        var wrong = await ConfirmAsync(citizen, pending, ((int.Parse(code) + 1) % 1_000_000).ToString("D6"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(old, (await AccountAsync(old)).PhoneNumber);

        var done = await ConfirmAsync(citizen, pending, code);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/tai-khoan/du-lieu", done.Headers.Location?.ToString());
        Assert.Contains($"Đã đổi số điện thoại đăng nhập sang {phone}.", await citizen.GetStringAsync("/tai-khoan/du-lieu"));
        var account = await AccountAsync(phone);
        Assert.Equal(id, account.Id); // the same account, with its dossiers and petitions
        Assert.Equal(phone, account.PhoneNumber);
        Assert.True(account.PhoneNumberConfirmed);

        // The old number is told, without the code; the new number signs in, the old no longer; other sessions end.
        var told = Assert.Single(app.TextsTo(old), t => !t.StartsWith("Ma xac nhan", StringComparison.Ordinal));
        Assert.Contains(phone[^3..], told);
        Assert.DoesNotContain(code, told);
        await AppFixture.SignInAsync(app.AnonymousElsewhere(), phone, Password);
        await Assert.ThrowsAsync<InvalidOperationException>(() => AppFixture.SignInAsync(app.AnonymousElsewhere(), old, Password));
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/tai-khoan/du-lieu")).StatusCode);

        // The same sealed page cannot change it again: the account's stamp moved on.
        var again = await ConfirmAsync(citizen, pending, code);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("Mã xác nhận đã hết hạn.", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_accounts_pending_change_is_refused()
    {
        var (owner, ownerPhone) = await app.RegisterCitizenAsync("Chủ Tài Khoản", Password);
        var (intruder, intruderPhone) = await app.RegisterCitizenAsync("Người Khác", Password);
        var phone = NewPhone();
        var step = await (await AskAsync(owner, phone)).Content.ReadAsStringAsync();
        var code = NotificationApp.CodeIn(Assert.Single(app.TextsTo(phone)));
        var stolen = await ConfirmAsync(intruder, AppFixture.HiddenValue(step, "Confirm.Pending"), code);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stolen.StatusCode);
        Assert.Equal(intruderPhone, (await AccountAsync(intruderPhone)).PhoneNumber);
        Assert.Equal(ownerPhone, (await AccountAsync(ownerPhone)).PhoneNumber);
        await using var db = app.OpenDb();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == phone));
    }
}

public sealed class ChangePhoneTestsSqlite(SqliteNotificationApp app) : ChangePhoneTests<SqliteNotificationApp>(app);
public sealed class ChangePhoneTestsPostgres(PostgresNotificationApp app) : ChangePhoneTests<PostgresNotificationApp>(app);

/// <summary>Without SMS a new number cannot be proven: the page says so and changes nothing.</summary>
public abstract class ChangePhoneWithoutSmsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task Without_sms_the_number_cannot_be_changed_and_the_page_says_why()
    {
        var (citizen, phone) = await app.RegisterCitizenAsync("Không Có Tin Nhắn", "Doi-so-2026!");
        Assert.Contains("id=\"no-sms\"", await citizen.GetStringAsync("/tai-khoan/doi-so-dien-thoai"));
        var r = await citizen.PostAsync("/tai-khoan/doi-so-dien-thoai?handler=Send", await AppFixture.FormAsync(citizen, "/tai-khoan/doi-so-dien-thoai", new()
        {
            ["Ask.Phone"] = "09" + TestDossiers.Digits(8), ["Ask.Password"] = "Doi-so-2026!",
        }));
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        await using var db = app.OpenDb();
        Assert.True(await db.Users.AnyAsync(u => u.UserName == phone));
    }
}

public sealed class ChangePhoneWithoutSmsTestsSqlite(SqliteApp app) : ChangePhoneWithoutSmsTests<SqliteApp>(app);
