using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Model;

public sealed class InspectionPlanInput
{
    public string? Subject { get; set; }
    public DateOnly? PlannedOn { get; set; }
    public string? Team { get; set; }
}

public sealed class InspectionResultInput
{
    public InspectionStatus Status { get; set; } = InspectionStatus.Done;
    public DateOnly? DoneOn { get; set; }
    public string? Team { get; set; }
    public string? Findings { get; set; }
    public string? CancelReason { get; set; }
    public int Version { get; set; }
}

public sealed class RecommendationInput
{
    public string? Content { get; set; }
    public DateOnly? Deadline { get; set; }
}

public sealed class ReportInput
{
    public string? Report { get; set; }
    public int Version { get; set; }
}

public sealed class ReviewInput
{
    /// <summary>True: the board accepts the commune's report and closes the recommendation; false: it goes back to the commune.</summary>
    public bool Accept { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
}

public sealed record InspectionView(Inspection Inspection, string Commune, string CommuneCode, string InspectingUnit, List<InspectionRecommendation> Recommendations);

/// <summary>
/// Kiểm tra, giám sát: the supervising board plans and records visits to the communes of its area, makes recommendations with
/// deadlines, and accepts (or sends back) the commune's report on each. The commune sees its own and reports on them.
/// </summary>
public sealed class Inspections(AppDbContext db, IUnitScope scope, UnitAccess access, TimeProvider clock, SystemContexts system)
{
    private DateOnly Today => DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>A recommendation the commune has not reported on by its deadline.</summary>
    public static bool Overdue(InspectionRecommendation r, DateOnly today) => r.Status == RecommendationStatus.Open && r.Deadline < today;

    /// <summary>Inspections visible to the caller (their commune, or their area), newest first; optionally one commune's.</summary>
    public async Task<List<InspectionView>> ListAsync(int? unitId = null)
    {
        var q = db.Inspections.AsNoTracking();
        if (unitId is int u) q = q.Where(i => i.UnitId == u);
        var rows = await q.OrderByDescending(i => i.PlannedOn).ThenByDescending(i => i.Id).Take(500).ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var recs = await db.Recommendations.AsNoTracking().Where(r => ids.Contains(r.InspectionId)).OrderBy(r => r.Deadline).ThenBy(r => r.Id).ToListAsync();
        var unitIds = rows.SelectMany(r => new[] { r.UnitId, r.InspectingUnitId }).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(x => unitIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id);
        return rows.Select(i => new InspectionView(i, units.GetValueOrDefault(i.UnitId)?.FullName ?? "", units.GetValueOrDefault(i.UnitId)?.Code ?? "",
            units.GetValueOrDefault(i.InspectingUnitId)?.FullName ?? "", recs.Where(r => r.InspectionId == i.Id).ToList())).ToList();
    }

    /// <summary>
    /// Only the board that planned an inspection records it, recommends after it and reviews the commune's report: another
    /// supervisor who can read the commune (a province above a former district) cannot write in that board's name.
    /// </summary>
    private static bool IsOwnBoard(ClaimsPrincipal actor, Inspection i) => UnitAuthorizationHandler.IsSupervisor(actor) && actor.UnitId() == i.InspectingUnitId;

