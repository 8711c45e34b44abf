using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

public sealed record PetitionGroupRow(string Key, PetitionFigures Figures);

public sealed record PetitionStatsDto(string Unit, string UnitName, DateOnly From, DateOnly To, PetitionFigures Total,
    List<PetitionGroupRow> ByCategory, List<PetitionGroupRow> ByVillage, List<PetitionGroupRow> ByMonth, List<PetitionGroupRow> ByCommune,
    List<HotSpot> HotSpots);

/// <summary>
/// "Dân vận khéo": what the people of a commune (or a supervisor's area) raise, where, and how well it is answered. Read from
/// <see cref="PetitionDayFigures"/>, so a province's year costs the same whatever the number of petitions.
/// </summary>
public sealed class PetitionStats(AppDbContext db, UnitAccess access, UnitDirectory units, TimeProvider clock)
{
    /// <param name="fromFacts">Count the petitions themselves instead of the figures (what the figures are checked against).</param>
    public async Task<Outcome<PetitionStatsDto>> BuildAsync(string? unitCode, DateOnly? fromDate, DateOnly? toDate, ClaimsPrincipal user, bool fromFacts = false)
    {
        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var from = fromDate ?? new DateOnly(today.Year, 1, 1);
        var to = toDate ?? today;
        if (to < from) return Outcome<PetitionStatsDto>.Invalid([new("to", "Ngày kết thúc phải sau ngày bắt đầu.")]);
        if (to.DayNumber - from.DayNumber > 3 * 366) return Outcome<PetitionStatsDto>.Invalid([new("to", "Mỗi báo cáo tối đa 3 năm.")]);
        var unit = string.IsNullOrWhiteSpace(unitCode)
            ? user.UnitId() is int home ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == home) : null
            : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode.Trim());
        if (unit is null || !await access.MayAsync(unit.Id, UnitOperations.Read)) return Outcome<PetitionStatsDto>.NotFound();
        var graph = units.Graph;
        var ids = graph.Owners(unit.Level == UnitLevel.Commune ? graph.CommuneScope(unit.Id) : graph.Subtree(unit.Id));
        var start = VietnamTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var end = VietnamTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var now = clock.GetUtcNow().UtcDateTime;
        var names = await db.UnitNamesAsync(ids);
        var sums = fromFacts ? await FromFactsAsync(ids, start, end, now) : await FromFiguresAsync(ids, from, to, start, end, now);
        var months = SatisfactionReports.PeriodKeys(from, to, ReportGrouping.Month);
        var byMonth = months.Select(m => new PetitionGroupRow(SatisfactionReports.PeriodLabel(m), sums.Month(m))).ToList();
        var byCommune = unit.Level == UnitLevel.Commune ? [] : Ordered(sums.ByUnit.Select(u => (names.GetValueOrDefault(u.Key, ""), u.Value.Figures())));
        var byCategory = Ordered(sums.ByCategory.Select(c => (c.Key, c.Value.Figures())));
        var byVillage = Ordered(sums.ByVillage.Select(v => (v.Key, v.Value.Figures()))
            .Concat(sums.NoVillage is { } none ? [(NoVillage, none.Figures())] : []));
        // Hot spots are named places: the petitions with no village are not one.
        var hotSpots = PetitionReports.HotSpots(
            sums.ByVillage.Select(v => new HotSpot("Thôn, bản", v.Key, v.Value[1], v.Value[6], v.Value[0]))
                .Concat(sums.ByCategory.Select(c => new HotSpot("Lĩnh vực", c.Key, c.Value[1], c.Value[6], c.Value[0]))));
        return Outcome<PetitionStatsDto>.Success(new PetitionStatsDto(unit.Code, unit.FullName, from, to, sums.Total.Figures(),
            byCategory, byVillage, byMonth, byCommune, hotSpots));
    }

    private const string NoVillage = "(chưa rõ)";

    private static List<PetitionGroupRow> Ordered(IEnumerable<(string Key, PetitionFigures F)> groups) =>
        groups.Where(g => g.F.Total > 0).OrderByDescending(g => g.F.Total).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PetitionGroupRow(g.Key, g.F)).ToList();

    /// <summary>
    /// The period's counts from the figures: whole months from month buckets, the other days from day buckets (a province's
    /// year is a few thousand rows, whatever the number of petitions), and the overdue ones from the open petitions.
    /// </summary>
    private async Task<Sums> FromFiguresAsync(int[] ids, DateOnly from, DateOnly to, DateTime start, DateTime end, DateTime now)
    {
        var buckets = await BucketPeriod.Of(from, to).Buckets(db.PetitionFigures.AsNoTracking(), ids).ToListAsync();
        var sums = new Sums();
        foreach (var b in buckets)
        {
            var counts = b.Counts();
            if (b.Slice == PetitionDayFigures.Whole)
            {
                sums.Total.Add(counts);
                sums.Of(sums.ByUnit, b.UnitId).Add(counts);
                sums.Of(sums.ByMonth, b.Day.ToString("yyyy-MM")).Add(counts);
            }
            else if (b.Slice == PetitionDayFigures.NoVillage) sums.Village(null).Add(counts);
            else if (b.Slice.StartsWith("v:", StringComparison.Ordinal)) sums.Village(b.Slice[2..]).Add(counts);
            else sums.Of(sums.ByCategory, b.Slice[2..]).Add(counts);
        }
        // Overdue hangs on the hour: counted from the open petitions (a backlog, by the index on unit, status and due date).
        var overdue = await db.Petitions.AsNoTracking()
            .Where(p => ids.Contains(p.UnitId) && OverdueStatuses.Contains(p.Status) && p.DueAt < now && p.SubmittedAt >= start && p.SubmittedAt < end)
            .Select(p => new { p.UnitId, p.CategoryName, p.VillageName, p.SubmittedAt }).ToListAsync();
        foreach (var p in overdue) sums.AddOverdue(p.UnitId, p.CategoryName, p.VillageName, p.SubmittedAt);
        return sums;
    }

    private static readonly PetitionStatus[] OverdueStatuses = PetitionLifecycle.OpenStatuses.Where(s => s != PetitionStatus.NeedsInfo).ToArray();

    /// <summary>The same counts from the petitions themselves: what the figures are checked against.</summary>
    private async Task<Sums> FromFactsAsync(int[] ids, DateTime start, DateTime end, DateTime now)
    {
        var rows = await db.Petitions.AsNoTracking()
            .Where(p => ids.Contains(p.UnitId) && p.SubmittedAt >= start && p.SubmittedAt < end && p.Status != PetitionStatus.Transferred)
            .Select(p => new { p.UnitId, p.CategoryName, p.VillageName, p.SubmittedAt, p.Status, p.DueAt, p.AnsweredAt, p.SenderSatisfied, p.DuplicateOfId })
            .ToListAsync();
        var sums = new Sums();
        foreach (var p in rows)
        {
            var counts = PetitionDayFigures.CountsOf(p.Status, p.AnsweredAt, p.DueAt, p.SenderSatisfied, p.DuplicateOfId)!;
            sums.Total.Add(counts);
            sums.Of(sums.ByUnit, p.UnitId).Add(counts);
            sums.Of(sums.ByMonth, VietnamTime.FromUtc(p.SubmittedAt).ToString("yyyy-MM")).Add(counts);
            sums.Of(sums.ByCategory, p.CategoryName).Add(counts);
            sums.Village(p.VillageName).Add(counts);
            if (OverdueStatuses.Contains(p.Status) && p.DueAt < now) sums.AddOverdue(p.UnitId, p.CategoryName, p.VillageName, p.SubmittedAt);
        }
        return sums;
    }

    /// <summary>Counts in <see cref="PetitionDayFigures.Counters"/> order, then the overdue.</summary>
    private sealed class Counts
    {
        private readonly int[] _c = new int[PetitionDayFigures.Counters.Length + 1];
        public int this[int i] => _c[i];
        public void Add(int[] counts) { for (var i = 0; i < counts.Length; i++) _c[i] += counts[i]; }
        public void AddOverdue() => _c[^1]++;
        public PetitionFigures Figures() => PetitionReports.FiguresOf(_c[0], _c[1], _c[^1], _c[2], _c[3], _c[4], _c[5], _c[6]);
    }

    private sealed class Sums
    {
        public readonly Counts Total = new();
        public readonly Dictionary<int, Counts> ByUnit = [];
        public readonly Dictionary<string, Counts> ByMonth = [];
        public readonly Dictionary<string, Counts> ByCategory = [];
        public readonly Dictionary<string, Counts> ByVillage = [];
        /// <summary>The petitions with no village, if any.</summary>
        public Counts? NoVillage { get; private set; }

        public Counts Of<TKey>(Dictionary<TKey, Counts> d, TKey key) where TKey : notnull =>
            d.TryGetValue(key, out var c) ? c : d[key] = new Counts();

        public Counts Village(string? name) => name is null ? NoVillage ??= new Counts() : Of(ByVillage, name);

        public PetitionFigures Month(string month) => ByMonth.TryGetValue(month, out var c) ? c.Figures() : new Counts().Figures();

        public void AddOverdue(int unitId, string category, string? village, DateTime submittedAt)
        {
            Total.AddOverdue();
            Of(ByUnit, unitId).AddOverdue();
            Of(ByMonth, VietnamTime.FromUtc(submittedAt).ToString("yyyy-MM")).AddOverdue();
            Of(ByCategory, category).AddOverdue();
            Village(village).AddOverdue();
        }
    }
}
