using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

public sealed class ActionInput
{
    public DossierAction Action { get; set; }
    [StringLength(2000, ErrorMessage = "Tối đa 2000 ký tự.")]
    public string? Note { get; set; }
    /// <summary>For Return: who took the result.</summary>
    [StringLength(100, ErrorMessage = "Tối đa 100 ký tự.")]
    public string? ReceivedBy { get; set; }
    /// <summary>On a transfer to the specialist (or the hand-over to a leader): who takes it; empty for the default.</summary>
    [StringLength(450)]
    public string? AssigneeId { get; set; }
    /// <summary>The version the officer saw: a dossier changed meanwhile is not overwritten.</summary>
    public int Version { get; set; }
}

/// <summary>Take a dossier (no assignee: the actor), pass it on or reassign it at its current step.</summary>
public sealed class AssignInput
{
    [StringLength(450)]
    public string? AssigneeId { get; set; }
    [StringLength(2000, ErrorMessage = "Tối đa 2000 ký tự.")]
    public string? Note { get; set; }
    public int Version { get; set; }
}

public sealed class ApologyInput
{
    [Required(ErrorMessage = "Nêu lý do chậm trả kết quả.")]
    [StringLength(2000, ErrorMessage = "Tối đa 2000 ký tự.")]
    public string Reason { get; set; } = "";
    [Required(ErrorMessage = "Chọn ngày hẹn trả mới.")]
    public DateTime? NewDate { get; set; }
    public int Version { get; set; }
}

/// <summary>A dossier as staff see it, with Decision 766's reading and the "không trễ hẹn" flags.</summary>
public sealed record DossierView(Dossier Dossier, List<DossierStep> Steps, Timeliness Timeliness, bool DueSoon, bool Late, bool LateWithoutApology)
{
    /// <summary>The role whose step it is, or null once closed.</summary>
    public string? WaitingRole { get; } = DossierLifecycle.WaitingFor(Dossier.Status, Steps.Select(s => s.Action));
    /// <summary>Working days left to the effective due date (negative once late), or null without a date.</summary>
    public double? WorkingDaysLeft { get; init; }
}

/// <summary>Giải quyết hồ sơ: each action by the role that does it, recorded on the control slip (Mẫu 06).</summary>
public sealed class Processing(AppDbContext db, Calendars calendars, TimeProvider clock, IUnitScope scope, UnitAccess access, Officials officials)
{
    public static readonly IReadOnlyDictionary<DossierAction, string[]> WhoMay = new Dictionary<DossierAction, string[]>
    {
        [DossierAction.Accept] = [Roles.CounterOfficer],
        [DossierAction.Refuse] = [Roles.CounterOfficer],
        [DossierAction.StartProcessing] = [Roles.CounterOfficer, Roles.CommuneLeader],
        [DossierAction.HandOver] = [Roles.Specialist, Roles.CommuneLeader],
        [DossierAction.RequestSupplement] = [Roles.Specialist, Roles.CommuneLeader, Roles.CounterOfficer],
        [DossierAction.Supplement] = [Roles.CounterOfficer],
        [DossierAction.RequestPayment] = [Roles.Specialist],
        [DossierAction.Pay] = [Roles.CounterOfficer],
        [DossierAction.Withdraw] = [Roles.CounterOfficer],
        [DossierAction.Stop] = [Roles.CommuneLeader],
        [DossierAction.Complete] = [Roles.CommuneLeader],
        [DossierAction.Return] = [Roles.CounterOfficer],
    };

    /// <summary>Where each hand-over sends the dossier (the control slip's "to whom").</summary>
    private static string? ToRole(DossierAction a) => a switch
    {
        DossierAction.Accept or DossierAction.Supplement or DossierAction.Pay or DossierAction.StartProcessing => Roles.Specialist,
        DossierAction.HandOver => Roles.CommuneLeader,
        DossierAction.Complete => Roles.CounterOfficer,
        _ => null,
    };

    public static readonly IReadOnlyDictionary<DossierAction, string> ActionNames = new Dictionary<DossierAction, string>
    {
        [DossierAction.Accept] = "Tiếp nhận", [DossierAction.Refuse] = "Từ chối tiếp nhận", [DossierAction.StartProcessing] = "Chuyển xử lý",
        [DossierAction.HandOver] = "Trình lãnh đạo phê duyệt", [DossierAction.RequestSupplement] = "Yêu cầu bổ sung hồ sơ",
        [DossierAction.Supplement] = "Công dân đã bổ sung", [DossierAction.RequestPayment] = "Yêu cầu thực hiện nghĩa vụ tài chính",
        [DossierAction.Pay] = "Đã nộp phí, lệ phí", [DossierAction.Withdraw] = "Công dân rút hồ sơ", [DossierAction.Stop] = "Dừng xử lý",
        [DossierAction.Complete] = "Phê duyệt, có kết quả", [DossierAction.Return] = "Trả kết quả",
        [DossierAction.Assign] = "Giao xử lý",
    };

