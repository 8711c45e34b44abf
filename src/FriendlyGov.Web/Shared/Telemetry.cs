using System.Diagnostics.Metrics;
using System.Net;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// What an operator watches (docs/operations.md): OpenTelemetry metrics of the requests (ASP.NET Core: latency and status by
/// route), the outgoing calls (HttpClient: the SMS and Zalo providers), PostgreSQL (Npgsql) and the runtime, plus the
/// service's own gauges (<see cref="OperationsProbe"/>): outbox backlog, age of the last audit verification and whether it
/// found the log intact, replication lag. Prometheus scrapes <c>/metrics</c>, which answers only the addresses in
/// Telemetry:MetricsAllowedFrom (loopback when not set) and never the public (nginx refuses it too). Traces of the same
/// three sources go to an OTLP collector when Telemetry:OtlpEndpoint is set; either way every log line carries the request's
/// trace id, so a citizen's "it failed at 9:14" can be followed through the logs.
/// </summary>
public static class Telemetry
{
    public const string MeterName = "FriendlyGov";
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<OperationsProbe>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationsProbe>());
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("friendlygov", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", MeterName)
                .AddPrometheusExporter());
        if (config["Telemetry:OtlpEndpoint"] is { Length: > 0 } endpoint)
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(config.GetValue("Telemetry:TraceSampleRatio", 0.1))))
                .AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)));
        // The trace and span ids in every log line's scope (the JSON console writes scopes).
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return services;
    }

    /// <summary>The scrape endpoint, for the allowed addresses only; anyone else gets the 404 of a page that does not exist.</summary>
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app, IConfiguration config)
    {
        var allowed = (config.GetSection("Telemetry:MetricsAllowedFrom").Get<string[]>() ?? []).Select(System.Net.IPNetwork.Parse).ToList();
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
            http.Request.Path == MetricsPath && http.Connection.RemoteIpAddress is { } from
            && (allowed.Count == 0 ? IPAddress.IsLoopback(from) : allowed.Any(n => n.Contains(from.IsIPv4MappedToIPv6 ? from.MapToIPv4() : from))));
    }
}

/// <summary>
/// Reads, every Telemetry:ProbeSeconds (15), what the service's own gauges report; the scrape only reads the last values,
/// so Prometheus never waits on the database and the database is asked three small questions a quarter-minute per instance.
/// </summary>
public sealed class OperationsProbe : BackgroundService
{
    private readonly IServiceProvider services;
    private readonly IConfiguration config;
    private readonly TimeProvider clock;
    private readonly ILogger<OperationsProbe> log;
    private readonly IHostApplicationLifetime lifetime;
    private long _outboxPending = -1;
    private double _outboxOldestSeconds = -1;
    private double _auditAgeSeconds = -1;
    private int _auditIntact = -1;
    private double _replicationLagSeconds = -1;
    private int _standbys = -1;

    public OperationsProbe(IServiceProvider services, IConfiguration config, TimeProvider clock, ILogger<OperationsProbe> log, IMeterFactory meters,
        IHostApplicationLifetime lifetime)
    {
        (this.services, this.config, this.clock, this.log, this.lifetime) = (services, config, clock, log, lifetime);
        var meter = meters.Create(Telemetry.MeterName);
        meter.CreateObservableGauge("friendlygov.outbox.pending", () => _outboxPending, "{message}", "Messages waiting in the outbox (pending or being sent)");
        meter.CreateObservableGauge("friendlygov.outbox.oldest_age", () => _outboxOldestSeconds, "s", "Age of the oldest message waiting in the outbox");
        meter.CreateObservableGauge("friendlygov.audit.last_verification_age", () => _auditAgeSeconds, "s", "Time since the audit log was last verified");
        meter.CreateObservableGauge("friendlygov.audit.intact", () => _auditIntact, null, "1 when the last verification found every chain intact, 0 when it found a break");
        meter.CreateObservableGauge("friendlygov.replication.lag", () => _replicationLagSeconds, "s", "Replay lag of the slowest standby (PostgreSQL primary only)");
        meter.CreateObservableGauge("friendlygov.replication.standbys", () => _standbys, "{server}", "Standbys streaming from this primary");
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var every = TimeSpan.FromSeconds(config.GetValue("Telemetry:ProbeSeconds", 15));
        // The first round waits for the start-up to finish: on a new database the tables exist only once the initializer
        // (a hosted service that may start after this one) has migrated it, and a probe before that logged errors.
        using (var started = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stop))
        {
            try { await Task.Delay(Timeout.InfiniteTimeSpan, started.Token); } catch (OperationCanceledException) { }
        }
        while (!stop.IsCancellationRequested)
        {
            try { await ProbeAsync(stop); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning("Operations probe failed: {Error}", ex.GetBaseException().Message);
            }
            try { await Task.Delay(every, clock, stop); } catch (OperationCanceledException) { return; }
        }
    }

    public async Task ProbeAsync(CancellationToken ct)
    {
        await using var db = Database.OpenSystemContext(services, "giám sát vận hành");
        var now = clock.GetUtcNow().UtcDateTime;
        var outbox = await db.Notifications.AsNoTracking().Where(n => n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Sending)
            .GroupBy(_ => 1).Select(g => new { Count = g.LongCount(), Oldest = g.Min(n => n.CreatedAt) }).SingleOrDefaultAsync(ct);
        _outboxPending = outbox?.Count ?? 0;
        _outboxOldestSeconds = outbox is null ? 0 : Math.Max(0, (now - outbox.Oldest).TotalSeconds);
        var check = await db.AuditChecks.AsNoTracking().OrderByDescending(c => c.At).Select(c => new { c.At, c.Intact }).FirstOrDefaultAsync(ct);
        _auditAgeSeconds = check is null ? -1 : Math.Max(0, (now - check.At).TotalSeconds);
        _auditIntact = check is null ? -1 : check.Intact ? 1 : 0;
        if (db.Database.IsNpgsql())
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand(
                "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM max(replay_lag)), 0)::float8 FROM pg_stat_replication", connection);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) { _standbys = (int)reader.GetInt64(0); _replicationLagSeconds = reader.GetDouble(1); }
        }
    }
}
