using System.Net;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Quên mật khẩu: a citizen proves the phone that is their account with a code sent to it by the province's SMS provider
/// (here its API on loopback), and sets a new password; nothing tells a stranger whether a phone has an account, a code
/// works once, wrong codes are throttled, sending is limited per phone, and the code is kept nowhere.
/// </summary>
public abstract class PasswordResetTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : NotificationApp
{
    private const string Page = "/quen-mat-khau";
    private const string Old = "Mat-khau-cu-2026", New = "Mat-khau-moi-2026";

    private async Task<string> RegisterAsync() => (await app.RegisterCitizenAsync("Hà Thị Quên", Old)).Phone;

    private static async Task<HttpResponseMessage> AskAsync(HttpClient client, string phone) =>
        await client.PostAsync(Page + "?handler=Send", await AppFixture.FormAsync(client, Page, new() { ["Ask.Phone"] = phone }));

    private static async Task<HttpResponseMessage> ResetAsync(HttpClient client, string phone, string code, string password, string? confirm = null) =>
        await client.PostAsync(Page + "?handler=Reset", await AppFixture.FormAsync(client, Page, new()
        {
            ["Reset.Phone"] = phone, ["Reset.Code"] = code, ["Reset.Password"] = password, ["Reset.ConfirmPassword"] = confirm ?? password,
        }));

    /// <summary>The password-reset texts to this phone (registering sent it its own code first).</summary>
    private List<string> Texts(string phone) =>
        [.. app.TextsTo(phone).Where(text => !text.StartsWith(RegistrationText, StringComparison.Ordinal))];

    private const string RegistrationText = "Ma xac nhan dang ky";

    private async Task<bool> SignsInAsync(string phone, string password)
    {
        try { await AppFixture.SignInAsync(app.AnonymousElsewhere(), phone, password); return true; }
        catch (InvalidOperationException) { return false; }
    }

    private async Task<string?> HashAsync(string phone)
    {
        await using var db = app.OpenDb();
        return await db.Users.Where(u => u.UserName == phone).Select(u => u.PasswordHash).SingleAsync();
    }

    [Fact]
    public async Task A_citizen_sets_a_new_password_with_the_code_texted_to_their_phone_which_works_once()
    {
        var phone = await RegisterAsync();
        var client = app.AnonymousElsewhere();
        Assert.Contains($"<a href=\"{Page}\">Quên mật khẩu?</a>", await client.GetStringAsync("/dang-nhap"));

        // Typed as people write it; the page answers the same as for a phone without an account.
        var asked = await AskAsync(client, $"{phone[..4]} {phone[4..7]} {phone[7..]}");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var step = await asked.Content.ReadAsStringAsync();
        Assert.Contains("id=\"code-sent\"", step);
        var text = Assert.Single(Texts(phone));
        var code = NotificationApp.CodeIn(text);
        Assert.Matches(@"^\d{6}$", code);
        Assert.StartsWith("Ma xac nhan dat lai mat khau", text); // SMS-safe, without diacritics
        Assert.DoesNotContain("Quên", text);
        var stranger = "09" + TestDossiers.Digits(8);
        var none = await AskAsync(app.AnonymousElsewhere(), stranger);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("id=\"code-sent\"", await none.Content.ReadAsStringAsync());
        Assert.Empty(Texts(stranger));

        // A wrong code and a refused password change nothing; the old password still signs in.
        var wrongCode = (int.Parse(code) + 1) % 1_000_000;
        var wrong = await ResetAsync(client, phone, wrongCode.ToString("D6"), New);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Mã xác nhận không đúng hoặc đã hết hạn.", await wrong.Content.ReadAsStringAsync());
        var weak = await ResetAsync(client, phone, code, "ngan");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        Assert.Contains("field-error", await weak.Content.ReadAsStringAsync());
        var mismatch = await ResetAsync(client, phone, code, New, New + "x");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
        Assert.Contains("Mật khẩu nhập lại không khớp.", await mismatch.Content.ReadAsStringAsync());
        Assert.True(await SignsInAsync(phone, Old));

        // An account made where the phone could not be proven (registered before the province had SMS) is proven by the reset.
        await using (var store = app.OpenDb())
            await store.Users.Where(u => u.UserName == phone).ExecuteUpdateAsync(u => u.SetProperty(x => x.PhoneNumberConfirmed, false));
        var reset = await ResetAsync(client, phone, code, New);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/dang-nhap", reset.Headers.Location?.ToString());
        Assert.Contains("Đã đặt mật khẩu mới.", await client.GetStringAsync("/dang-nhap"));
        Assert.True(await SignsInAsync(phone, New));
        Assert.False(await SignsInAsync(phone, Old));
        await using (var store = app.OpenDb())
            Assert.True(await store.Users.Where(u => u.UserName == phone).Select(u => u.PhoneNumberConfirmed).SingleAsync());
        // Used once: the same code no longer sets a password.
        var again = await ResetAsync(app.AnonymousElsewhere(), phone, code, "Mat-khau-thu-ba-2026");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.True(await SignsInAsync(phone, New));

        // The code is in no message the commune's officials read, and in no log entry.
        await using var db = app.OpenDb();
        Assert.False(await db.Notifications.IgnoreQueryFilters().AnyAsync(n => n.Body != null && n.Body.Contains(code)));
        Assert.False(await db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Changes != null && (e.Changes.Contains(code) || e.Changes.Contains(phone))));
    }

    [Fact]
    public async Task Codes_are_limited_per_phone_wrong_guesses_count_on_the_sign_in_counter_and_an_officials_name_gets_no_code()
    {
        var phone = await RegisterAsync();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await AskAsync(app.AnonymousElsewhere(), phone)).StatusCode);
        Assert.Equal(FriendlyGov.Web.Features.Accounts.PhoneCodeLimits.PerPhonePerHour, Texts(phone).Count);

        // Guessing: every wrong code counts on the account's sign-in counter (SignInGuard), which holds back whoever keeps
        // guessing, with a password or a code; the password is unchanged.
        var code = NotificationApp.CodeIn(Texts(phone)[^1]);
        var hash = await HashAsync(phone);
        var guesser = app.AnonymousElsewhere();
        for (var i = 0; i < 5; i++)
        {
            var guess = await ResetAsync(guesser, phone, ((int.Parse(code) + 1 + i) % 1_000_000).ToString("D6"), New);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, guess.StatusCode);
            Assert.Contains("Mã xác nhận không đúng hoặc đã hết hạn.", await guess.Content.ReadAsStringAsync());
        }
        Assert.Equal(hash, await HashAsync(phone));
        var counter = "user:" + app.AuditKey.Mac("sign-in", phone.ToUpperInvariant())[..24];
        await using (var db = app.OpenDb())
            Assert.True((await db.SignInThrottles.SingleAsync(t => t.Key == counter)).Failures >= 5);

        // An official's password is the administrator's to reset: an official's user name is not a phone, and gets no code.
        var before = app.Providers.Sms.Count;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await AskAsync(app.AnonymousElsewhere(), "chiengsinh.tiepnhan")).StatusCode); // not a phone
        Assert.Equal(before, app.Providers.Sms.Count);
    }
}

public sealed class PasswordResetTestsSqlite(SqliteNotificationApp app) : PasswordResetTests<SqliteNotificationApp>(app);
public sealed class PasswordResetTestsPostgres(PostgresNotificationApp app) : PasswordResetTests<PostgresNotificationApp>(app);
