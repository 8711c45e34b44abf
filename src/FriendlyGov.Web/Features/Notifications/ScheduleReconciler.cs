using Quartz;

namespace FriendlyGov.Web.Features.Notifications;

/// <summary>A scheduled job: its type, its key, its trigger's key and its cron expression (Vietnam time).</summary>
public sealed record ScheduledJob(Type Type, JobKey Key, TriggerKey Trigger, string Cron);

/// <summary>
/// Applies a cron changed in configuration to the trigger stored in the clustered scheduler. Start-up keeps what the store
/// holds (replacing a trigger another instance has acquired makes both fire it), so a trigger is replaced here only when
/// its stored cron or zone differs from the configured one: at the first start after such a change, not at every start.
/// </summary>
public sealed class ScheduleReconciler(ISchedulerFactory factory, IReadOnlyList<ScheduledJob> jobs, TimeZoneInfo zone, ILogger<ScheduleReconciler> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var job in jobs)
        {
            var stored = await scheduler.GetTrigger(job.Trigger, cancellationToken) as ICronTrigger;
            if (stored is not null && stored.CronExpressionString == job.Cron && stored.TimeZone.Id == zone.Id) continue;
            var trigger = TriggerBuilder.Create().WithIdentity(job.Trigger).ForJob(job.Key)
                .WithCronSchedule(job.Cron, x => x.InTimeZone(zone)).Build();
            if (stored is null) await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
            else await scheduler.RescheduleJob(job.Trigger, trigger, cancellationToken);
            log.LogWarning("Scheduled job {Job}: trigger {Trigger} now fires on {Cron} (was {Previous})", job.Key.Name, job.Trigger.Name, job.Cron,
                stored?.CronExpressionString ?? "not scheduled");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
