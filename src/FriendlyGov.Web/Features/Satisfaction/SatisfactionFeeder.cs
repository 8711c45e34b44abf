using System.Runtime.CompilerServices;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>
/// Keeps <see cref="SatisfactionDayFigures"/> in step with the facts, in the kernel every save goes through: a new rating, a
/// follow-up opened or closed, a dossier's first end, an unhappy rating of an ended dossier. The counts are worked out from
/// the changes before the save and added (atomic upserts, so concurrent saves never lose one) after it succeeded, inside its
/// transaction: they commit with the facts or not at all.
/// </summary>
public sealed class SatisfactionFeeder(IServiceProvider root) : SaveChangesInterceptor
{
    private static readonly string[] UnitFilterOnly = [AppDbContext.UnitFilter];
    private readonly ConditionalWeakTable<DbContext, FigureDeltas> _pending = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await CollectAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) CollectAsync(db, default).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && _pending.TryGetValue(db, out var deltas))
        {
            _pending.Remove(db);
            await WriteAsync(db, deltas, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is AppDbContext db && _pending.TryGetValue(db, out var deltas))
        {
            _pending.Remove(db);
            WriteAsync(db, deltas, default).GetAwaiter().GetResult();
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is not null) _pending.Remove(eventData.Context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not null) _pending.Remove(eventData.Context);
        return Task.CompletedTask;
    }

    private async Task CollectAsync(AppDbContext db, CancellationToken ct)
    {
        _pending.Remove(db);
        var deltas = new FigureDeltas();
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
        if (addedRatings.Count == 0 && endedSteps.Count == 0 && followUps.Count == 0) return;

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
        if (!deltas.IsEmpty) _pending.AddOrUpdate(db, deltas);
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

    private static async Task WriteAsync(AppDbContext db, FigureDeltas deltas, CancellationToken ct)
    {
        // Audited saves always run in a transaction (the kernel opens one); counts outside one could outlive a rollback.
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Satisfaction figures are written only inside the save's transaction.");
        // The buckets are distinct (merged by key), so one statement adds them all: one round trip per save. In key order, so
        // two saves touching the same buckets lock them in the same order and never deadlock.
        var rows = deltas.Rows.OrderBy(r => r.Key.UnitId).ThenBy(r => r.Key.Span).ThenBy(r => r.Key.Day).ThenBy(r => r.Key.Slice, StringComparer.Ordinal);
        foreach (var chunk in rows.Chunk(FigureSql.RowsPerStatement))
            await db.Database.ExecuteSqlRawAsync(FigureSql.Upsert(chunk.Length), FigureSql.Arguments(chunk), ct);
    }
}

/// <summary>Deltas to add, merged by bucket (each rating feeds the whole, its official and its procedure, by day and by month).</summary>
public sealed class FigureDeltas
{
    public readonly record struct Key(int UnitId, FigureSpan Span, DateOnly Day, string Slice)
    {
        public string? Label { get; init; }
    }

    private readonly Dictionary<(int, FigureSpan, DateOnly, string), (Key Key, int[] Counts)> _rows = [];

    public bool IsEmpty => _rows.Count == 0;
    public IEnumerable<(Key Key, int[] Counts)> Rows => _rows.Values;

    public static string OfficialSlice(string? officialId) => "o:" + (officialId ?? "");
    public static string ProcedureSlice(string? procedureCode) => "p:" + (procedureCode ?? "");
    public const string NoOfficial = "Chung, không nêu cán bộ";
    public const string NoProcedure = "Không gắn với thủ tục";

    public void AddRating(Rating r, int[] counts)
    {
        var day = DossierEnds.LocalDay(r.At);
        Add(r.UnitId, day, "", null, counts);
        Add(r.UnitId, day, OfficialSlice(r.OfficialId), r.OfficialName ?? NoOfficial, counts);
        Add(r.UnitId, day, ProcedureSlice(r.ProcedureCode), r.ProcedureName ?? NoProcedure, counts);
    }

    public void AddDossier(int unitId, string procedureCode, string procedureName, DateTime endedUtc, int[] counts)
    {
        var day = DossierEnds.LocalDay(endedUtc);
        Add(unitId, day, "", null, counts);
        Add(unitId, day, ProcedureSlice(procedureCode), procedureName, counts);
    }

    private void Add(int unitId, DateOnly day, string slice, string? label, int[] counts)
    {
        foreach (var (span, start) in new[] { (FigureSpan.Day, day), (FigureSpan.Month, new DateOnly(day.Year, day.Month, 1)) })
        {
            var k = (unitId, span, start, slice);
            if (_rows.TryGetValue(k, out var row)) { for (var i = 0; i < counts.Length; i++) row.Counts[i] += counts[i]; }
            else _rows[k] = (new Key(unitId, span, start, slice) { Label = label }, (int[])counts.Clone());
        }
    }
}

internal static class FigureSql
{
    private const string Table = "\"SatisfactionFigures\"";
    private static readonly string ColumnList =
        $"\"UnitId\", \"Span\", \"Day\", \"Slice\", \"Label\", {string.Join(", ", SatisfactionDayFigures.Counters.Select(c => $"\"{c}\""))}";

    /// <summary>The values of one bucket: its key, its label and its counts.</summary>
    public static readonly int Columns = 5 + SatisfactionDayFigures.Counters.Length;

    /// <summary>Buckets per statement: 40 parameters a bucket, under SQLite's 32,766.</summary>
    public const int RowsPerStatement = 300;

    /// <summary>Inserts that many buckets in one statement (placeholders {0}… in row order, as <see cref="Arguments"/> gives them).</summary>
    public static string Insert(int rows) =>
        $"INSERT INTO {Table} ({ColumnList}) VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(r * Columns, Columns).Select(i => $"{{{i}}}")) + ")"));

    /// <summary>
    /// Adds that many buckets' counts, creating each bucket that is the first (the same statement on SQLite and PostgreSQL;
    /// the buckets of one statement must be distinct).
    /// </summary>
    public static string Upsert(int rows) =>
        Insert(rows) + " " +
        $"ON CONFLICT (\"UnitId\", \"Span\", \"Day\", \"Slice\") DO UPDATE SET \"Label\" = COALESCE({Table}.\"Label\", excluded.\"Label\"), " +
        string.Join(", ", SatisfactionDayFigures.Counters.Select(c => $"\"{c}\" = {Table}.\"{c}\" + excluded.\"{c}\""));

    /// <summary>The values of the buckets, in the order of <see cref="Insert"/>'s placeholders.</summary>
    public static List<object> Arguments(IReadOnlyCollection<(FigureDeltas.Key Key, int[] Counts)> rows)
    {
        var args = new List<object>(rows.Count * Columns);
        foreach (var (key, counts) in rows)
        {
            args.AddRange([key.UnitId, (int)key.Span, key.Day, key.Slice, key.Label ?? ""]);
            args.AddRange(counts.Cast<object>());
        }
        return args;
    }
}