    /// <summary>The supervising board plans a visit to a commune of its area.</summary>
    public async Task<Outcome<Inspection>> PlanAsync(string? communeCode, InspectionPlanInput input, ClaimsPrincipal actor)
    {
        var unit = await db.CommuneByCodeAsync(communeCode);
        if (unit is null || !await access.MayAsync(actor, unit.Id, UnitOperations.Read)) return Outcome<Inspection>.NotFound();
        if (!UnitAuthorizationHandler.IsSupervisor(actor) || actor.UnitId() is not int inspecting)
            return Outcome<Inspection>.Invalid([new("Subject", "Chỉ Ban Chỉ đạo cấp trên kiểm tra, giám sát xã.")]);
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.Subject) || input.Subject.Trim().Length > 500) errors.Add(new(nameof(input.Subject), "Ghi nội dung kiểm tra (tối đa 500 ký tự)."));
        if (input.PlannedOn is null) errors.Add(new(nameof(input.PlannedOn), "Ghi ngày kiểm tra dự kiến."));
        else if (input.PlannedOn < Today.AddYears(-1) || input.PlannedOn > Today.AddYears(2)) errors.Add(new(nameof(input.PlannedOn), "Ngày kiểm tra không hợp lệ."));
        Limit(errors, nameof(input.Team), input.Team, 2000);
        if (errors.Count > 0) return Outcome<Inspection>.Invalid(errors);
        // The row belongs to the commune inspected (it must see it), so the system writes it on the board's behalf.
        await using var sys = system.Open($"{scope.ActorName} (kiểm tra, giám sát)", scope.ActorId);
        var i = Inspection.Plan(unit.Id, inspecting, input.Subject!.Trim(), input.PlannedOn!.Value, Blank(input.Team), scope.ActorName);
        sys.Inspections.Add(i);
        await sys.SaveChangesAsync();
        return Outcome<Inspection>.Success(i);
    }

    /// <summary>The visit took place (date, team, findings) or was cancelled (with the reason).</summary>
    public async Task<Outcome<Inspection>> RecordAsync(int id, InspectionResultInput input, ClaimsPrincipal actor)
    {
        var seen = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (seen is null || !IsOwnBoard(actor, seen)) return Outcome<Inspection>.NotFound();
        await using var sys = system.Open($"{scope.ActorName} (kiểm tra, giám sát)", scope.ActorId);
        var i = await sys.Inspections.FirstAsync(x => x.Id == id);
        RefusedException.IfStale(input.Version, i.Version, "Đợt kiểm tra");
        var hasRecommendations = await sys.Recommendations.AnyAsync(r => r.InspectionId == id);
        if (i.Record(input.Status, input.DoneOn, input.Findings, input.Team, input.CancelReason, hasRecommendations, Today) is { } refused)
            return Outcome<Inspection>.Refused(refused);
        await sys.SaveChangesAsync();
        return Outcome<Inspection>.Success(i);
    }

    /// <summary>A recommendation after a visit that took place: what the commune must do, by when.</summary>
    public async Task<Outcome<InspectionRecommendation>> RecommendAsync(int inspectionId, RecommendationInput input, ClaimsPrincipal actor)
    {
        var seen = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(x => x.Id == inspectionId);
        if (seen is null || !IsOwnBoard(actor, seen)) return Outcome<InspectionRecommendation>.NotFound();
        var errors = new List<RuleViolation>();
        if (seen.Status != InspectionStatus.Done) errors.Add(new(nameof(input.Content), "Ghi kết quả kiểm tra trước khi kiến nghị."));
        if (string.IsNullOrWhiteSpace(input.Content) || input.Content.Trim().Length > 2000) errors.Add(new(nameof(input.Content), "Ghi nội dung kiến nghị (tối đa 2.000 ký tự)."));
        if (input.Deadline is null) errors.Add(new(nameof(input.Deadline), "Ghi thời hạn thực hiện."));
        else if (input.Deadline < Today) errors.Add(new(nameof(input.Deadline), "Thời hạn không ở quá khứ."));
        if (errors.Count > 0) return Outcome<InspectionRecommendation>.Invalid(errors);
        await using var sys = system.Open($"{scope.ActorName} (kiến nghị sau kiểm tra)", scope.ActorId);
        var r = new InspectionRecommendation { UnitId = seen.UnitId, InspectionId = seen.Id, Content = input.Content!.Trim(), Deadline = input.Deadline!.Value };
        sys.Recommendations.Add(r);
        await sys.SaveChangesAsync();
        return Outcome<InspectionRecommendation>.Success(r);
    }

    /// <summary>The commune's leader reports what was done; the recommendation then waits for the board's review.</summary>
    public async Task<Outcome<InspectionRecommendation>> ReportAsync(int id, ReportInput input, ClaimsPrincipal actor)
    {
        var r = await db.Recommendations.FirstOrDefaultAsync(x => x.Id == id);
        if (r is null || !await access.MayAsync(actor, r.UnitId, UnitOperations.Work)) return Outcome<InspectionRecommendation>.NotFound();
        if (!await access.MayAsync(actor, r.UnitId, UnitOperations.Lead)) return Outcome<InspectionRecommendation>.Invalid([new(nameof(input.Report), "Chỉ lãnh đạo UBND xã báo cáo kết quả thực hiện kiến nghị.")]);
        RefusedException.IfStale(input.Version, r.Version, "Kiến nghị sau kiểm tra");
        if (r.ReportDone(input.Report, clock.GetUtcNow().UtcDateTime, scope.ActorName) is { } refused) return Outcome<InspectionRecommendation>.Refused(refused);
        await db.SaveChangesAsync();
        return Outcome<InspectionRecommendation>.Success(r);
    }

    /// <summary>The board accepts the report (closed) or sends it back to the commune with a note.</summary>
    public async Task<Outcome<InspectionRecommendation>> ReviewAsync(int id, ReviewInput input, ClaimsPrincipal actor)
    {
        var seen = await db.Recommendations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        var inspection = seen is null ? null : await db.Inspections.AsNoTracking().FirstOrDefaultAsync(x => x.Id == seen.InspectionId);
        if (seen is null || inspection is null || !IsOwnBoard(actor, inspection)) return Outcome<InspectionRecommendation>.NotFound();
        // Checked before the system context opens, so a refusal writes nothing; the entity checks again as it changes.
        if (seen.RefusesReview(input.Accept, input.Note) is { } refused) return Outcome<InspectionRecommendation>.Refused(refused);
        await using var sys = system.Open($"{scope.ActorName} (đánh giá thực hiện kiến nghị)", scope.ActorId);
        var r = await sys.Recommendations.FirstAsync(x => x.Id == id);
        RefusedException.IfStale(input.Version, r.Version, "Kiến nghị sau kiểm tra");
        if (r.Review(input.Accept, input.Note, clock.GetUtcNow().UtcDateTime, scope.ActorName) is { } changed) return Outcome<InspectionRecommendation>.Refused(changed);
        await sys.SaveChangesAsync();
        return Outcome<InspectionRecommendation>.Success(r);
    }

    /// <summary>The roll-out's inspection figures per commune: open and overdue recommendations, the last visit done.</summary>
    public async Task<Dictionary<int, (int Open, int Overdue, DateOnly? LastVisit)>> RolloutFiguresAsync(IReadOnlyCollection<int> unitIds, DateOnly today)
    {
        var open = (await db.Recommendations.AsNoTracking().Where(r => unitIds.Contains(r.UnitId) && r.Status != RecommendationStatus.Closed)
            .Select(r => new { r.UnitId, r.Status, r.Deadline }).ToListAsync()).ToLookup(r => r.UnitId);
        var visits = await db.Inspections.AsNoTracking().Where(i => unitIds.Contains(i.UnitId) && i.Status == InspectionStatus.Done)
            .GroupBy(i => i.UnitId).Select(g => new { g.Key, Last = g.Max(i => i.DoneOn) }).ToDictionaryAsync(x => x.Key, x => x.Last);
        return unitIds.ToDictionary(id => id, id => (open[id].Count(),
            open[id].Count(r => r.Status == RecommendationStatus.Open && r.Deadline < today), visits.GetValueOrDefault(id)));
    }
}
