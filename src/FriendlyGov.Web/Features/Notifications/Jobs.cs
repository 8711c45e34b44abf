using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace FriendlyGov.Web.Features.Notifications;

/// <summary>Every scheduled job: one run at a time across the cluster, each run recorded (job, due time, instance, outcome).</summary>
[DisallowConcurrentExecution]
public abstract class RecordedJob(IServiceProvider services, TimeProvider clock) : IJob
{
    protected IServiceProvider Services => services;
    protected TimeProvider Clock => clock;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var db = Database.OpenSystemContext(services, "lịch chạy");
        var run = new ScheduledRun
        {
            Job = context.JobDetail.Key.Name, ScheduledFor = (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime,
            StartedAt = clock.GetUtcNow().UtcDateTime, Instance = $"{Environment.MachineName}/{Environment.ProcessId}/{await context.Scheduler.GetSchedulerInstanceId(cancellationToken)}",
        };
        // The run record is the claim on this firing: (job, due time) is unique, so if the scheduler ever hands one firing
        // to two instances, the second finds it taken and does nothing. Inserted without a conflict (ON CONFLICT DO NOTHING,
        // on both databases), so a firing held back is a warning in the log and not a failed command.
        var id = (await db.Database.SqlQuery<long>($"""
            INSERT INTO "ScheduledRuns" ("Job", "ScheduledFor", "StartedAt", "Instance") VALUES ({run.Job}, {run.ScheduledFor}, {run.StartedAt}, {run.Instance})
            ON CONFLICT ("Job", "ScheduledFor") DO NOTHING
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken)).SingleOrDefault();
        if (id == 0)
        {
            services.GetRequiredService<ILogger<RecordedJob>>().LogWarning("Scheduled job {Job} for {ScheduledFor:o} already runs on another instance; not run twice",
                run.Job, run.ScheduledFor);
            return;
        }
        run.Id = id;
        db.ScheduledRuns.Attach(run);
        try
        {
            run.Outcome = await RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Outcome = "Lỗi: " + e.GetType().Name;
            throw new JobExecutionException(e);
        }
        finally
        {
            run.FinishedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    protected abstract Task<string> RunAsync(CancellationToken ct);

    /// <summary>The job's work outside the scheduler (an operator's "run now", a test), without a run record.</summary>
    public Task<string> RunNowAsync(CancellationToken ct = default) => RunAsync(ct);
}

/// <summary>
/// 7:00 on working mornings: each official with an e-mail address is told what waits for them that is late or due within
/// a working day (dossiers they hold, petitions assigned to them). One digest per official per day, however often it runs.
/// </summary>
public sealed class MorningDigestJob(IServiceProvider services, TimeProvider clock, ReferenceCache cache) : RecordedJob(services, clock)
{
    public static readonly JobKey Key = new("morning-digest");

    protected override async Task<string> RunAsync(CancellationToken ct)
    {
        await using var db = Database.OpenSystemContext(Services, "tóm tắt buổi sáng");
        var now = Clock.GetUtcNow().UtcDateTime;
        var local = VietnamTime.FromUtc(now);
        var calendars = new Calendars(db, cache);
        var staff = await db.Users.AsNoTracking().Where(u => u.UnitId != null && u.Email != null && u.Email != "")
            .Select(u => new { u.Id, UnitId = u.UnitId!.Value, u.Email }).ToListAsync(ct);
        var unitIds = staff.Select(s => s.UnitId).Distinct().ToList();
        // Inspection recommendations due within three days (or late) and not yet reported: each leader is told once.
        var soonDay = DateOnly.FromDateTime(local).AddDays(3);
        var recommendations = await db.Recommendations.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Status == RecommendationStatus.Open && r.Deadline <= soonDay).Take(500).ToListAsync(ct);
        var named = unitIds.Concat(recommendations.Select(r => r.UnitId)).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => named.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var baseUrl = NotificationRaiser.BaseUrl(Services);
        var finals = new[] { DossierStatus.NotAccepted, DossierStatus.Withdrawn, DossierStatus.Stopped, DossierStatus.Returned, DossierStatus.Done };
        var sent = 0;
        foreach (var unit in unitIds)
        {
            var soon = VietnamTime.ToUtc((await calendars.ForUnitAsync(unit)).DueAt(local, 1));
            var dossiers = await db.Dossiers.IgnoreQueryFilters().AsNoTracking()
                .Where(d => d.UnitId == unit && d.AssigneeId != null && !finals.Contains(d.Status) && d.AppointedAt != null && d.AppointedAt < soon)
                .Select(d => new { d.AssigneeId, d.Code, d.ProcedureName, Due = d.AppointedAt!.Value }).ToListAsync(ct);
            var petitions = await db.Petitions.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.UnitId == unit && p.AssigneeId != null && PetitionLifecycle.OpenStatuses.Contains(p.Status) && p.DueAt < soon)
                .Select(p => new { p.AssigneeId, p.Code, Due = p.DueAt }).ToListAsync(ct);
            foreach (var official in staff.Where(s => s.UnitId == unit))
            {
                var items = dossiers.Where(d => d.AssigneeId == official.Id).Select(d => (d.Due, Line: $"Hồ sơ {d.Code} ({d.ProcedureName}), hạn {NotificationRaiser.When(d.Due, "vi")}"))
                    .Concat(petitions.Where(p => p.AssigneeId == official.Id).Select(p => (p.Due, Line: $"Phản ánh {p.Code}, hạn {NotificationRaiser.When(p.Due, "vi")}")))
                    .OrderBy(i => i.Due).ToList();
                if (items.Count == 0) continue;
                var key = $"digest:{official.Id}:{local:yyyyMMdd}";
                if (await db.Notifications.IgnoreQueryFilters().AnyAsync(n => n.EventKey == key, ct)) continue;
                var data = new Dictionary<string, string>
                {
                    ["ten_xa"] = names.GetValueOrDefault(unit, ""), ["lien_ket"] = baseUrl + "/can-bo",
                    ["so_tre_han"] = items.Count(i => i.Due < now).ToString(), ["so_sap_den_han"] = items.Count(i => i.Due >= now).ToString(),
                    ["danh_sach"] = string.Join("\n", items.Take(30).Select(i => "- " + i.Line)),
                };
                db.Notifications.Add(NotificationRaiser.StaffMessage(unit, key, NotificationMoment.StaffDigest, official.Id, official.Email!, data, now));
                sent++;
            }
        }
        foreach (var rec in recommendations)
        {
            var key = $"recommendation:{rec.Id}:due:{rec.Deadline:yyyyMMdd}";
            var data = new Dictionary<string, string>
            {
                ["ten_xa"] = names.GetValueOrDefault(rec.UnitId, ""),
                ["lien_ket"] = baseUrl + "/can-bo/mo-hinh", ["noi_dung"] = rec.Content, ["han"] = rec.Deadline.ToString("dd/MM/yyyy"),
            };
            foreach (var (id, email) in await NotificationRaiser.LeaderEmailsAsync(db, rec.UnitId, ct))
            {
                if (await db.Notifications.IgnoreQueryFilters().AnyAsync(n => n.EventKey == key && n.Recipient == email, ct)) continue;
                db.Notifications.Add(NotificationRaiser.StaffMessage(rec.UnitId, key, NotificationMoment.RecommendationDue, id, email, data, now));
                sent++;
            }
        }
        await db.SaveChangesAsync(ct);
        return $"{sent} thư";
    }
}

/// <summary>
/// Each morning: senders whose petition was answered <c>Notifications:ResolvedCheckDays</c> ago (28 by default) and who have
/// neither confirmed nor reopened it are asked whether the problem was resolved; their answer on the petition's page confirms
/// or reopens it, and counts in the satisfaction indices as a confirmation does. Asked once per petition.
/// </summary>
public sealed class ResolvedCheckJob(IServiceProvider services, TimeProvider clock, ChannelDirectory directory) : RecordedJob(services, clock)
{
    public static readonly JobKey Key = new("resolved-check");

    protected override async Task<string> RunAsync(CancellationToken ct)
    {
        await using var db = Database.OpenSystemContext(Services, "hỏi lại người phản ánh");
        var now = Clock.GetUtcNow().UtcDateTime;
        var before = now.AddDays(-directory.Options.ResolvedCheckDays);
        var due = await db.Petitions.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Status == PetitionStatus.Answered && p.NotifyBy != null && p.AnsweredAt != null && p.AnsweredAt <= before)
            .Take(500).ToListAsync(ct);
        var units = due.Select(p => p.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var muted = await db.CommuneProfiles.IgnoreQueryFilters().AsNoTracking().Where(c => units.Contains(c.UnitId)).ToDictionaryAsync(c => c.UnitId, c => c.MutedMoments, ct);
        var baseUrl = NotificationRaiser.BaseUrl(Services);
        var asked = 0;
        foreach (var p in due)
        {
            if (NotificationRules.IsMuted(muted.GetValueOrDefault(p.UnitId), NotificationMoment.PetitionResolvedCheck)) continue;
            var key = $"p:{p.Code}:check";
            if (await db.Notifications.IgnoreQueryFilters().AnyAsync(n => n.EventKey == key, ct)) continue;
            var recipient = NotificationRules.AddressFor(p.NotifyBy!.Value, p.SenderEmail, p.SenderPhone);
            if (string.IsNullOrWhiteSpace(recipient)) continue;
            var data = new Dictionary<string, string>
            {
                ["ten_xa"] = names.GetValueOrDefault(p.UnitId, ""), ["ma_phan_anh"] = p.Code, ["lien_ket"] = $"{baseUrl}/phan-anh/{p.TrackingKey}",
                ["huy_nhan"] = NotificationRaiser.WithdrawLink(Services, baseUrl, "p", p.TrackingKey),
            };
            db.Notifications.Add(NotificationRaiser.Message(p.UnitId, key, NotificationMoment.PetitionResolvedCheck, p.NotifyBy!.Value, recipient.Trim(),
                p.NotifyLanguage ?? "vi", data, now, petitionCode: p.Code));
            asked++;
        }
        await db.SaveChangesAsync(ct);
        return $"{asked} người được hỏi lại";
    }
}

/// <summary>
/// 1:30 each night, once across the cluster: the open petitions' due dates brought back in line with the calendar, should a
/// transition have used a calendar cached by an instance just before a day off or office hours changed.
/// </summary>
public sealed class PetitionDueDatesJob(IServiceProvider services, TimeProvider clock, Microsoft.Extensions.Options.IOptions<PetitionDeadlines> deadlines)
    : RecordedJob(services, clock)
{
    public static readonly JobKey Key = new("petition-due-dates");

    protected override async Task<string> RunAsync(CancellationToken ct)
    {
        await using var db = Database.OpenSystemContext(Services, "hạn trả lời phản ánh");
        var moved = await Petitions.PetitionDueDates.RealignAsync(db, deadlines.Value, ct: ct);
        return $"{moved} hạn trả lời được tính lại";
    }
}

/// <summary>2:00 each night, once across the cluster: checkpoint every chain head, verify the chains, drop old retry records.</summary>
public sealed class AuditNightlyJob(IServiceProvider services, TimeProvider clock, Audit.AuditWatch watch, ChannelDirectory directory) : RecordedJob(services, clock)
{
    public static readonly JobKey Key = new("audit-nightly");

    protected override async Task<string> RunAsync(CancellationToken ct)
    {
        await watch.RunAsync("nightly", checkpoint: true, ct);
        var forgotten = await ForgetOldAsync(Services, Clock.GetUtcNow().UtcDateTime.AddDays(-directory.Options.KeepDays), ct);
        return $"đã kiểm tra nhật ký; {forgotten} thông báo cũ đã xóa địa chỉ";
    }

    /// <summary>
    /// The delivery log's retention: messages finished before the cut-off keep what happened, not to whom or what they said.
    /// </summary>
    public static async Task<int> ForgetOldAsync(IServiceProvider services, DateTime before, CancellationToken ct)
    {
        await using var db = Database.OpenSystemContext(services, "lưu trữ thông báo");
        var old = await db.Notifications.IgnoreQueryFilters()
            .Where(n => n.CreatedAt < before && n.Data != "{}" && n.Status != NotificationStatus.Pending && n.Status != NotificationStatus.Sending)
            .Take(5000).ToListAsync(ct);
        foreach (var n in old) (n.Recipient, n.Data, n.Subject, n.Body) = (Masking.Contact(n.Recipient) + "#" + n.Id.ToString("N")[..8], "{}", null, null);
        await db.SaveChangesAsync(ct);
        return old.Count;
    }
}
