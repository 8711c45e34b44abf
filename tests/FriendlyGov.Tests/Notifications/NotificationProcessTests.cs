using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Issue 14's reliability checks against the real app as its own process(es): the outbox survives kill -9 while sending,
/// and two instances on one PostgreSQL database run each scheduled job once.
/// </summary>
[Collection(nameof(CommandsCollection))]
public abstract class AppProcesses(string provider) : IAsyncLifetime
{
    protected readonly TestDatabase _db = TestDatabase.Create(provider);
    private readonly string _dir = Directory.CreateTempSubdirectory("fg-outbox-").FullName;
    private readonly string _key = AuditKey.NewBase64();
    protected readonly TestMailServer _mail = new();
    protected readonly List<Process> _apps = [];
    /// <summary>What the started apps wrote (JSON log lines), for tests of what an operator sees.</summary>
    protected readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

    private Dictionary<string, string> Settings(bool seed, bool scheduler = false) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Database__Provider"] = _db.Provider,
        ["ConnectionStrings__Default"] = _db.ConnectionString,
        ["Database__SeedDemo"] = seed ? "true" : "false",
        ["Audit__Key"] = _key,
        ["DataProtection__KeysPath"] = Path.Combine(_dir, "keys"),
        ["Notifications__Email__Host"] = "127.0.0.1",
        ["Notifications__Email__Port"] = _mail.Port.ToString(),
        ["Notifications__Email__From"] = "khongtraloi@dichvucong.test",
        ["Notifications__LeaseSeconds"] = "3",
        ["Notifications__PollSeconds"] = "1",
        ["Notifications__ResolvedCheckDays"] = "0",
        ["Scheduler__Enabled"] = scheduler ? "true" : "false",
        ["Scheduler__ResolvedCheckCron"] = "0/2 * * * * ?",
    };

    protected async Task<Process> StartAsync(int port, bool seed, bool scheduler = false, string? resolvedCheckCron = null)
    {
        var settings = Settings(seed, scheduler);
        if (resolvedCheckCron is not null) settings["Scheduler__ResolvedCheckCron"] = resolvedCheckCron;
        var app = await TestProcesses.StartAppAsync(port, settings, line => _log.Enqueue(line));
        _apps.Add(app);
        return app;
    }

    protected static void KillHard(Process app)
    {
        app.Kill(entireProcessTree: true); // SIGKILL on Linux: no shutdown, nothing flushed
        app.WaitForExit();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var a in _apps.Where(a => !a.HasExited)) KillHard(a);
        await _mail.DisposeAsync();
        await _db.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    /// <summary>The "was it resolved?" check's run records, read again until one matches <paramref name="until"/> or time runs out.</summary>
    protected async Task<List<ScheduledRun>> RunsAsync(Func<ScheduledRun, bool> until, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        List<ScheduledRun> runs = [];
        while (DateTime.UtcNow < deadline)
        {
            await using var db = OpenDb();
            runs = await db.ScheduledRuns.AsNoTracking().Where(r => r.Job == "resolved-check").OrderBy(r => r.ScheduledFor).ToListAsync();
            if (runs.Any(until)) break;
            await Task.Delay(200);
        }
        return runs;
    }

    protected AppDbContext OpenDb()
    {
        var b = new DbContextOptionsBuilder<AppDbContext>();
        Database.Configure(b, _db.Provider == "Postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, _db.ConnectionString);
        return AppDbContext.Create(b.Options, new SystemScope("test"), auditKey: AuditKey.FromBase64(_key));
    }

}

