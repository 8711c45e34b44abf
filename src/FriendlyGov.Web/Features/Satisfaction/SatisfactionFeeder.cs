using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>
/// Keeps <see cref="SatisfactionDayFigures"/> in step with the facts, in the kernel every save goes through: a new rating, a
/// follow-up opened or closed, a dossier's first end, an unhappy rating of an ended dossier. The counts are worked out from
/// the changes before the save and added (atomic upserts, so concurrent saves never lose one) after it succeeded, inside its
/// transaction: they commit with the facts or not at all.
/// </summary>
public sealed class SatisfactionFeeder(IServiceProvider root) : BucketFeeder(Sql)
{
    private static readonly string[] UnitFilterOnly = [AppDbContext.UnitFilter];

    /// <summary>The satisfaction figures' statements (their buckets carry the official's or procedure's name).</summary>
    public static readonly BucketSql Sql = new("SatisfactionFigures", SatisfactionDayFigures.Counters, withLabel: true);

    protected override async Task<BucketDeltas?> CollectAsync(AppDbContext db, CancellationToken ct)
    {
        var deltas = new BucketDeltas();
        // Keyed by the tracked key: a rating not yet saved has a temporary one, kept by EF in the entry, not on the entity.
        var addedRatings = new Dictionary<long, Rating>();
        var endedSteps = new List<DossierStep>();
        var followUps = new List<(RatingFollowUp FollowUp, int[] Counts)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Rating r when entry.State == EntityState.Added:
                    addedRatings[(long)entry.Property(nameof(Rating.Id)).CurrentValue!] = r;
                    break;
                case RatingFollowUp f when entry.State == EntityState.Added:
                    followUps.Add((f, FigureCounts.OfFollowUp(f.Status)));
                    break;
                case RatingFollowUp f when entry.State == EntityState.Modified:
                    var was = FollowUpStatuses.IsOpen((FollowUpStatus)entry.Property(nameof(RatingFollowUp.Status)).OriginalValue!);
                    if (was != FollowUpStatuses.IsOpen(f.Status)) followUps.Add((f, FigureCounts.One(FigureCounts.OpenFollowUps, was ? -1 : 1)));
                    break;
                case DossierStep s when entry.State == EntityState.Added && DossierEnds.Ends(s.Action):
                    endedSteps.Add(s);
                    break;
            }
        }
        if (addedRatings.Count == 0 && endedSteps.Count == 0 && followUps.Count == 0) return null;

        foreach (var r in addedRatings.Values) deltas.AddRating(r, FigureCounts.OfRating(r.Overall, r.Code));
        foreach (var (f, counts) in followUps)
        {
            var ratingId = (long)db.Entry(f).Property(nameof(RatingFollowUp.RatingId)).CurrentValue!;
            var rating = addedRatings.GetValueOrDefault(ratingId)
                ?? await db.Ratings.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking().FirstOrDefaultAsync(x => x.Id == ratingId, ct);
            if (rating is not null) deltas.AddRating(rating, counts);
        }

        // Decision 766: a dossier counts on the day it first ended, late or not, and unhappy if any of its ratings is.
        var calendars = new Calendars(db, root.GetRequiredService<ReferenceCache>());
        var unhappyNew = addedRatings.Values.Where(r => r.DossierId is not null && r.Overall <= SatisfactionLevel.Dissatisfied)
            .Select(r => r.DossierId!.Value).ToHashSet();
        var justEnded = new HashSet<int>();
        foreach (var dossierId in endedSteps.Select(s => s.DossierId).Distinct())
        {
            var end = await EndAsync(db, calendars, dossierId, endedSteps, onlyIfFirst: true, ct);
            if (end is null) continue;
            justEnded.Add(dossierId);
            var v = FigureCounts.One(FigureCounts.Ended);
            v[FigureCounts.Late] = end.Value.End.Late ? 1 : 0;
            v[FigureCounts.Dissatisfied] = unhappyNew.Contains(dossierId) || await UnhappyInDatabaseAsync(db, dossierId, ct) ? 1 : 0;
            deltas.AddDossier(end.Value.Dossier.UnitId, end.Value.Dossier.ProcedureCode, end.Value.Dossier.ProcedureName, end.Value.End.EndedUtc, v);
        }
        foreach (var dossierId in unhappyNew.Where(id => !justEnded.Contains(id)))
        {
            if (await UnhappyInDatabaseAsync(db, dossierId, ct)) continue; // already counted
            var end = await EndAsync(db, calendars, dossierId, [], onlyIfFirst: false, ct);
            if (end is { } e) deltas.AddDossier(e.Dossier.UnitId, e.Dossier.ProcedureCode, e.Dossier.ProcedureName, e.End.EndedUtc, FigureCounts.One(FigureCounts.Dissatisfied));
        }
        return deltas;
    }

    private static Task<bool> UnhappyInDatabaseAsync(AppDbContext db, int dossierId, CancellationToken ct) =>
        db.Ratings.IgnoreQueryFilters(UnitFilterOnly).AnyAsync(r => r.DossierId == dossierId && r.Overall <= SatisfactionLevel.Dissatisfied, ct);

    /// <summary>The dossier's end with the steps being added; with onlyIfFirst, null when it had already ended before them.</summary>
    private static async Task<(Dossier Dossier, DossierEnd End)?> EndAsync(AppDbContext db, Calendars calendars, int dossierId,
        List<DossierStep> adding, bool onlyIfFirst, CancellationToken ct)
    {
        var dossier = db.ChangeTracker.Entries<Dossier>().Select(e => e.Entity).FirstOrDefault(d => d.Id == dossierId)
            ?? await db.Dossiers.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking().FirstOrDefaultAsync(d => d.Id == dossierId, ct);
        if (dossier is null) return null;
        var saved = await db.DossierSteps.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking().Where(s => s.DossierId == dossierId)
            .Select(s => new { s.Action, s.At, s.Id }).ToListAsync(ct);
        var steps = saved.Select(s => (s.Action, s.At, s.Id)).ToList();
        var calendar = await calendars.ForUnitAsync(dossier.UnitId);
        var before = DossierEnds.Of(steps, dossier.AppointedAt, calendar);
        if (onlyIfFirst && before is not null) return null;
        // Steps being added have no id yet: they come after the saved ones at the same moment.
        steps.AddRange(adding.Where(s => s.DossierId == dossierId).Select((s, i) => (s.Action, s.At, long.MaxValue - 1000 + i)));
        var end = before ?? DossierEnds.Of(steps, dossier.AppointedAt, calendar);
        return end is null ? null : (dossier, end);
    }
}

