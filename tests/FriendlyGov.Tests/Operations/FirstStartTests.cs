using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The first start on a new, empty database, as the README's first command and a province's install do it: the app migrates
/// and seeds, and its log holds no error. An error line at install is read as a failed install (and hides a real one). This
/// is PostgreSQL; <see cref="TelemetryTests"/> checks the same of its server's first start on a new SQLite file.
/// </summary>
[Collection(nameof(CommandsCollection))]
public sealed class FirstStartTests
{
    [Fact]
    public async Task A_first_start_on_a_new_PostgreSQL_database_logs_no_error()
    {
        const string provider = "Postgres";
        var dir = Directory.CreateTempSubdirectory("fg-first-").FullName;
        await using var database = TestDatabase.Create(provider);
        var log = new ConcurrentQueue<string>();
        var port = TestProcesses.FreePort();
        using var app = await TestProcesses.StartAppAsync(port, new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = provider,
            ["ConnectionStrings__Default"] = database.ConnectionString,
            ["DataProtection__KeysPath"] = Path.Combine(dir, "keys"),
            ["Audit__KeyFile"] = Path.Combine(dir, "audit.key"),
            ["Logging__Console__FormatterName"] = "json",
            // The operations probe runs every second here, so that its first rounds fall inside the start-up.
            ["Telemetry__ProbeSeconds"] = "1",
        }, log.Enqueue);
        try
        {
            await AssertStartedCleanAsync(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") }, log);
        }
        finally
        {
            if (!app.HasExited) { app.Kill(entireProcessTree: true); app.WaitForExit(10_000); }
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Waits until the server is ready and its operations probe has read the database at least once (its gauge reads -1
    /// until a round succeeds), then fails on any error or critical line in its log.
    /// </summary>
    internal static async Task AssertStartedCleanAsync(HttpClient http, IEnumerable<string> log)
    {
        using var _ = http;
        var probed = new Regex(@"(?m)^friendlygov_outbox_pending(\{[^}]*\})? \d");
        var metrics = "";
        for (var i = 0; i < 150 && !probed.IsMatch(metrics); i++)
        {
            await Task.Delay(200);
            try { metrics = await http.GetStringAsync("/metrics"); } catch (HttpRequestException) { }
        }
        Assert.Matches(probed, metrics);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        var bad = log.Where(l => l.Contains("\"LogLevel\":\"Error\"") || l.Contains("\"LogLevel\":\"Critical\"") || l.Contains("probe failed")).ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Select(l => l.Length > 400 ? l[..400] : l)));
    }
}