public abstract class NotificationProcessTests(string provider) : AppProcesses(provider)
{
    [Fact]
    public async Task Killed_while_sending_the_outbox_and_restarted_every_message_arrives_and_none_under_two_ids()
    {
        var port = TestProcesses.FreePort();
        // First start: migrate, then stop so the outbox can be filled while nobody sends, for a commune of the test's own.
        KillHard(await StartAsync(port, seed: false));
        const int count = 150;
        await using (var db = OpenDb())
        {
            var unit = new AdministrativeUnit { Code = "90001", Name = "Nậm Thử", Type = UnitType.Commune, Level = UnitLevel.Commune, EffectiveFrom = new(2025, 7, 1) };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            var now = DateTime.UtcNow;
            for (var i = 0; i < count; i++)
                db.Notifications.Add(new Notification
                {
                    Id = Guid.CreateVersion7(), UnitId = unit.Id, EventKey = $"kill-test:{i}", Moment = NotificationMoment.DossierReceived,
                    Channel = NotificationChannel.Email, Recipient = $"dan{i}@example.vn", DossierCode = $"TEST-{i:0000}", CreatedAt = now, NextAttemptAt = now,
                    Data = JsonSerializer.Serialize(new Dictionary<string, string> { ["ma_ho_so"] = $"TEST-{i:0000}", ["ten_xa"] = "UBND xã Nậm Thử" }),
                });
            await db.SaveChangesAsync();
        }
        // Kill it twice while it sends, then let it finish.
        var kills = 0;
        foreach (var threshold in new[] { 30, 90 })
        {
            var app = await StartAsync(port, seed: false);
            var until = DateTime.UtcNow.AddSeconds(60);
            while (_mail.Messages.Count < threshold && DateTime.UtcNow < until) await Task.Delay(20);
            KillHard(app);
            kills++;
        }
        await StartAsync(port, seed: false);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        List<Notification> rows = [];
        while (DateTime.UtcNow < deadline)
        {
            await using var db = OpenDb();
            rows = await db.Notifications.AsNoTracking().Where(n => n.EventKey.StartsWith("kill-test:")).ToListAsync();
            if (rows.All(r => r.Status == NotificationStatus.Sent)) break;
            await Task.Delay(250);
        }
        Assert.All(rows, r => Assert.Equal(NotificationStatus.Sent, r.Status));
        var received = _mail.Messages.ToList();
        var byId = received.GroupBy(m => m.MessageId).ToDictionary(g => g.Key!, g => g.Count());
        // Every message arrived, each under the one Message-ID of its outbox row (the mailbox recognises a resend by it).
        Assert.Equal(count, byId.Count);
        Assert.All(rows, r => Assert.True(byId.ContainsKey($"{r.Id:N}@friendlygov"), $"{r.Recipient} never arrived"));
        // No recipient got the same event under a second id: one outbox row per event and person.
        Assert.All(rows, r => Assert.Equal([$"{r.Id:N}@friendlygov"], received.Where(m => m.To.Mailboxes.Single().Address == r.Recipient).Select(m => m.MessageId!).Distinct()));
        // A resend can only be the message that was on the wire when the process died: at most one per kill.
        var resent = received.Count - count;
        Console.WriteLine($"Outbox kill test: {count} messages, {kills} kills, {resent} resent under their own Message-ID");
        Assert.InRange(resent, 0, kills);
    }

}

