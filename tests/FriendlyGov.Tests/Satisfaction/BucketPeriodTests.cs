using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using FsCheck.Xunit;

namespace FriendlyGov.Tests.Domain;

/// <summary>
/// How a dashboard cuts a period into day, month and year buckets: whichever way it reads them (the months and days inside,
/// or the year less what follows), the counts are those of the facts inside the period.
/// </summary>
public class BucketPeriodTests
{
    private static readonly DateOnly Start = new(2025, 1, 1);

    /// <summary>Facts on the given days (one count each, at most one per day and more on some), as the feeder buckets them.</summary>
    private static List<SatisfactionDayFigures> Buckets(IEnumerable<DateOnly> facts)
    {
        var deltas = new BucketDeltas();
        foreach (var day in facts) deltas.Add(7, day, "", null, [1]);
        return deltas.Rows.Select(r => new SatisfactionDayFigures { UnitId = r.Key.UnitId, Span = r.Key.Span, Day = r.Key.Day, Slice = r.Key.Slice, Ratings = r.Counts[0] }).ToList();
    }

    private static int Read(BucketPeriod period, List<SatisfactionDayFigures> buckets) =>
        period.Buckets(buckets.AsQueryable(), [7]).ToList().Sum(b => period.Sign(b) * b.Ratings);

    [Property(MaxTest = 400)]
    public bool Totals_of_a_period_equal_its_facts_whichever_buckets_are_read(ushort fromOffset, ushort length, ushort todayOffset, int seed)
    {
        var today = Start.AddDays(todayOffset % 800);
        // Half the periods start on 1 January (the dashboards' "this year so far"), the others anywhere.
        var from = fromOffset % 2 == 0 ? new DateOnly(Start.AddDays(fromOffset % 800).Year, 1, 1) : Start.AddDays(fromOffset % 800);
        var to = from.AddDays(length % 400);
        var rnd = new Random(seed);
        // Facts only up to today: buckets after it do not exist yet.
        var facts = Enumerable.Range(0, 300).Select(_ => Start.AddDays(rnd.Next(today.DayNumber - Start.DayNumber + 1))).ToList();
        var buckets = Buckets(facts);
        var expected = facts.Count(d => d >= from && d <= to);
        return Read(BucketPeriod.Totals(from, to, today), buckets) == expected && Read(BucketPeriod.Of(from, to), buckets) == expected;
    }

    [Fact]
    public void This_year_so_far_is_its_year_bucket_and_a_past_period_of_the_year_takes_what_follows_away()
    {
        var today = new DateOnly(2026, 12, 5);
        var soFar = BucketPeriod.Totals(new DateOnly(2026, 1, 1), today, today);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)), (soFar.YearFrom, soFar.YearTo));
        Assert.Equal((new DateOnly(2026, 12, 6), new DateOnly(2026, 12, 31)), (soFar.HeadFrom, soFar.HeadTo)); // days that do not exist yet

        // January to November: the year less December (one month bucket so far) reads 2 buckets instead of 11.
        var toNovember = BucketPeriod.Totals(new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 30), today);
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1)), (toNovember.MonthFrom, toNovember.MonthTo));
        Assert.Equal(-1, toNovember.Sign(new SatisfactionDayFigures { Span = FigureSpan.Month, Day = new DateOnly(2026, 12, 1) }));
        Assert.Equal(1, toNovember.Sign(new SatisfactionDayFigures { Span = FigureSpan.Year, Day = new DateOnly(2026, 1, 1) }));

        // A period of last year to its end in January: its months and days, nothing taken away.
        var lastYear = BucketPeriod.Totals(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 20), today);
        Assert.Equal(BucketPeriod.Of(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 20)), lastYear);
        Assert.True(lastYear.YearFrom > lastYear.YearTo);
    }
}
