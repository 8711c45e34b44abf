using System.Net;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Registration proves the phone where the province has SMS (here the provider's API on loopback): the account exists only
/// once the code texted to the phone comes back, so nobody takes another person's number as their account. Wrong codes,
/// altered pages and floods are refused in Vietnamese with nothing saved.
/// </summary>
public abstract class RegistrationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : NotificationApp
{
    private const string Password = "Dang-ky-2026!";

    private static string NewPhone() => "09" + TestDossiers.Digits(8);

    private static async Task<HttpResponseMessage> StartAsync(HttpClient client, string phone, string password = Password, string name = "Lường Thị Xác Minh") =>
        await client.PostAsync("/dang-ky", await AppFixture.FormAsync(client, "/dang-ky", new()
        {
            ["Input.FullName"] = name, ["Input.Phone"] = phone, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password, ["Input.Consent"] = "true",
        }));

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string step, string code, string? pending = null, string handler = "Confirm") =>
        await client.PostAsync($"/dang-ky?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Confirm.Pending"] = pending ?? AppFixture.HiddenValue(step, "Confirm.Pending"), ["Confirm.Code"] = code,
            ["__RequestVerificationToken"] = AppFixture.Token(step),
        }));

    private async Task<ApplicationUser?> AccountAsync(string phone)
    {
        await using var db = app.OpenDb();
        return await db.Users.SingleOrDefaultAsync(u => u.UserName == phone);
    }

    private static string Wrong(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");

    [Fact]
    public async Task The_account_is_made_only_when_the_code_texted_to_the_phone_comes_back()
    {
        var phone = NewPhone();
        var client = app.AnonymousElsewhere();
        Assert.Contains("id=\"proof-help\"", await client.GetStringAsync("/dang-ky"));

        var started = await StartAsync(client, phone);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var step = await started.Content.ReadAsStringAsync();
        Assert.Contains("id=\"code-sent\"", step);
        Assert.Contains(phone, step);
        Assert.Null(await AccountAsync(phone)); // nothing is stored before the phone is proven
        var text = Assert.Single(app.TextsTo(phone));
        Assert.StartsWith("Ma xac nhan dang ky tai khoan FriendlyGov", text); // SMS-safe, without diacritics
        var code = NotificationApp.CodeIn(text);
        Assert.DoesNotContain(code, step.Replace(phone, "")); // the page carries the code only sealed
        Assert.DoesNotContain("Lường Thị Xác Minh", step); // nor the name in the clear

        // A wrong code is refused beside the field; no account.
        var wrong = await ConfirmAsync(client, step, Wrong(code));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Confirm.Code\"[^>]*>Mã xác nhận không đúng.", wrongHtml);
        Assert.Contains("id=\"confirm-phone\"", wrongHtml); // still on the code step
        Assert.Null(await AccountAsync(phone));

        // The right code, typed with a space: the account exists, its phone proven, the citizen signed in.
        var done = await ConfirmAsync(client, wrongHtml, code[..3] + " " + code[3..]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var account = await AccountAsync(phone);
        Assert.NotNull(account);
        Assert.True(account.PhoneNumberConfirmed);
        Assert.Equal("Lường Thị Xác Minh", account.FullName);
        Assert.Contains("Đã tạo tài khoản. Chào mừng bạn!", await client.GetStringAsync("/"));
        Assert.Contains("id=\"phone-proven\"", await client.GetStringAsync("/tai-khoan/du-lieu"));
        await AppFixture.SignInAsync(app.AnonymousElsewhere(), phone, Password); // the password typed on the first step

        // The same sealed page again makes no second account, and says the phone has one.
        var replayer = app.AnonymousElsewhere();
        var twice = await replayer.PostAsync("/dang-ky?handler=Confirm", await AppFixture.FormAsync(replayer, "/dang-ky", new()
        {
            ["Confirm.Pending"] = AppFixture.HiddenValue(wrongHtml, "Confirm.Pending"), ["Confirm.Code"] = code,
        }));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("Số điện thoại này đã có tài khoản.", await twice.Content.ReadAsStringAsync());
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == phone));
        // The code is in no message officials read and in no audit entry.
        Assert.False(await db.Notifications.IgnoreQueryFilters().AnyAsync(n => n.Body != null && n.Body.Contains(code)));
        Assert.False(await db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Changes != null && (e.Changes.Contains(code) || e.Changes.Contains(phone))));
    }

    [Fact]
    public async Task A_phone_with_an_account_or_a_weak_password_is_refused_before_any_text_is_sent()
    {
        var (_, taken) = await app.RegisterCitizenAsync("Người Đã Có", Password);
        var before = app.TextsTo(taken).Count;
        var again = await StartAsync(app.AnonymousElsewhere(), taken);
        Assert.Matches("data-valmsg-for=\"Input.Phone\"[^>]*>Số điện thoại này đã có tài khoản.", await again.Content.ReadAsStringAsync());
        Assert.Equal(before, app.TextsTo(taken).Count);

        var phone = NewPhone();
        var weak = await StartAsync(app.AnonymousElsewhere(), phone, "ngan");
        Assert.Matches("data-valmsg-for=\"Input.Password\"[^>]*>Mật khẩu phải có ít nhất 10 ký tự", await weak.Content.ReadAsStringAsync());
        Assert.Empty(app.TextsTo(phone));
    }

    [Fact]
    public async Task An_altered_or_forged_page_is_refused_and_a_new_code_replaces_the_first()
    {
        var phone = NewPhone();
        var client = app.AnonymousElsewhere();
        var step = await (await StartAsync(client, phone)).Content.ReadAsStringAsync();
        var first = NotificationApp.CodeIn(Assert.Single(app.TextsTo(phone)));
        var pending = AppFixture.HiddenValue(step, "Confirm.Pending");

        foreach (var forged in new[] { pending[..^4] + "AAAA", "", "không-phải-mã", new string('A', 5000) })
        {
            var refused = await ConfirmAsync(client, step, first, forged);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("Mã xác nhận đã hết hạn. Hãy điền lại và xin mã mới.", await refused.Content.ReadAsStringAsync());
        }
        Assert.Null(await AccountAsync(phone));

        // "Gửi lại mã": a second text, a new sealed page; the first code does not open it.
        var resent = await ConfirmAsync(client, step, "", handler: "Resend");
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var second = await resent.Content.ReadAsStringAsync();
        Assert.Equal(2, app.TextsTo(phone).Count);
        var code = NotificationApp.CodeIn(app.TextsTo(phone)[^1]);
        if (code != first) Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ConfirmAsync(client, second, first)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, second, code)).StatusCode);
        Assert.True((await AccountAsync(phone))!.PhoneNumberConfirmed);
    }

    [Fact]
    public async Task Guessing_is_cut_off_after_five_tries_and_texts_are_limited_per_phone_and_per_client()
    {
        var phone = NewPhone();
        var client = app.AnonymousElsewhere();
        var step = await (await StartAsync(client, phone)).Content.ReadAsStringAsync();
        var code = NotificationApp.CodeIn(Assert.Single(app.TextsTo(phone)));
        for (var i = 0; i < PhoneCodeLimits.GuessesPerHour; i++)
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ConfirmAsync(client, step, ((int.Parse(code) + 1 + i) % 1_000_000).ToString("D6"))).StatusCode);
        var held = await ConfirmAsync(client, step, code); // even the right code, once the tries are spent
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.Matches("data-valmsg-for=\"Confirm.Code\"[^>]*>Đã nhập sai mã quá nhiều lần.", await held.Content.ReadAsStringAsync());
        Assert.Null(await AccountAsync(phone));

        // Per phone: three texts an hour, however many clients ask.
        var flooded = NewPhone();
        for (var i = 0; i < PhoneCodeLimits.PerPhonePerHour; i++) Assert.Equal(HttpStatusCode.OK, (await StartAsync(app.AnonymousElsewhere(), flooded)).StatusCode);
        var fourth = await StartAsync(app.AnonymousElsewhere(), flooded);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Matches("data-valmsg-for=\"Input.Phone\"[^>]*>Đã gửi quá nhiều mã", await fourth.Content.ReadAsStringAsync());
        Assert.Equal(PhoneCodeLimits.PerPhonePerHour, app.TextsTo(flooded).Count);

        // Per client: ten texts an hour to numbers of its choosing, then none.
        var pump = app.AnonymousElsewhere();
        var pumped = new List<string>();
        for (var i = 0; i < PhoneCodeLimits.PerClientPerHour; i++)
        {
            pumped.Add(NewPhone());
            Assert.Equal(HttpStatusCode.OK, (await StartAsync(pump, pumped[^1])).StatusCode);
        }
        var beyond = NewPhone();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await StartAsync(pump, beyond)).StatusCode);
        Assert.Empty(app.TextsTo(beyond));
        Assert.All(pumped, p => Assert.Single(app.TextsTo(p)));
    }
}

