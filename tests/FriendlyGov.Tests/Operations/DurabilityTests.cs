using System.Collections.Concurrent;
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
/// Issue 11's durability check: the real app as its own process under intake load with idempotency keys, killed with SIGKILL
/// several times and restarted; clients retry whatever got no answer with the same key. Every request ends with exactly one
/// dossier, its final answer names that dossier, and the audit chains are intact.
/// </summary>
[Collection(nameof(CommandsCollection))]
public abstract class DurabilityTests(string provider) : IAsyncLifetime
{
    private readonly TestDatabase _db = TestDatabase.Create(provider);
    private readonly string _dir = Directory.CreateTempSubdirectory("fg-kill-").FullName;
    private readonly string _key = AuditKey.NewBase64();
    private readonly int _port = TestProcesses.FreePort();
    private Process? _app;

    private async Task StartAsync() => _app = await TestProcesses.StartAppAsync(_port, new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Database__Provider"] = _db.Provider,
        ["ConnectionStrings__Default"] = _db.ConnectionString,
        ["Database__SeedDemo"] = "true",
        ["Audit__Key"] = _key,
        ["DataProtection__KeysPath"] = Path.Combine(_dir, "keys"),
    });

    private void KillHard()
    {
        _app!.Kill(entireProcessTree: true); // SIGKILL on Linux: no shutdown, no flush
        _app.WaitForExit();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_app is { HasExited: false }) KillHard();
        await _db.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Killed_mid_load_and_restarted_every_acknowledged_dossier_is_stored_once_and_every_retry_gets_its_first_answer()
    {
        await StartAsync();
        var cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(10) };
        var login = await http.GetStringAsync("/dang-nhap");
        var signedIn = await http.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFixture.Token(login), ["Input.UserName"] = "chiengsinh.tiepnhan", ["Input.Password"] = DemoSeeder.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var started = new ConcurrentBag<int>();
        var run = Guid.NewGuid().ToString("N")[..6];
        var answers = new ConcurrentDictionary<int, string>();
        var retries = 0;
        var next = -1;
        var loadDone = false;
        async Task Worker()
        {
            int i;
            // New requests keep coming until the fourth restart; each one started is retried until answered.
            while (!Volatile.Read(ref loadDone) && (i = Interlocked.Increment(ref next)) < 5000)
            {
                started.Add(i);
                var key = $"{run}-{i}";
                var body = new
                {
                    procedureCode = "1.001193", applicantName = $"Tải {run} {i}", citizenId = "011095004444", phone = "0912004444", address = "Bản Củ",
                    decision = "Accept", received = new[] { 0, 1, 2, 3 }, missingDocuments = (string?)null, refusalReason = (string?)null,
                };
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        using var m = new HttpRequestMessage(HttpMethod.Post, "/api/v1/communes/03298/dossiers") { Content = JsonContent.Create(body) };
                        m.Headers.Add("Idempotency-Key", key);
                        using var r = await http.SendAsync(m);
                        if (r.StatusCode == HttpStatusCode.Created) { answers[i] = await r.Content.ReadAsStringAsync(); break; }
                        Assert.True((int)r.StatusCode >= 500, $"request {i}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { }
                    Interlocked.Increment(ref retries);
                    Assert.True(attempt < 200, $"request {i} never answered");
                    await Task.Delay(150);
                }
            }
        }
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(Worker)).ToList();
        var kills = 0;
        var killer = Task.Run(async () =>
        {
            while (kills < 4)
            {
                // Kill mid-load: once the server (cold after each restart, so slow on a slow machine) has answered a few
                // more requests, at a random moment after that.
                var answered = answers.Count;
                for (var w = 0; w < 600 && answers.Count < answered + 6; w++) await Task.Delay(50);
                await Task.Delay(300 + Random.Shared.Next(600));
                KillHard();
                kills++;
                await StartAsync();
            }
            await Task.Delay(500);
            Volatile.Write(ref loadDone, true);
        });
        await killer;
        await Task.WhenAll(workers);
        var requests = started.Count;
        Assert.Equal(4, kills);
        Assert.True(retries > 0, "no request had to be retried: the kills missed the load");
        Assert.True(requests > 20, $"only {requests} requests ran");
        Assert.Equal(requests, answers.Count);

        // Exactly once: one dossier per request, and the answer each client holds names it.
        await using var db = OpenDb();
        var stored = await db.Dossiers.Where(d => d.ApplicantName.StartsWith($"Tải {run} ")).Select(d => new { d.ApplicantName, d.Code }).ToListAsync();
        Assert.Equal(requests, stored.Count);
        Assert.Equal(requests, stored.Select(d => d.ApplicantName).Distinct().Count());
        foreach (var (i, answer) in answers)
            Assert.Equal(stored.Single(d => d.ApplicantName == $"Tải {run} {i}").Code, JsonDocument.Parse(answer).RootElement.GetProperty("code").GetString());

        // Asked again now, each key answers its first result, byte for byte.
        foreach (var i in new[] { 0, started.Max() / 2, started.Max() })
        {
            using var m = new HttpRequestMessage(HttpMethod.Post, "/api/v1/communes/03298/dossiers")
            {
                Content = JsonContent.Create(new
                {
                    procedureCode = "1.001193", applicantName = $"Tải {run} {i}", citizenId = "011095004444", phone = "0912004444", address = "Bản Củ",
                    decision = "Accept", received = new[] { 0, 1, 2, 3 }, missingDocuments = (string?)null, refusalReason = (string?)null,
                }),
            };
            m.Headers.Add("Idempotency-Key", $"{run}-{i}");
            var again = await http.SendAsync(m);
            Assert.Equal(answers[i], await again.Content.ReadAsStringAsync());
            Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        }
        var verification = await AuditSeals.VerifyAsync(db);
        Assert.True(verification.Intact, string.Join("; ", verification.Breaks));
    }

    /// <summary>A context on the test database with the app's key, outside the app's process.</summary>
    private AppDbContext OpenDb()
    {
        var b = new DbContextOptionsBuilder<AppDbContext>();
        Database.Configure(b, _db.Provider == "Postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, _db.ConnectionString);
        return AppDbContext.Create(b.Options, new SystemScope("test"), auditKey: AuditKey.FromBase64(_key));
    }
}

public sealed class DurabilityTestsSqlite() : DurabilityTests("Sqlite");
public sealed class DurabilityTestsPostgres() : DurabilityTests("Postgres");
