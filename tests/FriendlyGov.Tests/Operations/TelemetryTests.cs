using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// One real server for the telemetry tests, started once: a first start on a new SQLite file (the README's first command),
/// JSON logs, the operations probe every second. Its log is kept whole for the tests to read.
/// </summary>
public sealed class TelemetryApp : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fg-otel-").FullName;
    private Process? _app;

    public int Port { get; } = TestProcesses.FreePort();
    public ConcurrentQueue<string> Log { get; } = new();

    public async ValueTask InitializeAsync()
    {
        _app = await TestProcesses.StartAppAsync(Port, new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dir, "fg.db")}",
            ["DataProtection__KeysPath"] = Path.Combine(_dir, "keys"),
            ["Audit__KeyFile"] = Path.Combine(_dir, "audit.key"),
            ["Logging__Console__FormatterName"] = "json",
            // The request lines of the host, so that there is a log line for the request whose trace id is looked for.
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            // Every second, so that the probe's first rounds fall inside the start-up.
            ["Telemetry__ProbeSeconds"] = "1",
        }, Log.Enqueue);
    }

    public ValueTask DisposeAsync()
    {
        if (_app is { HasExited: false }) { _app.Kill(entireProcessTree: true); _app.WaitForExit(10_000); }
        _app?.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// What the operator's Prometheus scrapes and what the logs carry, on the real server: /metrics answers loopback (or the
/// configured monitoring network) with the request, database and service gauges, and nobody else; every log line of a
/// request carries the trace id the request came with, so one request can be followed through the logs. The same server's
/// first start on a new SQLite file logs no error (<see cref="FirstStartTests"/> does PostgreSQL).
/// </summary>
[Collection(nameof(CommandsCollection))]
public sealed class TelemetryTests(TelemetryApp app) : IClassFixture<TelemetryApp>
{
    private HttpClient From(string address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = new Uri($"http://127.0.0.1:{app.Port}") };

    [Fact]
    public async Task A_first_start_on_a_new_SQLite_file_logs_no_error() =>
        await FirstStartTests.AssertStartedCleanAsync(From("127.0.0.1"), app.Log);

    [Fact]
    public async Task Prometheus_on_loopback_reads_request_database_and_service_gauges_and_the_public_gets_nothing()
    {
        using var monitor = From("127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync("/tra-cuu")).StatusCode);
        string text = "";
        // The probe's first round and the first request's histogram are exported within a few seconds.
        var intact = new System.Text.RegularExpressions.Regex(@"(?m)^friendlygov_audit_intact(\{[^}]*\})? 1(\s|$)");
        // The request's duration is recorded after its answer has gone out, so the first scrape may not hold it yet; other
        // requests to this shared server may already have put the histogram there, so wait for this route's own series.
        var tracking = new System.Text.RegularExpressions.Regex("http_server_request_duration_seconds_count\\{[^}]*http_route=\"[^\"]*tra-cuu");
        // The start-up verification and the probe's next round (every second here) may still be under way: wait for both.
        for (var i = 0; i < 100 && !(text.Contains("friendlygov_outbox_pending") && tracking.IsMatch(text) && intact.IsMatch(text)); i++)
        {
            await Task.Delay(200);
            var scrape = await monitor.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            text = await scrape.Content.ReadAsStringAsync();
        }
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Matches(tracking, text);
        Assert.Contains("friendlygov_outbox_pending", text);
        Assert.Contains("friendlygov_audit_last_verification_age_seconds", text);
        Assert.Contains("friendlygov_audit_intact", text);
        Assert.Matches(@"(?m)^friendlygov_tracking_cached_dossiers(\{[^}]*\})? \d+", text);
        Assert.Contains("dotnet_gc_collections", text);
        // SQLite at start-up verifies the log: the probe reports it intact (1), not "never verified" (-1).
        Assert.Matches(intact, text);

        // A citizen's request as nginx passes it on (from the proxy on loopback, for the citizen's address): refused, even if
        // nginx's own refusal of /metrics were taken out of its site.
        var relayed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        relayed.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var refused = await monitor.SendAsync(relayed);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("friendlygov_outbox_pending", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_log_line_of_a_request_carries_its_trace_id()
    {
        var traceId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        using var client = From("127.0.0.1");
        var request = new HttpRequestMessage(HttpMethod.Get, "/tra-cuu");
        request.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}-01");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        for (var i = 0; i < 50 && !app.Log.Any(l => l.Contains(traceId)); i++) await Task.Delay(100);
        var lines = app.Log.Where(l => l.Contains(traceId)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains($"\"TraceId\":\"{traceId}\"", l));
        Assert.Contains(lines, l => l.Contains("Request starting") || l.Contains("Request finished"));
    }
}
