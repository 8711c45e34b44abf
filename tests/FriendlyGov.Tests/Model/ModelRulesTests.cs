using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Model;

namespace FriendlyGov.Tests.Domain;

/// <summary>The roll-out figures, the overdue rule of recommendations and the map's placing, with hand-computed values.</summary>
public sealed class ModelRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void Figures_average_task_progress_count_late_tasks_and_rate_readiness_over_rated_conditions_only()
    {
        var tasks = new List<(PlanTaskStatus, int, DateOnly)>
        {
            (PlanTaskStatus.Done, 40, Today.AddDays(-10)),        // done counts 100 whatever was typed
            (PlanTaskStatus.InProgress, 50, Today.AddDays(-1)),   // late
            (PlanTaskStatus.NotStarted, 0, Today),                // due today: not late
            (PlanTaskStatus.InProgress, 130, Today.AddDays(5)),   // clamped to 100
        };
        var readiness = new[] { ReadinessRating.Met, ReadinessRating.Met, ReadinessRating.NotMet, ReadinessRating.NeedsMore, ReadinessRating.NotRated, ReadinessRating.NotRated };
        var f = RolloutMath.Figures(tasks, Today, readiness, signed: 2, officials: 3);
        Assert.Equal(62.5m, f.PlanProgress);   // (100 + 50 + 0 + 100) / 4
        Assert.Equal(1, f.LateTasks);
        Assert.Equal(50m, f.Readiness);         // 2 met of 4 rated
        Assert.Equal(4, f.Rated);
        Assert.Equal(66.7m, f.SignedShare);     // 2 / 3
    }

    [Fact]
    public void Nothing_to_measure_is_not_applicable_rather_than_zero()
    {
        var f = RolloutMath.Figures([], Today, [ReadinessRating.NotRated], signed: 0, officials: 0);
        Assert.Null(f.PlanProgress);
        Assert.Null(f.Readiness);
        Assert.Null(f.SignedShare);
        Assert.Equal(0, f.LateTasks);
    }

    [Fact]
    public void A_recommendation_is_overdue_only_while_open_after_its_deadline()
    {
        InspectionRecommendation R(RecommendationStatus s, int days)
        {
            var r = new InspectionRecommendation { Content = "x", Deadline = Today.AddDays(days) };
            if (s >= RecommendationStatus.Reported) Assert.Null(r.ReportDone("Đã làm", DateTime.UtcNow, "xa"));
            if (s == RecommendationStatus.Closed) Assert.Null(r.Review(true, null, DateTime.UtcNow, "tinh"));
            Assert.Equal(s, r.Status);
            return r;
        }
        Assert.True(Inspections.Overdue(R(RecommendationStatus.Open, -1), Today));
        Assert.False(Inspections.Overdue(R(RecommendationStatus.Open, 0), Today));          // the deadline day itself is still in time
        Assert.False(Inspections.Overdue(R(RecommendationStatus.Reported, -10), Today));    // waiting for the board, not the commune
        Assert.False(Inspections.Overdue(R(RecommendationStatus.Closed, -10), Today));
    }

    [Fact]
    public void The_map_keeps_north_up_scale_true_and_everything_inside_the_margins()
    {
        // Two communes one degree of latitude apart on the same meridian, one to the east at the middle latitude.
        var xy = RolloutMath.Fit([(21, 103), (22, 103), (21.5, 104)], 640, 420, 40);
        Assert.Equal(3, xy.Count);
        Assert.True(xy[1].Y < xy[0].Y, "north is up");
        Assert.Equal(xy[0].X, xy[1].X);
        // Height 1° fills 340 px; the east offset is 1° × cos(21.5°) = 0.9304 of that: 316.34 px.
        Assert.Equal(340, xy[0].Y - xy[1].Y, 1);
        Assert.InRange(xy[2].X - xy[0].X, 316.2, 316.5); // 316.34, each point rounded to 0.1 px
        Assert.All(xy, p => Assert.True(p.X is >= 40 and <= 600 && p.Y is >= 40 and <= 380, $"{p} outside the margins"));
        // One commune alone sits in the middle.
        Assert.Equal((320.0, 210.0), RolloutMath.Fit([(21.59, 103.40)], 640, 420, 40)[0]);
        Assert.Empty(RolloutMath.Fit([], 640, 420, 40));
    }
}
