using FriendlyGov.Core.Domain;
using FsCheck.Xunit;
using static FriendlyGov.Core.Domain.SatisfactionLevel;

namespace FriendlyGov.Tests.Domain;

public class SatisfactionTests
{
    [Fact]
    public void The_code_has_twelve_points_in_its_three_groups_with_the_seeds_wording()
    {
        Assert.Equal(12, OfficialsCode.Points.Count);
        Assert.Equal(5, OfficialsCode.Points.Count(p => p.Group == CodeGroup.FiveKnows));
        Assert.Equal(3, OfficialsCode.Points.Count(p => p.Group == CodeGroup.ThreeNos));
        Assert.Equal(4, OfficialsCode.Points.Count(p => p.Group == CodeGroup.FourShows));
        Assert.Equal("Không trễ hẹn trong quá trình xử lý công việc", OfficialsCode.Points[7].Text);
        Assert.Equal("Gần gũi, giải thích cặn kẽ những thắc mắc của người dân", OfficialsCode.Points[11].Text);
    }

    [Fact]
    public void Satisfaction_rate_and_score_by_hand()
    {
        SatisfactionLevel[] r = [VerySatisfied, Satisfied, Satisfied, Neutral, Dissatisfied, VeryDissatisfied, Satisfied, VerySatisfied];
        // 5 of 8 at Hài lòng or above = 62.5 %; score = (100+75+75+50+25+0+75+100)/8 = 62.5
        Assert.Equal(62.5m, SatisfactionIndices.SatisfactionRate(r));
        Assert.Equal(62.5m, SatisfactionIndices.Score(r));
        Assert.Equal(66.67m, SatisfactionIndices.SatisfactionRate([Satisfied, Satisfied, Neutral])); // 2/3, two decimals
    }

    [Fact]
    public void Empty_periods_are_not_applicable_not_zero()
    {
        Assert.Null(SatisfactionIndices.SatisfactionRate([]));
        Assert.Null(SatisfactionIndices.Score([]));
        Assert.Null(SatisfactionIndices.CodeCompliance([]));
        Assert.Null(SatisfactionIndices.CodeCompliance([CodeAnswer.Unknown, CodeAnswer.Unknown]));
        Assert.Null(SatisfactionIndices.Decision766Satisfaction(0, 0, 0));
        Assert.Null(SatisfactionIndices.Points(null, 18, 90));
    }

    [Fact]
    public void Code_compliance_leaves_unknown_answers_out()
    {
        // 3 có, 1 không, 2 không rõ → 3/4 = 75 %
        Assert.Equal(75m, SatisfactionIndices.CodeCompliance([CodeAnswer.Yes, CodeAnswer.Yes, CodeAnswer.No, CodeAnswer.Unknown, CodeAnswer.Yes, CodeAnswer.Unknown]));
    }

    [Fact]
    public void Decision_766_figure_by_hand()
    {
        // 200 dossiers ended: 6 late (3 %), 4 complained or rated dissatisfied (2 %) → 95 %
        Assert.Equal(95m, SatisfactionIndices.Decision766Satisfaction(200, 6, 4));
        // 3 dossiers: 1 late (33.33 %), 1 dissatisfied (33.33 %) → 33.34 %
        Assert.Equal(33.34m, SatisfactionIndices.Decision766Satisfaction(3, 1, 1));
        Assert.Equal(0m, SatisfactionIndices.Decision766Satisfaction(2, 2, 2)); // never below 0
        Assert.Throws<ArgumentOutOfRangeException>(() => SatisfactionIndices.Decision766Satisfaction(2, 3, 0));
    }

    [Fact]
    public void Points_are_full_at_the_threshold_and_proportional_below()
    {
        Assert.Equal(18m, SatisfactionIndices.Points(95m, 18, 90));
        Assert.Equal(18m, SatisfactionIndices.Points(90m, 18, 90));
        Assert.Equal(16m, SatisfactionIndices.Points(80m, 18, 90)); // 80 × 18 ÷ 90
    }

    [Fact]
    public void A_low_rating_or_any_no_on_the_code_opens_a_follow_up()
    {
        Assert.True(SatisfactionLevels.NeedsFollowUp(Dissatisfied, []));
        Assert.True(SatisfactionLevels.NeedsFollowUp(VerySatisfied, [CodeAnswer.Yes, CodeAnswer.No]));
        Assert.False(SatisfactionLevels.NeedsFollowUp(Neutral, [CodeAnswer.Yes, CodeAnswer.Unknown]));
    }

    /// <summary>Rates and scores stay within 0–100, and adding a Rất hài lòng never lowers either.</summary>
    [Property(MaxTest = 300)]
    public bool Indices_stay_in_range_and_grow_with_a_happier_citizen(byte[] raw)
    {
        var ratings = (raw ?? []).Select(b => (SatisfactionLevel)(b % 5 + 1)).ToList();
        var more = ratings.Append(VerySatisfied).ToList();
        var rate = SatisfactionIndices.SatisfactionRate(more)!.Value;
        var score = SatisfactionIndices.Score(more)!.Value;
        return rate is >= 0 and <= 100 && score is >= 0 and <= 100
            && (ratings.Count == 0 || (rate >= SatisfactionIndices.SatisfactionRate(ratings) && score >= SatisfactionIndices.Score(ratings)));
    }

