using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Democracy;

/// <summary>
/// Checks or rebuilds each household's visit counters (<see cref="Core.Domain.AffectedHousehold.VisitCount"/>,
/// <see cref="Core.Domain.AffectedHousehold.LastVisitOn"/>) from the visits they count: the clearance overview and the desks
/// read the counters, so they must never drift from the visits.
/// </summary>
public static class HouseholdVisitCounts
{
    private static readonly string[] UnitFilterOnly = [AppDbContext.UnitFilter];

    private sealed record Row(int Id, int UnitId, int VisitCount, DateOnly? LastVisitOn, int Counted, DateOnly? Last);

    private static async Task<List<Row>> DifferingAsync(AppDbContext db, int? onlyUnit) =>
        [.. (await db.AffectedHouseholds.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking()
            .Where(h => onlyUnit == null || h.UnitId == onlyUnit)
            .Select(h => new
            {
                h.Id, h.UnitId, h.VisitCount, h.LastVisitOn,
                Counted = db.HouseholdVisits.IgnoreQueryFilters(UnitFilterOnly).Count(v => v.HouseholdId == h.Id),
                Last = db.HouseholdVisits.IgnoreQueryFilters(UnitFilterOnly).Where(v => v.HouseholdId == h.Id).Max(v => (DateOnly?)v.Date),
            })
            .Where(r => r.VisitCount != r.Counted || r.LastVisitOn != r.Last)
            .OrderBy(r => r.Id).ToListAsync())
            .Select(r => new Row(r.Id, r.UnitId, r.VisitCount, r.LastVisitOn, r.Counted, r.Last))];

    /// <summary>The households whose counters differ from their visits, described for a person (no names: ids only).</summary>
    public static async Task<List<string>> DriftAsync(AppDbContext db, int? onlyUnit = null) =>
        [.. (await DifferingAsync(db, onlyUnit)).Select(r => $"household {r.Id} (unit {r.UnitId}): stored {r.VisitCount} visits, last {r.LastVisitOn?.ToString("yyyy-MM-dd") ?? "none"}; " +
                         $"the visits say {r.Counted}, last {r.Last?.ToString("yyyy-MM-dd") ?? "none"}")];

    /// <summary>Sets every differing household's counters (all units, or one) to what its visits say. Returns how many changed.</summary>
    public static async Task<int> RebuildAsync(AppDbContext db, int? onlyUnit = null)
    {
        var differing = await DifferingAsync(db, onlyUnit);
        if (differing.Count == 0) return 0;
        var ids = differing.Select(r => r.Id).ToList();
        var households = await db.AffectedHouseholds.IgnoreQueryFilters(UnitFilterOnly).Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id);
        foreach (var r in differing) households[r.Id].RecountVisits(r.Counted, r.Last);
        await db.SaveChangesAsync();
        return differing.Count;
    }
}