/// <summary>PostgreSQL only: SQLite is the one-instance embedded set-up, and Quartz refuses to cluster on it.</summary>
public sealed class SchedulerClusterTests() : AppProcesses("Postgres")
{
    [Fact]
    public async Task Two_instances_on_one_database_run_each_scheduled_job_once_and_ask_a_sender_once()
    {
        var first = TestProcesses.FreePort();
        var second = TestProcesses.FreePort();
        await StartAsync(first, seed: true, scheduler: true);
        await StartAsync(second, seed: false, scheduler: true);

        // A petition answered today, whose sender chose e-mail: the "was it resolved?" check (every 2 s here) asks once.
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{first}") };
        var login = await http.GetStringAsync("/dang-nhap");
        Assert.Equal(HttpStatusCode.Redirect, (await http.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFixture.Token(login), ["Input.UserName"] = "quangloc.lanhdao", ["Input.Password"] = DemoSeeder.Password,
        }))).StatusCode);
        var email = $"dan-{Guid.NewGuid():N}@example.vn";
        var created = await http.PostAsJsonAsync("/api/v1/communes/16060/petitions", new
        {
            category = "giao-thong", title = "Cống thôn Tây bị tắc", content = "Cống thoát nước đầu thôn Tây bị tắc, nước tràn mặt đường.",
            senderName = "Lê Thị Mai", senderEmail = email, channel = "Counter", consentPublish = true, notifyBy = "Email",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var me = (await http.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString();
        foreach (var (action, note, assignee) in new[] { ("Assigned", (string?)null, me), ("Answered", "Xã đã thông cống ngày 01/12.", null) })
        {
            var version = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{code}")).GetProperty("version").GetInt32();
            var r = await http.PostAsJsonAsync($"/api/v1/petitions/{code}/actions", new { action, note, assigneeId = assignee, version });
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        }
        await _mail.WaitForAsync(email, 3, 60); // received, answered, and the check

        await Task.Delay(TimeSpan.FromSeconds(8)); // several more firings, on either instance
        await using var db = OpenDb();
        var runs = await db.ScheduledRuns.AsNoTracking().Where(r => r.Job == "resolved-check").ToListAsync();
        var byTime = runs.GroupBy(r => r.ScheduledFor).ToList();
        Assert.True(byTime.Count >= 4, $"only {byTime.Count} firings recorded");
        Assert.All(byTime, g => Assert.Single(g));
        Console.WriteLine($"Two-instance scheduling: {byTime.Count} firings, instances {string.Join(", ", runs.Select(r => r.Instance.Split('/')[^1]).Distinct())}");
        Assert.Single(_mail.To(email), m => m.Subject?.Contains("giải quyết chưa") == true);
        Assert.Single(await db.Notifications.AsNoTracking().Where(n => n.PetitionCode == code && n.Moment == NotificationMoment.PetitionResolvedCheck).ToListAsync());

        // The instance that runs the jobs dies: the other takes them over (after the cluster's check-in threshold).
        var runner = int.Parse(runs.OrderBy(r => r.StartedAt).Last().Instance.Split('/')[1]);
        var dead = _apps.Single(a => a.Id == runner);
        var diedAt = DateTime.UtcNow;
        KillHard(dead);
        var survivor = _apps.Single(a => a.Id != runner).Id;
        var after = (await RunsAsync(r => r.StartedAt > diedAt && r.Instance.Split('/')[1] == survivor.ToString())).Where(r => r.StartedAt > diedAt).ToList();
        Assert.Contains(after, r => r.Instance.Split('/')[1] == survivor.ToString());
        Assert.All(after.GroupBy(r => r.ScheduledFor), g => Assert.Single(g));
    }
}

/// <summary>The scheduler at start-up and at a firing, on either database: a claimed firing runs once, a changed cron applies.</summary>
public abstract class SchedulerStartTests(string provider) : AppProcesses(provider)
{
    [Fact]
    public async Task A_firing_already_claimed_is_not_run_a_second_time()
    {
        await StartAsync(TestProcesses.FreePort(), seed: false, scheduler: true);
        var first = (await RunsAsync(_ => true)).FirstOrDefault();
        Assert.NotNull(first); // the scheduler fires every 2 s

        // Another instance has claimed the next five firings (a run record for each due time): this one runs none of them.
        var now = DateTime.UtcNow;
        var next = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddSeconds(now.Second % 2 == 0 ? 2 : 1);
        var claimed = Enumerable.Range(0, 5).Select(i => next.AddSeconds(2 * (i + 1))).ToList();
        await using (var db = OpenDb())
        {
            db.ScheduledRuns.AddRange(claimed.Select(t => new ScheduledRun { Job = "resolved-check", ScheduledFor = t, StartedAt = now, Instance = "other/1/claim" }));
            await db.SaveChangesAsync();
        }
        // Wait for a later firing to finish, not only to start: under load its record exists well before its outcome.
        var runs = await RunsAsync(r => r.ScheduledFor > claimed[^1] && r.Instance != "other/1/claim" && r.FinishedAt != null, 40);
        Assert.All(claimed, t => Assert.Equal("other/1/claim", Assert.Single(runs, r => r.ScheduledFor == t).Instance));
        // The firings around them ran as usual on this instance: the claim held back exactly those.
        Assert.Contains(runs, r => r.ScheduledFor > claimed[^1] && r.Instance != "other/1/claim" && r.FinishedAt != null);
        Assert.All(runs.GroupBy(r => r.ScheduledFor), g => Assert.Single(g));
        // The operator reads a warning for each firing held back, and no failed database command: the claim is not an error.
        Assert.Contains(_log, l => l.Contains("already runs on another instance"));
        Assert.DoesNotContain(_log, l => l.Contains("\"LogLevel\":\"Error\"") && l.Contains("ScheduledRuns"));
    }

    [Fact]
    public async Task A_cron_changed_in_configuration_applies_at_the_next_start()
    {
        var app = await StartAsync(TestProcesses.FreePort(), seed: false, scheduler: true, resolvedCheckCron: "0/2 * * * * ?");
        var even = await RunsAsync(_ => true);
        Assert.NotEmpty(even);
        Assert.All(even, r => Assert.Equal(0, r.ScheduledFor.Second % 2));
        KillHard(app);

        // Odd seconds now: the stored trigger (even seconds) is replaced at start-up because it differs.
        var restartedAt = DateTime.UtcNow;
        app = await StartAsync(TestProcesses.FreePort(), seed: false, scheduler: true, resolvedCheckCron: "1/2 * * * * ?");
        var odd = (await RunsAsync(r => r.StartedAt > restartedAt && r.ScheduledFor.Second % 2 == 1 && r.ScheduledFor > restartedAt.AddSeconds(4)))
            .Where(r => r.StartedAt > restartedAt && r.ScheduledFor > restartedAt.AddSeconds(4)).ToList();
        Assert.NotEmpty(odd);
        Assert.All(odd, r => Assert.Equal(1, r.ScheduledFor.Second % 2));
    }
}

public sealed class SchedulerStartTestsSqlite() : SchedulerStartTests("Sqlite");
public sealed class SchedulerStartTestsPostgres() : SchedulerStartTests("Postgres");

public sealed class NotificationProcessTestsSqlite() : NotificationProcessTests("Sqlite");
public sealed class NotificationProcessTestsPostgres() : NotificationProcessTests("Postgres");