    private static RatingFact R(string key, SatisfactionLevel level, string code = "", bool followUp = false, bool open = false) =>
        new(key, level, code.Select(c => (CodeAnswer)(c - '0')).ToList(), followUp, open);

    [Fact]
    public void Figures_of_a_group_are_computed_from_its_ratings_and_dossiers()
    {
        // Three ratings: 5, 4, 2 → rate 2/3, score (100 + 75 + 25) / 3; point 1: có, có, không; point 2: không rõ only.
        var f = SatisfactionReports.Figures(
            [R("a", VerySatisfied, "10"), R("a", Satisfied, "10"), R("a", Dissatisfied, "20", followUp: true, open: true)],
            [new DossierFact("a", Late: true, Dissatisfied: false), new DossierFact("a", false, true), new DossierFact("a", false, false), new DossierFact("a", false, false)]);
        Assert.Equal(3, f.Ratings);
        Assert.Equal(66.67m, f.Rate);
        Assert.Equal(66.67m, f.Score);
        Assert.Equal(66.67m, f.Code[0]);
        Assert.Null(f.Code[1]);
        Assert.Equal(66.67m, f.CodeOverall); // có, có, không over all known answers
        Assert.Equal((1, 1), (f.FollowUps, f.OpenFollowUps));
        Assert.Equal((4, 1, 1), (f.EndedDossiers, f.LateDossiers, f.DissatisfiedDossiers));
        Assert.Equal(50m, f.Decision766); // 100 − (25 + 25)
    }

    [Fact]
    public void An_empty_group_has_every_index_not_applicable_and_counts_of_zero()
    {
        var f = SatisfactionReports.Figures([], []);
        Assert.Equal(0, f.Ratings);
        Assert.Null(f.Rate);
        Assert.Null(f.Score);
        Assert.Null(f.CodeOverall);
        Assert.All(f.Code, Assert.Null);
        Assert.Null(f.Decision766);
    }

    [Fact]
    public void Groups_hold_what_falls_in_them_and_a_group_with_only_dossiers_has_no_rating_figures()
    {
        var byKey = SatisfactionReports.ByKey([R("x", VerySatisfied), R("y", VeryDissatisfied), R("y", Neutral)], [new DossierFact("z", true, false)]);
        Assert.Equal(["x", "y", "z"], byKey.Keys.Order());
        Assert.Equal(100m, byKey["x"].Score);
        Assert.Equal(25m, byKey["y"].Score); // (0 + 50) / 2
        Assert.Equal(0m, byKey["y"].Rate);
        Assert.Null(byKey["z"].Rate);
        Assert.Equal(0m, byKey["z"].Decision766); // late only: 100 − 100
    }

    [Theory]
    [InlineData("2026-01-01", "2026-01", "2026-Q1", "2026")]
    [InlineData("2026-03-31", "2026-03", "2026-Q1", "2026")]
    [InlineData("2026-04-01", "2026-04", "2026-Q2", "2026")]
    [InlineData("2026-12-31", "2026-12", "2026-Q4", "2026")]
    public void Periods_are_months_quarters_and_years_of_the_local_date(string date, string month, string quarter, string year)
    {
        var d = DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(month, SatisfactionReports.PeriodKey(d, ReportGrouping.Month));
        Assert.Equal(quarter, SatisfactionReports.PeriodKey(d, ReportGrouping.Quarter));
        Assert.Equal(year, SatisfactionReports.PeriodKey(d, ReportGrouping.Year));
        Assert.Throws<ArgumentOutOfRangeException>(() => SatisfactionReports.PeriodKey(d, ReportGrouping.Official));
    }

    [Fact]
    public void A_trend_lists_every_period_between_two_dates_with_vietnamese_labels()
    {
        Assert.Equal(["2025-11", "2025-12", "2026-01", "2026-02"], SatisfactionReports.PeriodKeys(new(2025, 11, 15), new(2026, 2, 3), ReportGrouping.Month));
        Assert.Equal(["2025-Q4", "2026-Q1"], SatisfactionReports.PeriodKeys(new(2025, 11, 15), new(2026, 2, 3), ReportGrouping.Quarter));
        Assert.Equal(["2025", "2026"], SatisfactionReports.PeriodKeys(new(2025, 11, 15), new(2026, 2, 3), ReportGrouping.Year));
        Assert.Equal("Tháng 2/2026", SatisfactionReports.PeriodLabel("2026-02"));
        Assert.Equal("Quý 4/2025", SatisfactionReports.PeriodLabel("2025-Q4"));
        Assert.Equal("Năm 2026", SatisfactionReports.PeriodLabel("2026"));
    }
}