    public async Task<List<(long Id, string Document, string FileName, long Size)>> FilesAsync(int dossierId) =>
        (await db.DossierFiles.AsNoTracking().Where(f => f.DossierId == dossierId).OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.DocumentName, f.FileName, f.Size }).ToListAsync())
        .Select(f => (f.Id, f.DocumentName, f.FileName, f.Size)).ToList();

    public async Task<DossierView?> ViewAsync(string code)
    {
        var d = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code);
        return d is null ? null : await ViewOfAsync(d);
    }

    public async Task<DossierView> ViewOfAsync(Dossier d) => (await ViewsOfAsync([d]))[0];

    /// <summary>Many dossiers at once: their steps in one query and each unit's calendar once, in the order given.</summary>
    public async Task<List<DossierView>> ViewsOfAsync(IReadOnlyList<Dossier> dossiers)
    {
        var ids = dossiers.Select(d => d.Id).ToList();
        var steps = (await db.DossierSteps.AsNoTracking().Where(s => ids.Contains(s.DossierId)).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync())
            .ToLookup(s => s.DossierId);
        var calendarsByUnit = new Dictionary<int, WorkingCalendar>();
        var views = new List<DossierView>(dossiers.Count);
        foreach (var d in dossiers)
        {
            if (!calendarsByUnit.TryGetValue(d.UnitId, out var calendar)) calendarsByUnit[d.UnitId] = calendar = await calendars.ForUnitAsync(d.UnitId);
            views.Add(ViewOf(d, steps[d.Id].ToList(), calendar));
        }
        return views;
    }

    private DossierView ViewOf(Dossier d, List<DossierStep> steps, WorkingCalendar calendar)
    {
        var t = Decision766.Evaluate(steps.Select(s => new DossierEvent(s.Action, VietnamTime.FromUtc(s.At))).ToList(),
            d.AppointedAt is DateTime a ? VietnamTime.FromUtc(a) : null, calendar);
        var now = VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime);
        var open = !DossierLifecycle.IsFinal(d.Status) && d.Status != DossierStatus.Done;
        var late = open && t.EffectiveDue is DateTime due && now > due;
        var dueSoon = open && !late && t.EffectiveDue is DateTime due2 && due2 <= calendar.AddWorkingMinutes(now, calendar.Hours.MinutesPerDay);
        var apologized = d.ApologyApprovedAt is not null;
        // Working time is signed: negative once the due date has passed.
        double? left = !open || t.EffectiveDue is not DateTime due3 ? null : calendar.WorkingMinutesBetween(now, due3) / calendar.Hours.MinutesPerDay;
        return new DossierView(d, steps, t, dueSoon, late || t.OnTime == false && open, (late || t.OnTime == false) && !apologized) { WorkingDaysLeft = left };
    }

    public async Task<Outcome<Dossier>> ActAsync(string code, ActionInput input, ClaimsPrincipal actor)
    {
        var d = await db.Dossiers.FirstOrDefaultAsync(x => x.Code == code);
        if (d is null || !await access.MayAsync(actor, d.UnitId, UnitOperations.Change)) return Outcome<Dossier>.NotFound();
        RefusedException.IfStale(input.Version, d.Version, "Hồ sơ");
        var errors = new List<RuleViolation>();
        if (!WhoMay[input.Action].Any(actor.IsInRole))
            errors.Add(new("Action", "Vai trò của bạn không thực hiện thao tác này."));
        var history = await db.DossierSteps.Where(s => s.DossierId == d.Id).OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => s.Action).ToListAsync();
        if (d.Refuses(input.Action, history) is { } state) errors.AddRange(state.Violations);
        if (input.Action is DossierAction.Stop or DossierAction.Withdraw or DossierAction.RequestSupplement or DossierAction.Refuse
            && string.IsNullOrWhiteSpace(input.Note))
            errors.Add(new("Note", "Ghi rõ lý do hoặc nội dung cần bổ sung."));
        if (input.Action == DossierAction.Return && string.IsNullOrWhiteSpace(input.ReceivedBy))
            errors.Add(new("ReceivedBy", "Ghi họ tên người nhận kết quả."));
        var waiting = DossierLifecycle.WaitingFor(d.Status, history);
        if (DossierAssignment.RefusalToAct(d.AssigneeId, scope.ActorId ?? "", input.Action, waiting is not null && actor.IsInRole(waiting),
                actor.IsInRole(Roles.CommuneLeader)) is { } held)
            errors.Add(new("Action", held));
        // The next step's official: chosen on the transfer, or the default for the step.
        var nextRole = DossierLifecycle.WaitingAfter(d.Status, history, input.Action);
        string? assignee = null;
        if (nextRole is Roles.Specialist or Roles.CommuneLeader && errors.Count == 0)
        {
            var serving = await officials.AtStepAsync(d.UnitId, nextRole);
            if (!string.IsNullOrEmpty(input.AssigneeId))
            {
                assignee = serving.FirstOrDefault(o => o.Id == input.AssigneeId)?.Id;
                if (assignee is null) errors.Add(new("AssigneeId", "Chọn cán bộ của xã đảm nhận bước tiếp theo."));
            }
            else if (nextRole == Roles.Specialist) assignee = await DefaultSpecialistAsync(d, serving);
        }
        if (errors.Count > 0) return Outcome<Dossier>.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var to = ToRole(input.Action);
        // An online dossier is appointed from its acceptance at the counter.
        var calendar = input.Action == DossierAction.Accept && d.AppointedAt is null ? await calendars.ForUnitAsync(d.UnitId) : null;
        var local = VietnamTime.FromUtc(now);
        if (d.Take(input.Action, history, assignee, input.ReceivedBy, calendar is null ? null
                : () => VietnamTime.ToUtc(d.TimeLimitDays is decimal days ? calendar.DueAt(local, days) : calendar.SameDayDueAt(local))) is { } refused)
            return Outcome<Dossier>.Refused(refused);
        db.DossierSteps.Add(new DossierStep
        {
            UnitId = d.UnitId, DossierId = d.Id, At = now, Action = input.Action, Status = d.Status, ByName = scope.ActorName, ByUserId = scope.ActorId,
            ToRole = to, ToUserId = assignee, Note = input.Note?.Trim(), Verdict = to is null ? null : await VerdictAsync(d, now),
        });
        await db.SaveChangesAsync(); // the Version token makes a simultaneous second action fail instead of overwriting
        return Outcome<Dossier>.Success(d);
    }

    /// <summary>
    /// Whom a transfer to the specialist goes to when the counter does not choose: back to the specialist who had the file
    /// (after a supplement or a fee), else the official the procedure's workflow names for its specialist step, else the one
    /// who handles this procedure in the commune (who took its last file), else the specialist with the fewest files in hand.
    /// Null (the specialists' shared queue) when the commune has none.
    /// </summary>
    public async Task<string?> DefaultSpecialistAsync(Dossier d, List<Official> specialists)
    {
        if (specialists.Count == 0) return null;
        var ids = specialists.Select(o => o.Id).ToList();
        var before = await db.DossierSteps.AsNoTracking().Where(s => s.DossierId == d.Id && s.ToUserId != null && ids.Contains(s.ToUserId))
            .OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Select(s => s.ToUserId).FirstOrDefaultAsync();
        if (before is not null) return before;
        var named = (await db.Procedures.AsNoTracking().Where(p => p.Id == d.ProcedureId).Select(p => p.WorkflowJson).FirstOrDefaultAsync()) is { } json
            ? Procedure.ReadWorkflow(json).FirstOrDefault(s => s.Role == Roles.Specialist)?.Official : null;
        if (named is not null && specialists.FirstOrDefault(o => string.Equals(o.UserName, named, StringComparison.OrdinalIgnoreCase)) is { } chosen) return chosen.Id;
        var usual = await db.DossierSteps.AsNoTracking()
            .Where(s => s.ToUserId != null && ids.Contains(s.ToUserId) && db.Dossiers.Any(x => x.Id == s.DossierId && x.ProcedureCode == d.ProcedureCode && x.Id != d.Id))
            .OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Select(s => s.ToUserId).FirstOrDefaultAsync();
        if (usual is not null) return usual;
        var load = (await db.Dossiers.AsNoTracking().Where(x => x.AssigneeId != null && ids.Contains(x.AssigneeId)).GroupBy(x => x.AssigneeId!)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync()).ToDictionary(x => x.Key, x => x.Count);
        return specialists.OrderBy(o => load.GetValueOrDefault(o.Id)).First().Id;
    }

    /// <summary>Take the dossier at its current step, pass it to a colleague, or (the leader) take it over or reassign it.</summary>
    public async Task<Outcome<Dossier>> AssignAsync(string code, AssignInput input, ClaimsPrincipal actor)
    {
        var d = await db.Dossiers.FirstOrDefaultAsync(x => x.Code == code);
        if (d is null || !await access.MayAsync(actor, d.UnitId, UnitOperations.Change)) return Outcome<Dossier>.NotFound();
        RefusedException.IfStale(input.Version, d.Version, "Hồ sơ");
        var me = scope.ActorId ?? "";
        var history = await db.DossierSteps.Where(s => s.DossierId == d.Id).OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => s.Action).ToListAsync();
        var waiting = DossierLifecycle.WaitingFor(d.Status, history);
        var target = string.IsNullOrEmpty(input.AssigneeId) ? me : input.AssigneeId;
        var leader = actor.IsInRole(Roles.CommuneLeader);
        var serving = waiting is null ? [] : await officials.AtStepAsync(d.UnitId, waiting);
        var refusal = Roles.CommuneStaff.Any(actor.IsInRole)
            ? DossierAssignment.RefusalToAssign(waiting, d.AssigneeId, me, leader, waiting is not null && actor.IsInRole(waiting), target,
                serving.Any(o => o.Id == target))
            : "Vai trò của bạn không giao xử lý hồ sơ.";
        if (refusal is not null) return Outcome<Dossier>.Invalid([new("AssigneeId", refusal)]);
        d.AssignTo(target);
        db.DossierSteps.Add(new DossierStep
        {
            UnitId = d.UnitId, DossierId = d.Id, At = clock.GetUtcNow().UtcDateTime, Action = DossierAction.Assign, Status = d.Status,
            ByName = scope.ActorName, ByUserId = scope.ActorId, ToUserId = target, Note = input.Note?.Trim(),
        });
        await db.SaveChangesAsync();
        return Outcome<Dossier>.Success(d);
    }

    public async Task<Outcome<Dossier>> DraftApologyAsync(string code, ApologyInput input, ClaimsPrincipal actor)
    {
        var d = await db.Dossiers.FirstOrDefaultAsync(x => x.Code == code);
        if (d is null || !await access.MayAsync(actor, d.UnitId, UnitOperations.Change)) return Outcome<Dossier>.NotFound();
        RefusedException.IfStale(input.Version, d.Version, "Hồ sơ");
        var errors = new List<RuleViolation>();
        if (!Roles.CommuneStaff.Any(actor.IsInRole)) errors.Add(new("Reason", "Vai trò của bạn không lập văn bản xin lỗi."));
        if (errors.Count > 0) return Outcome<Dossier>.Invalid(errors);
        if (d.DraftApology(input.Reason.Trim(), VietnamTime.ToUtc(input.NewDate!.Value), scope.ActorName) is { } refused) return Outcome<Dossier>.Refused(refused);
        await db.SaveChangesAsync();
        return Outcome<Dossier>.Success(d);
    }

    public async Task<Outcome<Dossier>> ApproveApologyAsync(string code, int version, ClaimsPrincipal actor)
    {
        var d = await db.Dossiers.FirstOrDefaultAsync(x => x.Code == code);
        if (d is null || !await access.MayAsync(actor, d.UnitId, UnitOperations.Change)) return Outcome<Dossier>.NotFound();
        RefusedException.IfStale(version, d.Version, "Hồ sơ");
        if (!actor.IsInRole(Roles.CommuneLeader)) return Outcome<Dossier>.Invalid([new("Reason", "Chỉ lãnh đạo UBND xã phê duyệt văn bản xin lỗi.")]);
        if (d.ApproveApology(scope.ActorName, clock.GetUtcNow().UtcDateTime) is { } refused) return Outcome<Dossier>.Refused(refused);
        await db.SaveChangesAsync();
        return Outcome<Dossier>.Success(d);
    }

    /// <summary>The hand-over's verdict against the current step's deadline: the workflow's budgets counted from receipt, capped by the appointment.</summary>
    private async Task<HandOverResult> VerdictAsync(Dossier d, DateTime nowUtc)
    {
        var calendar = await calendars.ForUnitAsync(d.UnitId);
        var handOvers = await db.DossierSteps.CountAsync(s => s.DossierId == d.Id && s.ToRole != null);
        var workflow = (await db.Procedures.AsNoTracking().FirstAsync(p => p.Id == d.ProcedureId)).Workflow;
        var appointed = d.AppointedAt is DateTime a ? VietnamTime.FromUtc(a) : VietnamTime.FromUtc(nowUtc);
        var budget = workflow.Take(handOvers + 1).Sum(s => s.BudgetDays);
        var deadline = budget > 0 ? calendar.DueAt(VietnamTime.FromUtc(d.ReceivedAt), budget) : appointed;
        if (deadline > appointed) deadline = appointed;
        return DossierCodes.Judge(VietnamTime.FromUtc(nowUtc), deadline);
    }
}
