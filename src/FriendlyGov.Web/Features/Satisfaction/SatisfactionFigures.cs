using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>The counts of a report read from the figures: per group key, the whole, and the names of officials and procedures.</summary>
public sealed record FigureTotals(Dictionary<string, FigureCounts> ByKey, FigureCounts Total, Dictionary<string, string> Labels);

/// <summary>
/// Reads the satisfaction indices from <see cref="SatisfactionDayFigures"/> (whole months as month buckets, the rest as days:
/// a year of a province is a few thousand rows, whatever the number of dossiers; totals of this year so far, one year bucket
/// per unit and slice), and rebuilds or checks those buckets from the facts.
/// </summary>
public static class SatisfactionFigures
{
    private static readonly string[] UnitFilterOnly = [AppDbContext.UnitFilter];

    public static async Task<FigureTotals> ReadAsync(AppDbContext db, UnitGraph graph, int[] unitIds, DateOnly from, DateOnly to, ReportGrouping g, DateOnly today)
    {
        // Whole months inside the period come from month buckets; the days before the first and after the last from day buckets.
        // Grouped by unit, official or procedure (no dates), this year so far is its year bucket less what follows (nothing yet).
        var period = g is ReportGrouping.Commune or ReportGrouping.Official or ReportGrouping.Procedure ? BucketPeriod.Totals(from, to, today) : BucketPeriod.Of(from, to);
        var q = period.Buckets(db.SatisfactionFigures.AsNoTracking(), unitIds);
        q = g switch
        {
            ReportGrouping.Official => q.Where(f => f.Slice == "" || f.Slice.StartsWith("o:")),
            ReportGrouping.Procedure => q.Where(f => f.Slice == "" || f.Slice.StartsWith("p:")),
            _ => q.Where(f => f.Slice == ""),
        };
        var byKey = new Dictionary<string, FigureCounts>();
        var total = new FigureCounts();
        var labels = new Dictionary<string, string>();
        foreach (var row in await q.ToListAsync())
        {
            var (counts, sign) = (row.Counts(), period.Sign(row));
            if (row.Slice.Length == 0) total.Add(counts, sign);
            string? key = g switch
            {
                ReportGrouping.Commune => graph.CurrentSuccessor(row.UnitId).ToString(),
                ReportGrouping.Official or ReportGrouping.Procedure => row.Slice.Length == 0 ? null : row.Slice[2..],
                _ => SatisfactionReports.PeriodKey(row.Day.ToDateTime(TimeOnly.MinValue), g),
            };
            if (key is null) continue;
            if (!string.IsNullOrEmpty(row.Label)) labels.TryAdd(key, row.Label);
            if (!byKey.TryGetValue(key, out var sum)) byKey[key] = sum = new FigureCounts();
            sum.Add(counts, sign);
        }
        // A group with nothing in the period (its buckets all zero, or all taken away again) is no group, whichever way it was read.
        foreach (var key in byKey.Where(k => k.Value.Values.All(v => v == 0)).Select(k => k.Key).ToList()) byKey.Remove(key);
        return new FigureTotals(byKey, total, labels);
    }

    /// <summary>Every bucket as the facts give it (all units, or one), the way the feeder would have built it.</summary>
    public static async Task<BucketDeltas> ComputeAsync(AppDbContext db, Calendars calendars, int? onlyUnit = null)
    {
        var deltas = new BucketDeltas();
        var unitIds = onlyUnit is int u ? [u]
            : await db.Dossiers.IgnoreQueryFilters(UnitFilterOnly).Select(d => d.UnitId)
                .Union(db.Ratings.IgnoreQueryFilters(UnitFilterOnly).Select(r => r.UnitId)).Distinct().ToListAsync();
        foreach (var unitId in unitIds.Order())
        {
            // A follow-up belongs to its rating's buckets.
            var followUps = await db.FollowUps.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking()
                .Where(f => db.Ratings.IgnoreQueryFilters(UnitFilterOnly).Any(r => r.Id == f.RatingId && r.UnitId == unitId))
                .Select(f => new { f.RatingId, f.Status }).ToDictionaryAsync(f => f.RatingId, f => f.Status);
            var ratings = await db.Ratings.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking().Where(r => r.UnitId == unitId).ToListAsync();
            foreach (var r in ratings)
            {
                var v = new FigureCounts().Add(FigureCounts.OfRating(r.Overall, r.Code));
                if (followUps.TryGetValue(r.Id, out var status)) v.Add(FigureCounts.OfFollowUp(status));
                deltas.AddRating(r, v.Values);
            }

            var calendar = await calendars.ForUnitAsync(unitId);
            var unhappy = (await db.Ratings.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking()
                .Where(r => r.DossierId != null && r.Overall <= SatisfactionLevel.Dissatisfied && db.Dossiers.IgnoreQueryFilters(UnitFilterOnly).Any(d => d.Id == r.DossierId && d.UnitId == unitId))
                .Select(r => r.DossierId!.Value).ToListAsync()).ToHashSet();
            var ended = db.DossierSteps.IgnoreQueryFilters(UnitFilterOnly).Where(s => DossierEnds.Actions.Contains(s.Action)).Select(s => s.DossierId);
            var dossiers = await db.Dossiers.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking().Where(d => d.UnitId == unitId && ended.Contains(d.Id))
                .Select(d => new { d.Id, d.UnitId, d.ProcedureCode, d.ProcedureName, d.AppointedAt }).ToListAsync();
            foreach (var chunk in dossiers.Chunk(1000))
            {
                var ids = chunk.Select(d => d.Id).ToList();
                var steps = (await db.DossierSteps.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking().Where(s => ids.Contains(s.DossierId))
                    .Select(s => new { s.DossierId, s.Action, s.At, s.Id }).ToListAsync()).ToLookup(s => s.DossierId, s => (s.Action, s.At, s.Id));
                foreach (var d in chunk)
                {
                    if (DossierEnds.Of(steps[d.Id], d.AppointedAt, calendar) is not { } end) continue;
                    var v = FigureCounts.One(FigureCounts.Ended);
                    v[FigureCounts.Late] = end.Late ? 1 : 0;
                    v[FigureCounts.Dissatisfied] = unhappy.Contains(d.Id) ? 1 : 0;
                    deltas.AddDossier(d.UnitId, d.ProcedureCode, d.ProcedureName, end.EndedUtc, v);
                }
            }
        }
        return deltas;
    }

    /// <summary>The buckets whose stored counts differ from the facts' (missing, extra or different), described for a person.</summary>
    public static async Task<List<string>> DriftAsync(AppDbContext db, Calendars calendars, int? onlyUnit = null)
    {
        var stored = await db.SatisfactionFigures.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking()
            .Where(f => onlyUnit == null || f.UnitId == onlyUnit).ToListAsync();
        return (await ComputeAsync(db, calendars, onlyUnit)).DriftFrom(stored.Select(f => (new BucketDeltas.Key(f.UnitId, f.Span, f.Day, f.Slice), f.Counts())));
    }

    /// <summary>Replaces every bucket (or one unit's) with what the facts give. Returns the number of buckets written.</summary>
    public static async Task<int> RebuildAsync(AppDbContext db, Calendars calendars, int? onlyUnit = null) =>
        // Counts are bookkeeping, like the feeder's upserts: no audit entry.
        await SatisfactionFeeder.Sql.ReplaceAsync(db, db.SatisfactionFigures.IgnoreQueryFilters(UnitFilterOnly).Where(f => onlyUnit == null || f.UnitId == onlyUnit),
            (await ComputeAsync(db, calendars, onlyUnit)).Rows);
}
