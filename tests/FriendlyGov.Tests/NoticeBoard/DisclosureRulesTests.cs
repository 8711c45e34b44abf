using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.NoticeBoard;

namespace FriendlyGov.Tests.Domain;

public sealed class DisclosureRulesTests
{
    private static readonly DateOnly Posted = new(2026, 11, 1);

    [Fact]
    public void A_period_of_30_days_covers_the_posting_day_and_29_more_and_is_fulfilled_on_the_31st()
    {
        Assert.Equal(new DateOnly(2026, 12, 1), DisclosureRules.FulfilledOn(Posted, 30));
        Assert.Equal(DisclosureState.Posted, DisclosureRules.State(Posted, 30, false, false, false, new DateOnly(2026, 11, 30)));
        Assert.Equal(DisclosureState.PeriodFulfilled, DisclosureRules.State(Posted, 30, false, false, false, new DateOnly(2026, 12, 1)));
        Assert.Equal(DisclosureState.Draft, DisclosureRules.State(null, 30, false, false, false, new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void Taking_down_and_superseding_outrank_the_period_and_archiving()
    {
        var later = new DateOnly(2027, 3, 1);
        Assert.Equal(DisclosureState.TakenDown, DisclosureRules.State(Posted, 30, takenDown: true, archived: false, superseded: true, later));
        Assert.Equal(DisclosureState.Superseded, DisclosureRules.State(Posted, 30, takenDown: false, archived: true, superseded: true, later));
        Assert.Equal(DisclosureState.Archived, DisclosureRules.State(Posted, 30, takenDown: false, archived: true, superseded: false, later));
    }

    [Fact]
    public void Land_budgets_plans_and_beneficiary_lists_need_at_least_30_days_others_may_be_shorter()
    {
        Assert.NotNull(DisclosureRules.PeriodProblem(DisclosureCategory.LandRecovery, 29));
        Assert.Null(DisclosureRules.PeriodProblem(DisclosureCategory.LandRecovery, 30));
        Assert.NotNull(DisclosureRules.PeriodProblem(DisclosureCategory.Budget, 10));
        Assert.NotNull(DisclosureRules.PeriodProblem(DisclosureCategory.SocialSupport, 15));
        Assert.NotNull(DisclosureRules.PeriodProblem(DisclosureCategory.LandUsePlanning, 20));
        Assert.Null(DisclosureRules.PeriodProblem(DisclosureCategory.Other, 7));
        Assert.NotNull(DisclosureRules.PeriodProblem(DisclosureCategory.Other, 0));
        Assert.NotNull(DisclosureRules.PeriodProblem(DisclosureCategory.Other, DisclosureRules.MaxDays + 1));
        Assert.All(DisclosureRules.Categories, c => Assert.Null(DisclosureRules.PeriodProblem(c.Category, c.DefaultDays)));
    }

    [Fact]
    public void The_chart_reads_Vietnamese_numbers_and_draws_the_first_wholly_numeric_column()
    {
        string[][] table = [["Nội dung", "Ghi chú", "Dự toán"], ["Chi đầu tư", "x", "2.100"], ["Chi thường xuyên", "", "5.600,5"], ["Dự phòng", "y", "-250"]];
        var (column, bars) = TableChart.Bars(table)!.Value;
        Assert.Equal("Dự toán", column);
        Assert.Equal([2100m, 5600.5m, -250m], bars.Select(b => b.Value));
        Assert.Equal([37.5, 100, 4.5], bars.Select(b => b.Width)); // 2100/5600.5 = 37.5%; 250/5600.5 = 4.5%
        Assert.Null(TableChart.Bars([["A", "B"], ["x", "không phải số"]]));
        Assert.Null(TableChart.Bars([["A", "B"]]));
    }
}
