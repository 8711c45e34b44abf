using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The failover drill's failure, made to happen on purpose and often: while counter officers post dossiers, the database
/// ends the app's connections (pg_terminate_backend, what a primary going down does to them) at random moments: inside
/// the idempotent transaction, between the dossier and its commit, while the key is claimed. Every answer is a 201 or a
/// 503 to send again, never a 500; every key sent again until answered makes exactly one dossier.
/// </summary>
public sealed class ConnectionLossTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Connections_cut_under_intake_load_answer_503_never_500_and_each_key_makes_one_dossier()
    {
        var name = "Người Thử Mất Kết Nối " + Guid.NewGuid().ToString("N")[..6];
        var body = new
        {
            procedureCode = "1.001193", applicantName = name, citizenId = "011095003333", phone = "0912003333", address = "Bản Củ",
            decision = "Accept", received = new[] { 0, 1, 2, 3 },
        };
        var officers = new List<HttpClient>();
        for (var i = 0; i < 6; i++) officers.Add(await app.LoginAsync("chiengsinh.tiepnhan"));
        var statuses = new ConcurrentDictionary<int, int>();
        var errors = new ConcurrentBag<string>();
        var answered = new ConcurrentDictionary<string, string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // The database side: every 100-300 ms, end every other connection to this test's database.
        var database = new NpgsqlConnectionStringBuilder(app.Db.ConnectionString).Database;
        var killed = 0;
        var killer = Task.Run(async () =>
        {
            await using var admin = new NpgsqlConnection(app.Db.ConnectionString);
            await admin.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(Random.Shared.Next(100, 300));
                await using var cmd = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", admin)
                    { Parameters = { new() { Value = database! } } };
                killed += Convert.ToInt32(await cmd.ExecuteScalarAsync());
            }
        });
        await Task.WhenAll(officers.Select(async officer =>
        {
            while (!stop.IsCancellationRequested)
            {
                var key = Guid.NewGuid().ToString();
                for (var attempt = 0; attempt < 200; attempt++)
                {
                    using var m = new HttpRequestMessage(HttpMethod.Post, "/api/v1/communes/03298/dossiers") { Content = JsonContent.Create(body) };
                    m.Headers.Add("Idempotency-Key", key);
                    using var r = await officer.SendAsync(m);
                    statuses.AddOrUpdate((int)r.StatusCode, 1, (_, n) => n + 1);
                    var text = await r.Content.ReadAsStringAsync();
                    if (r.StatusCode == HttpStatusCode.Created)
                    {
                        answered[key] = JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
                        break;
                    }
                    if (r.StatusCode != HttpStatusCode.ServiceUnavailable) errors.Add($"{(int)r.StatusCode}: {text}");
                    else Assert.True(r.Headers.RetryAfter is not null, "a 503 without Retry-After");
                    await Task.Delay(20);
                }
            }
        }));
        await killer;
        Console.WriteLine($"Connection loss: {killed} connections ended; answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}");
        Assert.Empty(errors);
        Assert.True(killed > 20, $"only {killed} connections were ended");
        Assert.True(statuses.GetValueOrDefault(503) > 0, "no request met a lost connection");
        Assert.True(answered.Count > 20, $"only {answered.Count} dossiers acknowledged");

        NpgsqlConnection.ClearAllPools(); // the pool still holds connections the database ended
        // Exactly the acknowledged dossiers exist, each once, and each key answers its own dossier again.
        await using var db = app.OpenDb();
        var stored = await db.Dossiers.AsNoTracking().Where(d => d.ApplicantName == name).Select(d => d.Code).ToListAsync();
        Assert.Equal(answered.Values.Order(), stored.Order());
        foreach (var (key, code) in answered.Take(5))
        {
            using var m = new HttpRequestMessage(HttpMethod.Post, "/api/v1/communes/03298/dossiers") { Content = JsonContent.Create(body) };
            m.Headers.Add("Idempotency-Key", key);
            using var r = await officers[0].SendAsync(m);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            Assert.Equal(code, (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
    }
}