public sealed class RegistrationTestsSqlite(SqliteNotificationApp app) : RegistrationTests<SqliteNotificationApp>(app);
public sealed class RegistrationTestsPostgres(PostgresNotificationApp app) : RegistrationTests<PostgresNotificationApp>(app);

/// <summary>Without an SMS contract the phone cannot be proven: the account is made at once, marked unconfirmed.</summary>
public abstract class RegistrationWithoutSmsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task Without_sms_the_account_is_made_at_once_with_its_phone_unproven()
    {
        var client = app.Anonymous();
        Assert.DoesNotContain("id=\"proof-help\"", await client.GetStringAsync("/dang-ky"));
        var (citizen, phone) = await app.RegisterCitizenAsync("Quàng Văn Chưa Xác Minh", "Dang-ky-2026!");
        Assert.DoesNotContain("id=\"phone-proven\"", await citizen.GetStringAsync("/tai-khoan/du-lieu"));
        await using var db = app.OpenDb();
        var account = await db.Users.SingleAsync(u => u.UserName == phone);
        Assert.False(account.PhoneNumberConfirmed);
        Assert.NotNull(account.PasswordHash);
        await AppFixture.SignInAsync(app.Anonymous(), phone, "Dang-ky-2026!");
    }
}

public sealed class RegistrationWithoutSmsTestsSqlite(SqliteApp app) : RegistrationWithoutSmsTests<SqliteApp>(app);
