using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>Rebuilds or checks <see cref="PetitionDayFigures"/> from the petitions they count.</summary>
public static class PetitionFigureStore
{
    private static readonly string[] UnitFilterOnly = [AppDbContext.UnitFilter];

    /// <summary>Every bucket as the petitions give it (all units, or one), the way the feeder would have built it.</summary>
    public static async Task<BucketDeltas> ComputeAsync(AppDbContext db, int? onlyUnit = null)
    {
        var deltas = new BucketDeltas();
        var rows = db.Petitions.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking()
            .Where(p => (onlyUnit == null || p.UnitId == onlyUnit) && p.Status != PetitionStatus.Transferred)
            .Select(p => new { p.UnitId, p.SubmittedAt, p.CategoryName, p.VillageName, p.Status, p.AnsweredAt, p.DueAt, p.SenderSatisfied, p.DuplicateOfId })
            .AsAsyncEnumerable();
        await foreach (var p in rows)
            if (PetitionDayFigures.CountsOf(p.Status, p.AnsweredAt, p.DueAt, p.SenderSatisfied, p.DuplicateOfId) is { } counts)
                deltas.AddPetition(p.UnitId, p.SubmittedAt, p.CategoryName, p.VillageName, counts);
        return deltas;
    }

    /// <summary>The buckets whose stored counts differ from the petitions' (missing, extra or different), described for a person.</summary>
    public static async Task<List<string>> DriftAsync(AppDbContext db, int? onlyUnit = null)
    {
        var stored = await db.PetitionFigures.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking()
            .Where(f => onlyUnit == null || f.UnitId == onlyUnit).ToListAsync();
        return (await ComputeAsync(db, onlyUnit)).DriftFrom(stored.Select(f => (new BucketDeltas.Key(f.UnitId, f.Span, f.Day, f.Slice), f.Counts())));
    }

    /// <summary>Replaces every bucket (or one unit's) with what the petitions give. Returns the number of buckets written.</summary>
    public static async Task<int> RebuildAsync(AppDbContext db, int? onlyUnit = null) =>
        await PetitionFeeder.Sql.ReplaceAsync(db, db.PetitionFigures.IgnoreQueryFilters(UnitFilterOnly).Where(f => onlyUnit == null || f.UnitId == onlyUnit),
            (await ComputeAsync(db, onlyUnit)).Rows);
}