/// <summary>How the satisfaction figures slice a rating and a dossier: the whole, its official and its procedure, by day and by month.</summary>
public static class SatisfactionSlices
{
    public static string OfficialSlice(string? officialId) => "o:" + (officialId ?? "");
    public static string ProcedureSlice(string? procedureCode) => "p:" + (procedureCode ?? "");
    public const string NoOfficial = "Chung, không nêu cán bộ";
    public const string NoProcedure = "Không gắn với thủ tục";

    public static void AddRating(this BucketDeltas deltas, Rating r, int[] counts)
    {
        var day = DossierEnds.LocalDay(r.At);
        deltas.Add(r.UnitId, day, "", null, counts);
        deltas.Add(r.UnitId, day, OfficialSlice(r.OfficialId), r.OfficialName ?? NoOfficial, counts);
        deltas.Add(r.UnitId, day, ProcedureSlice(r.ProcedureCode), r.ProcedureName ?? NoProcedure, counts);
    }

    public static void AddDossier(this BucketDeltas deltas, int unitId, string procedureCode, string procedureName, DateTime endedUtc, int[] counts)
    {
        var day = DossierEnds.LocalDay(endedUtc);
        deltas.Add(unitId, day, "", null, counts);
        deltas.Add(unitId, day, ProcedureSlice(procedureCode), procedureName, counts);
    }
}
