using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Satisfaction;

public sealed record IndexRow(string Key, string Label, IndexFigures Figures, int? Rank = null, decimal? PreviousScore = null)
{
    public decimal? ScoreChange => Figures.Score is decimal s && PreviousScore is decimal p ? s - p : null;
}

public sealed record SatisfactionReportDto(string Unit, string UnitName, DateOnly From, DateOnly To, ReportGrouping GroupBy, bool OwnOnly,
    IndexFigures Total, List<IndexRow> Rows);

/// <summary>Who asks for a report, and what of it they may see.</summary>
/// <param name="Trend">Each row's score against the period of the same length before it (one more read); the roll-out has no use for it.</param>
public sealed record ReportRequest(string? Unit, DateOnly? From, DateOnly? To, ReportGrouping? GroupBy, bool Trend = true);

/// <summary>
/// The satisfaction indices of docs/indices.md over a unit (a commune, or a supervisor's subtree) and a period, split by
/// commune, official, procedure or period. An official who is not the commune's leader sees their own ratings only.
/// </summary>
public sealed class SatisfactionReport(AppDbContext db, UnitAccess access, UnitDirectory units, Calendars calendars, TimeProvider clock)
{
    public static bool SeesEveryOfficial(ClaimsPrincipal user) =>
        user.IsInRole(Roles.CommuneLeader) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin);

    /// <param name="fromFacts">Computes from the ratings and dossiers themselves instead of the figures: for checking them.</param>
    public async Task<Outcome<SatisfactionReportDto>> BuildAsync(ReportRequest request, ClaimsPrincipal user, bool fromFacts = false)
    {
        var errors = new List<RuleViolation>();
        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var from = request.From ?? new DateOnly(today.Year, 1, 1);
        var to = request.To ?? today;
        if (to < from) errors.Add(new("to", "Ngày kết thúc phải sau ngày bắt đầu."));
        else if (to.DayNumber - from.DayNumber > 3 * 366) errors.Add(new("to", "Mỗi báo cáo tối đa 3 năm."));

        AdministrativeUnit? unit;
        if (string.IsNullOrWhiteSpace(request.Unit))
            unit = user.UnitId() is int home ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == home) : null;
        else
            unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == request.Unit.Trim());
        if (unit is null && string.IsNullOrWhiteSpace(request.Unit)) errors.Add(new("unit", "Chọn đơn vị (mã xã hoặc mã tỉnh)."));
        if (errors.Count > 0) return Outcome<SatisfactionReportDto>.Invalid(errors);
        if (unit is null || !await access.MayAsync(user, unit.Id, UnitOperations.Read)) return Outcome<SatisfactionReportDto>.NotFound();

        var graph = units.Graph;
        var unitIds = graph.Owners(unit.Level == UnitLevel.Commune ? graph.CommuneScope(unit.Id) : graph.Subtree(unit.Id));
        var grouping = request.GroupBy ?? (unit.Level == UnitLevel.Commune ? ReportGrouping.Official : ReportGrouping.Commune);
        var ownOnly = !SeesEveryOfficial(user);
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);

        // The area's figures come from the day and month buckets (SatisfactionFigures); an official's own ratings, few
        // whatever the area, from the facts (the buckets are not split by official and procedure at once).
        Dictionary<string, IndexFigures> figures;
        IndexFigures total;
        Dictionary<string, string> known;
        Dictionary<string, IndexFigures>? previous;
        var length = to.DayNumber - from.DayNumber + 1;
        var trend = request.Trend && grouping is not (ReportGrouping.Month or ReportGrouping.Quarter or ReportGrouping.Year);
        if (ownOnly || fromFacts)
        {
            var current = await FactsAsync(unitIds, from, to, grouping, ownOnly ? me : null);
            // Rows by official carry no Decision 766 figure (a dossier is not one official's); the total always does.
            figures = SatisfactionReports.ByKey(current.Ratings, grouping == ReportGrouping.Official ? [] : current.Dossiers);
            total = SatisfactionReports.Figures(current.Ratings, current.Dossiers);
            known = current.Labels;
            // Trend: each row's score against the period of the same length just before.
            previous = !trend ? null
                : SatisfactionReports.ByKey((await FactsAsync(unitIds, from.AddDays(-length), from.AddDays(-1), grouping, ownOnly ? me : null)).Ratings, []);
        }
        else
        {
            var current = await SatisfactionFigures.ReadAsync(db, graph, unitIds, from, to, grouping, today);
            figures = current.ByKey.ToDictionary(k => k.Key, k => k.Value.Figures());
            total = current.Total.Figures();
            known = current.Labels;
            previous = !trend ? null
                : (await SatisfactionFigures.ReadAsync(db, graph, unitIds, from.AddDays(-length), from.AddDays(-1), grouping, today)).ByKey
                    .ToDictionary(k => k.Key, k => k.Value.Figures());
        }

        List<string> keys = grouping switch
        {
            ReportGrouping.Month or ReportGrouping.Quarter or ReportGrouping.Year => SatisfactionReports.PeriodKeys(from, to, grouping),
            // Every current commune of the area is listed, even one with nothing yet: a blank is news too.
            ReportGrouping.Commune => [.. (await CommunesAsync(unitIds)).Select(c => c.Id.ToString()).Union(figures.Keys)],
            _ => [.. figures.Keys],
        };
        var labels = await LabelsAsync(grouping, keys, known);
        var empty = SatisfactionReports.Figures([], []);
        var rows = keys.Select(k => new IndexRow(k, labels.GetValueOrDefault(k, k), figures.GetValueOrDefault(k, empty), null,
            previous?.GetValueOrDefault(k)?.Score)).ToList();
        if (grouping is ReportGrouping.Commune or ReportGrouping.Official or ReportGrouping.Procedure)
        {
            // Ranked by score, then by rate; rows with nothing to measure come last, unranked.
            var ranked = rows.Where(r => r.Figures.Score is not null)
                .OrderByDescending(r => r.Figures.Score).ThenByDescending(r => r.Figures.Rate).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
            rows = [.. ranked.Select((r, i) => r with { Rank = i + 1 }), .. rows.Where(r => r.Figures.Score is null).OrderBy(r => r.Label, StringComparer.Ordinal)];
        }
        return Outcome<SatisfactionReportDto>.Success(new SatisfactionReportDto(unit.Code, unit.FullName, from, to, grouping, ownOnly, total, rows));
    }

    private sealed record Facts(List<RatingFact> Ratings, List<DossierFact> Dossiers, Dictionary<string, string> Labels);

    private async Task<Facts> FactsAsync(int[] unitIds, DateOnly from, DateOnly to, ReportGrouping g, string? onlyOfficial)
    {
        var fromUtc = VietnamTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var toUtc = VietnamTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var graph = units.Graph;
        var q = db.Ratings.AsNoTracking().Where(r => unitIds.Contains(r.UnitId) && r.At >= fromUtc && r.At < toUtc);
        if (onlyOfficial is not null) q = q.Where(r => r.OfficialId == onlyOfficial);
        var rows = await q.Select(r => new
        {
            r.UnitId, r.At, r.Overall, r.Code, r.OfficialId, r.OfficialName, r.ProcedureCode, r.ProcedureName,
            FollowUp = db.FollowUps.Where(f => f.RatingId == r.Id).Select(f => (FollowUpStatus?)f.Status).FirstOrDefault(),
        }).ToListAsync();
        var labels = new Dictionary<string, string>();
        string Key(int unitId, DateTime at, string? official, string? officialName, string? procedure, string? procedureName)
        {
            switch (g)
            {
                case ReportGrouping.Commune: return graph.CurrentSuccessor(unitId).ToString();
                case ReportGrouping.Official:
                    labels.TryAdd(official ?? "", officialName ?? SatisfactionSlices.NoOfficial);
                    return official ?? "";
                case ReportGrouping.Procedure:
                    labels.TryAdd(procedure ?? "", procedureName ?? SatisfactionSlices.NoProcedure);
                    return procedure ?? "";
                default: return SatisfactionReports.PeriodKey(VietnamTime.FromUtc(at), g);
            }
        }
        var ratings = rows.Select(r => new RatingFact(Key(r.UnitId, r.At, r.OfficialId, r.OfficialName, r.ProcedureCode, r.ProcedureName),
            r.Overall, r.Code.Select(c => (CodeAnswer)(c - '0')).ToList(), r.FollowUp is not null, r.FollowUp is { } s && FollowUpStatuses.IsOpen(s))).ToList();

        // Decision 766 counts dossiers, not ratings, and is not split by official (an official's own view has no such figure).
        // Grouped by official, the dossiers still count in the unit's total: one computation for every screen.
        var dossiers = new List<DossierFact>();
        if (onlyOfficial is null)
        {
            foreach (var d in await EndedDossiersAsync(unitIds, fromUtc, toUtc))
            {
                labels.TryAdd(d.ProcedureCode, d.ProcedureName);
                dossiers.Add(new DossierFact(Key(d.UnitId, d.EndedUtc, null, null, d.ProcedureCode, d.ProcedureName), d.Late, d.Dissatisfied));
            }
        }
        return new Facts(ratings, dossiers, labels);
    }

    private sealed record Ended(int UnitId, string ProcedureCode, string ProcedureName, DateTime EndedUtc, bool Late, bool Dissatisfied);

    /// <summary>Dossiers whose end (Decision 766: first of result ready, returned, stopped or refused) falls in the period.</summary>
    private async Task<List<Ended>> EndedDossiersAsync(int[] unitIds, DateTime fromUtc, DateTime toUtc)
    {
        var ends = DossierEnds.Actions;
        var candidates = await db.DossierSteps.AsNoTracking()
            .Where(s => unitIds.Contains(s.UnitId) && ends.Contains(s.Action) && s.At >= fromUtc && s.At < toUtc)
            .Select(s => s.DossierId).Distinct().ToListAsync();
        var result = new List<Ended>();
        foreach (var chunk in candidates.Chunk(500))
        {
            var dossiers = await db.Dossiers.AsNoTracking().Where(d => chunk.Contains(d.Id))
                .Select(d => new { d.Id, d.UnitId, d.ProcedureCode, d.ProcedureName, d.AppointedAt }).ToListAsync();
            var steps = (await db.DossierSteps.AsNoTracking().Where(s => chunk.Contains(s.DossierId))
                .Select(s => new { s.DossierId, s.Action, s.At, s.Id }).ToListAsync()).ToLookup(s => s.DossierId);
            var unhappy = (await db.Ratings.AsNoTracking()
                .Where(r => r.DossierId != null && chunk.Contains(r.DossierId.Value) && r.Overall <= SatisfactionLevel.Dissatisfied)
                .Select(r => r.DossierId!.Value).ToListAsync()).ToHashSet();
            foreach (var d in dossiers)
            {
                var calendar = await calendars.ForUnitAsync(d.UnitId);
                if (DossierEnds.Of(steps[d.Id].Select(s => (s.Action, s.At, s.Id)), d.AppointedAt, calendar) is not { } end) continue;
                if (end.EndedUtc < fromUtc || end.EndedUtc >= toUtc) continue;
                result.Add(new Ended(d.UnitId, d.ProcedureCode, d.ProcedureName, end.EndedUtc, end.Late, unhappy.Contains(d.Id)));
            }
        }
        return result;
    }

    private async Task<List<AdministrativeUnit>> CommunesAsync(int[] unitIds) =>
        await db.Units.AsNoTracking()
            .Where(u => unitIds.Contains(u.Id) && u.Level == UnitLevel.Commune && u.EffectiveTo == null && u.SuccessorId == null).ToListAsync();

    private async Task<Dictionary<string, string>> LabelsAsync(ReportGrouping g, List<string> keys, Dictionary<string, string> known)
    {
        switch (g)
        {
            case ReportGrouping.Commune:
                var ids = keys.Select(int.Parse).ToList();
                return await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString(), u => u.FullName);
            case ReportGrouping.Month or ReportGrouping.Quarter or ReportGrouping.Year:
                return keys.ToDictionary(k => k, SatisfactionReports.PeriodLabel);
            default:
                return known;
        }
    }
}
