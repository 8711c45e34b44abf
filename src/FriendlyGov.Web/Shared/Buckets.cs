using System.Runtime.CompilerServices;
using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Counts to add to per-unit buckets of one day, one month and one year (a dashboard's aggregates), merged by bucket: unit,
/// span, day and slice. The satisfaction figures and the petition figures are both kept this way.
/// </summary>
public sealed class BucketDeltas
{
    public readonly record struct Key(int UnitId, FigureSpan Span, DateOnly Day, string Slice)
    {
        public string? Label { get; init; }
    }

    private readonly Dictionary<(int, FigureSpan, DateOnly, string), (Key Key, int[] Counts)> _rows = [];

    public bool IsEmpty => _rows.Count == 0;
    public IEnumerable<(Key Key, int[] Counts)> Rows => _rows.Values;

    /// <summary>Adds <paramref name="counts"/> (times <paramref name="sign"/>) to the day's bucket, its month's and its year's.</summary>
    public void Add(int unitId, DateOnly day, string slice, string? label, int[] counts, int sign = 1)
    {
        foreach (var (span, start) in new[] { (FigureSpan.Day, day), (FigureSpan.Month, new DateOnly(day.Year, day.Month, 1)), (FigureSpan.Year, new DateOnly(day.Year, 1, 1)) })
        {
            var k = (unitId, span, start, slice);
            if (!_rows.TryGetValue(k, out var row)) _rows[k] = row = (new Key(unitId, span, start, slice) { Label = label }, new int[counts.Length]);
            for (var i = 0; i < counts.Length; i++) row.Counts[i] += sign * counts[i];
        }
    }

    /// <summary>
    /// The buckets whose stored counts differ from these (taken as the facts' own): missing, extra or different, for a person.
    /// </summary>
    public List<string> DriftFrom(IEnumerable<(Key Key, int[] Counts)> stored)
    {
        var expected = Rows.Where(r => r.Counts.Any(c => c != 0)).ToDictionary(r => (r.Key.UnitId, r.Key.Span, r.Key.Day, r.Key.Slice), r => r.Counts);
        var problems = new List<string>();
        foreach (var (key, counts) in stored)
        {
            var k = (key.UnitId, key.Span, key.Day, key.Slice);
            if (expected.Remove(k, out var want))
            {
                if (!want.SequenceEqual(counts)) problems.Add($"{Describe(k)}: stored [{string.Join(',', counts)}], facts [{string.Join(',', want)}]");
            }
            else if (counts.Any(c => c != 0)) problems.Add($"{Describe(k)}: stored [{string.Join(',', counts)}], no such facts");
        }
        problems.AddRange(expected.Select(e => $"{Describe(e.Key)}: missing, facts [{string.Join(',', e.Value)}]"));
        return problems;
    }

    private static string Describe((int UnitId, FigureSpan Span, DateOnly Day, string Slice) k) =>
        $"unit {k.UnitId}, {k.Span.ToString().ToLowerInvariant()} {k.Day:yyyy-MM-dd}, slice “{k.Slice}”";
}

/// <summary>
/// A period cut for reading buckets. Inside it: whole months from month buckets, the days before the first and after the last
/// whole month from day buckets. Or, for a period from 1 January to a day of the same year read as totals (<see cref="Totals"/>):
/// the year's bucket less the months and days after the period, which are in the future when the period ends today ("this
/// year so far"), so usually no bucket at all. Empty ranges are MaxValue..MinValue.
/// </summary>
public readonly record struct BucketPeriod(DateOnly YearFrom, DateOnly YearTo, DateOnly MonthFrom, DateOnly MonthTo, DateOnly HeadFrom, DateOnly HeadTo,
    DateOnly TailFrom, DateOnly TailTo)
{
    private static readonly DateOnly None = DateOnly.MaxValue, NoneEnd = DateOnly.MinValue;
    private static readonly BucketPeriod Nothing = new(None, NoneEnd, None, NoneEnd, None, NoneEnd, None, NoneEnd);

    /// <summary>The period from the buckets inside it (whatever the reader groups by: months and days keep their dates).</summary>
    public static BucketPeriod Of(DateOnly from, DateOnly to)
    {
        var firstWhole = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var lastWholeStart = new DateOnly(to.Year, to.Month, 1);
        if (to != lastWholeStart.AddMonths(1).AddDays(-1)) lastWholeStart = lastWholeStart.AddMonths(-1);
        if (firstWhole > lastWholeStart) return Nothing with { HeadFrom = from, HeadTo = to };
        return Nothing with { MonthFrom = firstWhole, MonthTo = lastWholeStart, HeadFrom = from, HeadTo = firstWhole.AddDays(-1), TailFrom = lastWholeStart.AddMonths(1), TailTo = to };
    }

    /// <summary>
    /// The period for a reader that only adds up (by unit, official or procedure, never by date): from the year's bucket less
    /// what follows the period, when that reads fewer buckets than <see cref="Of"/> would (buckets after
    /// <paramref name="today"/> do not exist yet; <paramref name="today"/> only chooses, both ways give the same counts).
    /// Rows are added with <see cref="Sign"/>.
    /// </summary>
    public static BucketPeriod Totals(DateOnly from, DateOnly to, DateOnly today)
    {
        var inside = Of(from, to);
        var yearStart = new DateOnly(from.Year, 1, 1);
        if (from != yearStart || to.Year != from.Year || to < from) return inside;
        var yearEnd = new DateOnly(from.Year, 12, 31);
        // What follows the period to the year's end: whole months, and the days before the first of them (none after the last).
        var after = to == yearEnd ? Nothing : Of(to.AddDays(1), yearEnd);
        var yearly = after with { YearFrom = yearStart, YearTo = yearStart };
        return 1 + yearly.BucketsUpTo(today) < inside.BucketsUpTo(today) ? yearly : inside;
    }

    /// <summary>How a row counts: added, or (months and days after a year's period, read with its year) taken away.</summary>
    public int Sign(IDayBucket row) => YearFrom <= YearTo && row.Span != FigureSpan.Year ? -1 : 1;

    /// <summary>The month and day buckets per unit and slice this period reads, counting only those that can exist by <paramref name="today"/>.</summary>
    private int BucketsUpTo(DateOnly today)
    {
        static int Days(DateOnly a, DateOnly b, DateOnly today) => Math.Max(0, Math.Min(b.DayNumber, today.DayNumber) - a.DayNumber + 1);
        var lastMonth = MonthTo < today ? MonthTo : new DateOnly(today.Year, today.Month, 1);
        var months = MonthFrom > lastMonth ? 0 : (lastMonth.Year - MonthFrom.Year) * 12 + lastMonth.Month - MonthFrom.Month + 1;
        return months + Days(HeadFrom, HeadTo, today) + Days(TailFrom, TailTo, today);
    }

    /// <summary>The buckets of <paramref name="unitIds"/> that make up this period.</summary>
    public IQueryable<T> Buckets<T>(IQueryable<T> figures, int[] unitIds) where T : class, IDayBucket
    {
        var (yearFrom, yearTo, monthFrom, monthTo, headFrom, headTo, tailFrom, tailTo) = this;
        return figures.Where(f => unitIds.Contains(f.UnitId) &&
            ((f.Span == FigureSpan.Year && f.Day >= yearFrom && f.Day <= yearTo) ||
             (f.Span == FigureSpan.Month && f.Day >= monthFrom && f.Day <= monthTo) ||
             (f.Span == FigureSpan.Day && ((f.Day >= headFrom && f.Day <= headTo) || (f.Day >= tailFrom && f.Day <= tailTo)))));
    }
}

/// <summary>The statements that write a bucket table: insert, and add-or-create (the same SQL on SQLite and PostgreSQL).</summary>
public sealed class BucketSql(string table, string[] counters, bool withLabel)
{
    private readonly string _table = $"\"{table}\"";
    private string ColumnList => "\"UnitId\", \"Span\", \"Day\", \"Slice\", " + (withLabel ? "\"Label\", " : "") + string.Join(", ", counters.Select(c => $"\"{c}\""));

    /// <summary>The values of one bucket: its key, its label and its counts.</summary>
    public int Columns => (withLabel ? 5 : 4) + counters.Length;

    /// <summary>Buckets per statement, under SQLite's 32,766 parameters.</summary>
    public int RowsPerStatement => 12_000 / Columns;

    /// <summary>Inserts that many buckets in one statement (placeholders {0}… in row order, as <see cref="Arguments"/> gives them).</summary>
    public string Insert(int rows) =>
        $"INSERT INTO {_table} ({ColumnList}) VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(r * Columns, Columns).Select(i => $"{{{i}}}")) + ")"));

    /// <summary>Adds that many buckets' counts, creating each bucket that is the first (the buckets of one statement must be distinct).</summary>
    public string Upsert(int rows) =>
        Insert(rows) + " " +
        $"ON CONFLICT (\"UnitId\", \"Span\", \"Day\", \"Slice\") DO UPDATE SET " +
        (withLabel ? $"\"Label\" = COALESCE({_table}.\"Label\", excluded.\"Label\"), " : "") +
        string.Join(", ", counters.Select(c => $"\"{c}\" = {_table}.\"{c}\" + excluded.\"{c}\""));

    /// <summary>The values of the buckets, in the order of <see cref="Insert"/>'s placeholders.</summary>
    public List<object> Arguments(IReadOnlyCollection<(BucketDeltas.Key Key, int[] Counts)> rows)
    {
        var args = new List<object>(rows.Count * Columns);
        foreach (var (key, counts) in rows)
        {
            args.AddRange([key.UnitId, (int)key.Span, key.Day, key.Slice]);
            if (withLabel) args.Add(key.Label ?? "");
            args.AddRange(counts.Cast<object>());
        }
        return args;
    }

    /// <summary>Adds the deltas inside the current transaction, one statement per few hundred buckets, in key order.</summary>
    public async Task AddAsync(AppDbContext db, BucketDeltas deltas, CancellationToken ct)
    {
        // Audited saves always run in a transaction (the kernel opens one); counts outside one could outlive a rollback.
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException($"{table} are written only inside the save's transaction.");
        // In key order, so two saves touching the same buckets lock them in the same order and never deadlock.
        var rows = deltas.Rows.OrderBy(r => r.Key.UnitId).ThenBy(r => r.Key.Span).ThenBy(r => r.Key.Day).ThenBy(r => r.Key.Slice, StringComparer.Ordinal);
        foreach (var chunk in rows.Chunk(RowsPerStatement))
            await db.Database.ExecuteSqlRawAsync(Upsert(chunk.Length), Arguments(chunk), ct);
    }

    /// <summary>
    /// Replaces the buckets <paramref name="existing"/> selects with <paramref name="rows"/>, in one transaction, set-based (a
    /// province's year is up to millions of buckets; through the change tracker that took minutes). Returns the number written.
    /// </summary>
    public async Task<int> ReplaceAsync<T>(AppDbContext db, IQueryable<T> existing, IEnumerable<(BucketDeltas.Key Key, int[] Counts)> rows)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await existing.ExecuteDeleteAsync();
        var written = 0;
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await db.Database.ExecuteSqlRawAsync(Insert(chunk.Length), Arguments(chunk));
            written += chunk.Length;
        }
        await tx.CommitAsync();
        return written;
    }
}

/// <summary>
/// Keeps a bucket table in step with the facts, in the kernel every save goes through: the deltas are worked out from the
/// changes before the save and added (atomic upserts, so concurrent saves never lose one) after it succeeded, inside its
/// transaction: they commit with the facts or not at all.
/// </summary>
public abstract class BucketFeeder(BucketSql sql) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, BucketDeltas> _pending = new();

    /// <summary>The deltas of the pending changes, or null when they touch nothing counted.</summary>
    protected abstract Task<BucketDeltas?> CollectAsync(AppDbContext db, CancellationToken ct);

    private async Task PrepareAsync(AppDbContext db, CancellationToken ct)
    {
        _pending.Remove(db);
        if (await CollectAsync(db, ct) is { IsEmpty: false } deltas) _pending.AddOrUpdate(db, deltas);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await PrepareAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) PrepareAsync(db, default).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && _pending.TryGetValue(db, out var deltas))
        {
            _pending.Remove(db);
            await sql.AddAsync(db, deltas, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is AppDbContext db && _pending.TryGetValue(db, out var deltas))
        {
            _pending.Remove(db);
            sql.AddAsync(db, deltas, default).GetAwaiter().GetResult();
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
}
