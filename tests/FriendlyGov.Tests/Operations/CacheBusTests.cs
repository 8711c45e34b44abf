using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FriendlyGov.Tests.Integration;

/// <summary>A second app instance on the fixture's PostgreSQL database, as a second node behind nginx would be.</summary>
public sealed class SecondInstance(AppFixture first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", first.Db.Provider);
        builder.UseSetting("ConnectionStrings:Default", first.Db.ConnectionString);
        builder.UseSetting("Database:SeedDemo", "false");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(Path.GetTempPath(), "fg-test-keys"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Audit:Key", first.AuditKeyBase64);
    }
}

/// <summary>
/// Issue 15, caches across instances: the public tracking cache of one instance drops a dossier the moment another instance
/// commits a change to it (PostgreSQL LISTEN/NOTIFY), so a citizen behind a load balancer never sees a stale status.
/// PostgreSQL only: SQLite is the one-instance set-up.
/// </summary>
public sealed class CacheBusTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_change_committed_on_one_instance_shows_at_once_on_the_other_instances_cached_lookup()
    {
        await using var other = new SecondInstance(app);
        var citizenOnOther = other.CreateClient();
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var (code, key) = await TestDossiers.ReceiveAsync(officer, applicant: "Lò Văn Thanh");
        async Task<string> StatusOnOther() => (await citizenOnOther.GetFromJsonAsync<JsonElement>($"/api/v1/tracking/{key}")).GetProperty("status").GetString()!;
        Assert.Equal("Được tiếp nhận", await StatusOnOther());
        Assert.Equal("Được tiếp nhận", await StatusOnOther()); // now held in the other instance's memory

        var version = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var acted = await officer.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action = "StartProcessing", version });
        Assert.True(acted.IsSuccessStatusCode, await acted.Content.ReadAsStringAsync());
        // The notice travels through the database: allow it a moment, far below the cache's 20 minutes.
        var seen = "";
        for (var i = 0; i < 40 && (seen = await StatusOnOther()) == "Được tiếp nhận"; i++) await Task.Delay(50);
        Assert.Equal("Đang xử lý", seen);
    }

    [Fact]
    public async Task An_account_locked_on_one_instance_ends_its_session_on_the_other_at_once()
    {
        // The officer works through the second instance, whose session cache now holds the account (it would for 15 s).
        var userName = await app.NewOfficerAsync("Can.Bo.Moi2025");
        var leader = await app.LoginAsync("quangloc.lanhdao");
        await using var other = new SecondInstance(app);
        var officerOnOther = await AppFixture.SignInAsync(
            other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), userName, "Can.Bo.Moi2025");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await officerOnOther.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await officerOnOther.GetAsync("/api/v1/me")).StatusCode);

        // The leader locks the account on the first instance: the second drops what it holds when the notice arrives.
        var locked = await leader.PostAsync("/can-bo/nhan-su?handler=Lock", await AppFixture.FormAsync(leader, "/can-bo/nhan-su", new() { ["userName"] = userName, ["locked"] = "true" }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, locked.StatusCode);
        var status = System.Net.HttpStatusCode.OK;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Well below the cache's 15 s: only the notice through the database can end the session this soon.
        while (watch.Elapsed < TimeSpan.FromSeconds(3) && (status = (await officerOnOther.GetAsync("/api/v1/me")).StatusCode) == System.Net.HttpStatusCode.OK)
            await Task.Delay(50);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_new_dossier_tells_the_other_instances_nothing_and_its_next_step_tells_them_its_id()
    {
        // Listening as another instance would: every notice on the channel, kept with the dossier ids it names.
        var notices = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var listener = new NpgsqlConnection(app.Db.ConnectionString);
        await listener.OpenAsync();
        listener.Notification += (_, e) => notices.Enqueue(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {FriendlyGov.Web.Shared.CacheBus.Channel}", listener)) await listen.ExecuteNonQueryAsync();
        using var stop = new CancellationTokenSource();
        var waiting = Task.Run(async () => { try { while (true) await listener.WaitAsync(stop.Token); } catch (OperationCanceledException) { } });

        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var (code, _) = await TestDossiers.ReceiveAsync(officer, applicant: "Lò Văn Thanh");
        int id;
        await using (var db = app.OpenDb()) id = await db.Dossiers.IgnoreQueryFilters().Where(d => d.Code == code).Select(d => d.Id).SingleAsync();
        bool Named() => notices.Any(n => n[(n.IndexOf('|') + 1)..].Split(',').Contains("d:" + id));

        // Nobody could have read the timeline of a dossier that did not exist: its intake (dossier and first step) sends no notice.
        await Task.Delay(1000);
        Assert.False(Named(), $"the intake published its dossier: {string.Join(" ; ", notices)}");

        // Its next step does: the other instances drop what they hold of it.
        var version = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        Assert.True((await officer.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action = "StartProcessing", version })).IsSuccessStatusCode);
        for (var i = 0; i < 40 && !Named(); i++) await Task.Delay(50);
        await stop.CancelAsync();
        await waiting;
        Assert.True(Named(), $"the step's notice did not arrive: {string.Join(" ; ", notices)}");
    }
}

/// <summary>
/// Reference data across instances, as two real processes (the version the reference cache keys on is per process, so two
/// hosts in one test process would share it and prove nothing).
/// </summary>
public sealed class ReferenceCacheProcessTests() : AppProcesses("Postgres")
{
    [Fact]
    public async Task Office_hours_changed_on_one_instance_count_at_once_in_the_other_instances_due_dates()
    {
        var first = TestProcesses.FreePort();
        var second = TestProcesses.FreePort();
        await StartAsync(first, seed: true);
        await StartAsync(second, seed: false);
        using var other = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{second}") };
        const string Due = "/api/v1/calendar/due-date?unit=03298&from=2025-01-06T07:00&workingDays=1";
        async Task<string> DueOnOther() => (await other.GetFromJsonAsync<JsonElement>(Due)).GetProperty("due").GetString()!;
        Assert.Equal("2025-01-06T17:00:00", await DueOnOther()); // the default hours, now in the second instance's reference cache

        var cookies = new System.Net.CookieContainer();
        using var leader = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{first}") };
        var login = await leader.GetStringAsync("/dang-nhap");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await leader.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFixture.Token(login), ["Input.UserName"] = "chiengsinh.lanhdao", ["Input.Password"] = FriendlyGov.Web.Shared.DemoSeeder.Password,
        }))).StatusCode);
        var saved = await leader.PostAsync("/can-bo/gio-lam-viec", await AppFixture.FormAsync(leader, "/can-bo/gio-lam-viec", new()
        {
            ["Input.MorningStart"] = "07:30", ["Input.MorningEnd"] = "11:30", ["Input.AfternoonStart"] = "13:30",
            ["Input.AfternoonEnd"] = "16:30", ["Input.SameDayCutoff"] = "15:00", ["Input.Version"] = "0",
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        // Far below the cache's minute: the notice comes through the database.
        var seen = "";
        for (var i = 0; i < 40 && (seen = await DueOnOther()) == "2025-01-06T17:00:00"; i++) await Task.Delay(50);
        Assert.Equal("2025-01-06T16:30:00", seen);
    }
}
