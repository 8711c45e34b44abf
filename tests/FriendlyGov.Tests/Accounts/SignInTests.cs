using System.Net;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Sign-in as an attacker meets it: nobody can lock an official out from outside, every failure answers the same, an
/// address that keeps guessing is blocked and an administrator can see and lift it; locking an account or changing its
/// password ends its sessions at once.
/// </summary>
public abstract class SignInTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Password = "Can.Bo.Moi2025";

    /// <summary>A new counter officer of Quang Lộc, made by its leader for this test.</summary>
    private Task<string> NewOfficerAsync() => app.NewOfficerAsync(Password);

    /// <summary>A browser at the given address (as nginx reports it).</summary>
    private HttpClient From(string address)
    {
        var c = app.Anonymous();
        c.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return c;
    }

    private static async Task<(HttpStatusCode Status, string Message)> TryAsync(HttpClient client, string userName, string password)
    {
        var response = await client.PostAsync("/dang-nhap", await AppFixture.FormAsync(client, "/dang-nhap", new()
        {
            ["Input.UserName"] = userName, ["Input.Password"] = password,
        }));
        var html = await response.Content.ReadAsStringAsync();
        var summary = Regex.Match(html, "<div class=\"error[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        return (response.StatusCode, Regex.Replace(summary, "<[^>]+>", "").Trim());
    }

    /// <summary>
    /// A botnet's day of guesses at an account, from many addresses: twelve failures, the last one now. Time cannot be made
    /// to pass in the app, so the counter is written directly, under the account's fingerprint.
    /// </summary>
    private async Task<string> HoldBackAccountAsync(string userName)
    {
        var key = "user:" + app.AuditKey.Mac("sign-in", SignInGuard.Normalize(userName))[..24];
        await using var db = app.OpenDb();
        await db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync();
        db.SignInThrottles.Add(new SignInThrottle { Key = key, Failures = 12, FirstAt = DateTime.UtcNow.AddHours(-3), LastAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return key;
    }

    private static string Address() => $"203.0.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    [Fact]
    public async Task An_outsider_guessing_an_officials_password_cannot_lock_them_out_and_learns_nothing()
    {
        var official = await NewOfficerAsync();
        // The official's own browser: signed in here before, so it is one of the account's known devices.
        var desk = From(Address());
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(desk, official, Password)).Status);

        var attacker = From(Address());
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 25; i++) answers.Add(await TryAsync(attacker, official, "Sai.Mat.Khau" + i));
        answers.Add(await TryAsync(attacker, "khong-co-tai-khoan-nay", "Sai.Mat.Khau"));
        answers.Add(await TryAsync(From(Address()), "khong-co-tai-khoan-nay" + Random.Shared.Next(), "Sai.Mat.Khau"));
        // Every failure, held back or not, for a real account or none: one status, one message.
        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answers[0].Item1);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng", answers[0].Item2);
        // Once held back, even the right password from the attacker's address gets the same answer.
        Assert.Equal(answers[0], await TryAsync(attacker, official, Password));

        // The official, at their own device, still signs in at once, even while the account is held back for other devices.
        var accountKey = await HoldBackAccountAsync(official);
        var morning = desk;
        await morning.PostAsync("/dang-xuat", await AppFixture.FormAsync(morning, "/can-bo", new()));
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(morning, official, Password)).Status);

        // From a device the account has not used, the right password waits out the account's growing delay, which is capped
        // (never a lock): twelve failures just now hold a new device back; when the last one is five minutes old, it gets in.
        // (The official's sign-in just now cleared the account's counter: it is written again.)
        await HoldBackAccountAsync(official);
        var newPhone = From(Address());
        Assert.Equal(answers[0], await TryAsync(newPhone, official, Password));
        await using (var db = app.OpenDb())
            await db.SignInThrottles.Where(x => x.Key == accountKey).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastAt, DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(newPhone, official, Password)).Status);

        // Nothing of the account is locked.
        await using var check = app.OpenDb();
        var user = await check.Users.SingleAsync(u => u.UserName == official);
        Assert.Null(user.LockoutEnd);
    }

    [Fact]
    public async Task An_address_that_keeps_guessing_is_blocked_until_an_administrator_lifts_it()
    {
        var official = await NewOfficerAsync();
        var address = Address();
        var attacker = From(address);
        for (var i = 0; i < 100; i++) await TryAsync(attacker, "doan" + i, "Sai.Mat.Khau");
        await using (var db = app.OpenDb())
        {
            var row = await db.SignInThrottles.SingleAsync(t => t.Key == "ip:" + address);
            Assert.Equal(100, row.Failures);
            Assert.NotNull(row.BlockedUntil);
            // Time passing does not lift a block: only its day, or an administrator.
            await db.SignInThrottles.Where(t => t.Key == "ip:" + address).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastAt, x => x.LastAt.AddHours(-1)));
        }
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await TryAsync(attacker, official, Password)).Status);

        var admin = await app.LoginAsync("quantri");
        var page = await admin.GetStringAsync("/quan-tri/dang-nhap");
        Assert.Contains(address, page);
        Assert.Contains("Bị chặn đến", page);
        // The page finds an account's counter by its name, which the table itself never shows.
        var lookedUp = await admin.GetStringAsync($"/quan-tri/dang-nhap?tai-khoan={official}");
        Assert.DoesNotContain(official, Regex.Replace(lookedUp, "<input[^>]*>", ""));
        var lift = await admin.PostAsync("/quan-tri/dang-nhap?handler=Lift", await AppFixture.FormAsync(admin, "/quan-tri/dang-nhap", new() { ["key"] = "ip:" + address }));
        Assert.Equal(HttpStatusCode.Redirect, lift.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(attacker, official, Password)).Status);

        // Only an administrator sees the table.
        var leader = await app.LoginAsync("quangloc.lanhdao");
        Assert.NotEqual(HttpStatusCode.OK, (await leader.GetAsync("/quan-tri/dang-nhap")).StatusCode);
    }

    [Fact]
    public async Task Locking_an_account_ends_its_open_sessions_at_once()
    {
        var official = await NewOfficerAsync();
        var session = await app.LoginAsync(official, Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/can-bo")).StatusCode);

        var leader = await app.LoginAsync("quangloc.lanhdao");
        var locked = await leader.PostAsync("/can-bo/nhan-su?handler=Lock", await AppFixture.FormAsync(leader, "/can-bo/nhan-su", new() { ["userName"] = official, ["locked"] = "true" }));
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        var after = await session.GetAsync("/can-bo");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/dang-nhap", after.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var official = await NewOfficerAsync();
        var office = await app.LoginAsync(official, Password);
        var phone = await app.LoginAsync(official, Password);
        var changed = await office.PostAsync("/tai-khoan/doi-mat-khau", await AppFixture.FormAsync(office, "/tai-khoan/doi-mat-khau", new()
        {
            ["Input.Current"] = Password, ["Input.New"] = "Mat.Khau.Moi2026", ["Input.Confirm"] = "Mat.Khau.Moi2026",
        }));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/can-bo")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/can-bo")).StatusCode);
    }
}

public sealed class SignInTestsSqlite(SqliteApp app) : SignInTests<SqliteApp>(app);
public sealed class SignInTestsPostgres(PostgresApp app) : SignInTests<PostgresApp>(app);
