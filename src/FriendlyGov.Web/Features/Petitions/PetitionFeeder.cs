using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>
/// Keeps <see cref="PetitionDayFigures"/> in step with the petitions: every petition added, changed or removed takes its old
/// contribution out of its buckets and puts its new one in, whatever changed (status, answer, deadline, field, village,
/// confirmation, link as a repeat, even the unit), so no code path can forget to count.
/// </summary>
public sealed class PetitionFeeder() : BucketFeeder(Sql)
{
    public static readonly BucketSql Sql = new("PetitionFigures", PetitionDayFigures.Counters, withLabel: false);

    protected override Task<BucketDeltas?> CollectAsync(AppDbContext db, CancellationToken ct)
    {
        BucketDeltas? deltas = null;
        foreach (var entry in db.ChangeTracker.Entries<Petition>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.State != EntityState.Added) Add(ref deltas, entry.OriginalValues, -1);
            if (entry.State != EntityState.Deleted) Add(ref deltas, entry.CurrentValues, 1);
        }
        return Task.FromResult(deltas);
    }

    private static void Add(ref BucketDeltas? deltas, PropertyValues v, int sign)
    {
        var counts = PetitionDayFigures.CountsOf(v.GetValue<PetitionStatus>(nameof(Petition.Status)), v.GetValue<DateTime?>(nameof(Petition.AnsweredAt)),
            v.GetValue<DateTime>(nameof(Petition.DueAt)), v.GetValue<bool?>(nameof(Petition.SenderSatisfied)), v.GetValue<int?>(nameof(Petition.DuplicateOfId)));
        if (counts is null) return;
        (deltas ??= new()).AddPetition(v.GetValue<int>(nameof(Petition.UnitId)), v.GetValue<DateTime>(nameof(Petition.SubmittedAt)),
            v.GetValue<string>(nameof(Petition.CategoryName)), v.GetValue<string?>(nameof(Petition.VillageName)), counts, sign);
    }
}

public static class PetitionSlices
{
    /// <summary>A petition's counts in its buckets: the unit's whole, its field and its village, on its day of submission.</summary>
    public static void AddPetition(this BucketDeltas deltas, int unitId, DateTime submittedAt, string category, string? village, int[] counts, int sign = 1)
    {
        var day = DateOnly.FromDateTime(VietnamTime.FromUtc(submittedAt));
        deltas.Add(unitId, day, PetitionDayFigures.Whole, null, counts, sign);
        deltas.Add(unitId, day, PetitionDayFigures.CategorySlice(category), null, counts, sign);
        deltas.Add(unitId, day, PetitionDayFigures.VillageSlice(village), null, counts, sign);
    }
}
