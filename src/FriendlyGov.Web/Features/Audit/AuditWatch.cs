using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Audit;

/// <summary>
/// The log checked without a person: every night (Audit:NightlyAt, Vietnam time, default 02:00; the scheduler's job when it runs) a checkpoint of every
/// chain's head is signed, the chains are verified, and retry records older than two days are dropped; on SQLite the chains
/// are also verified at start-up. A failure is logged as an error and waits on the administrator's and the supervisor's desk.
/// </summary>
public sealed class AuditWatch(IServiceProvider services, IConfiguration config, IHostEnvironment env, TimeProvider clock, ILogger<AuditWatch> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        try
        {
            // Let migration (a hosted service started before this one) finish first.
            await Task.Yield();
            if (Database.ProviderFrom(config) == DatabaseProvider.Sqlite && config.GetValue("Audit:VerifyOnStartup", true))
                await RunAsync("startup", checkpoint: false, stop);
            // With the scheduler on, the nightly run is its job (once across every instance), not this loop's.
            if (Notifications.NotificationsSetup.SchedulerEnabled(config, env)) return;
            var at = TimeOnly.TryParse(config["Audit:NightlyAt"], out var t) ? t : new TimeOnly(2, 0);
            while (!stop.IsCancellationRequested)
            {
                var now = VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime);
                var next = DateOnly.FromDateTime(now).ToDateTime(at);
                if (next <= now) next = next.AddDays(1);
                await Task.Delay(next - now, clock, stop);
                await RunAsync("nightly", checkpoint: true, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    public async Task RunAsync(string trigger, bool checkpoint, CancellationToken ct)
    {
        try
        {
            await using var db = Database.OpenSystemContext(services, "kiểm tra nhật ký");
            var now = clock.GetUtcNow().UtcDateTime;
            if (checkpoint)
            {
                await AuditSeals.CheckpointAsync(db, "daily", now, ct);
                await db.IdempotencyRecords.Where(r => r.CreatedAt < now.AddDays(-2)).ExecuteDeleteAsync(ct);
            }
            await new AuditLog(db, new SystemScope(), clock).VerifyAndRecordAsync(null, trigger, log, ct: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Audit log check ({Trigger}) could not run", trigger);
        }
    }
}
