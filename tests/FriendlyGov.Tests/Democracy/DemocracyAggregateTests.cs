using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;

namespace FriendlyGov.Tests.Democracy;

/// <summary>A household in a land clearance and a consultation guard their own state.</summary>
public class DemocracyAggregateTests
{
    private static readonly DateOnly Day = new(2026, 11, 2);

    private static AffectedHousehold Household() => new() { UnitId = 1, ProjectId = 1, HeadName = "Lò Văn A", Village = "Hới Ná" };

    [Fact]
    public void A_household_moves_only_along_the_clearance_path()
    {
        var h = Household();
        Assert.Equal("Status", Assert.IsType<Failure.Invalid>(h.MoveTo(HouseholdStatus.Compensated, null)).Violations[0].Field); // not without agreeing
        Assert.Equal(HouseholdStatus.Informed, h.Status);
        Assert.Null(h.MoveTo(HouseholdStatus.Consulted, null));
        Assert.Null(h.MoveTo(HouseholdStatus.Agreed, null));
        Assert.Null(h.MoveTo(HouseholdStatus.Compensated, null));
        Assert.IsType<Failure.Invalid>(h.MoveTo(HouseholdStatus.NotAgreed, "đổi ý")); // after compensation, no way back
        Assert.IsType<Failure.Invalid>(h.MoveTo((HouseholdStatus)99, null));
        Assert.Null(h.MoveTo(HouseholdStatus.HandedOver, null));
        Assert.Equal(HouseholdStatus.HandedOver, h.Status);
    }

    [Fact]
    public void Not_agreeing_keeps_the_reason_and_refuses_without_one()
    {
        var h = Household();
        Assert.Equal("Reason", Assert.IsType<Failure.Invalid>(h.MoveTo(HouseholdStatus.NotAgreed, "  ")).Violations[0].Field);
        Assert.Equal("Reason", Assert.IsType<Failure.Invalid>(h.MoveTo(HouseholdStatus.NotAgreed, new string('x', 2001))).Violations[0].Field);
        Assert.Equal(HouseholdStatus.Informed, h.Status);
        Assert.Null(h.MoveTo(HouseholdStatus.NotAgreed, "  Mức hỗ trợ thấp  "));
        Assert.Equal((HouseholdStatus.NotAgreed, "Mức hỗ trợ thấp"), (h.Status, h.NotAgreedReason));
        Assert.Null(h.MoveTo(HouseholdStatus.Agreed, null));
    }

    private static Consultation Consultation() => new()
    {
        UnitId = 1, Kind = ConsultationKind.VillageConvention, Title = "Hương ước", Content = "Dự thảo", OpensOn = Day, ClosesOn = Day.AddDays(9),
    };

    [Fact]
    public void A_consultation_is_open_from_its_first_to_its_last_day()
    {
        var c = Consultation();
        Assert.False(c.IsOpenOn(Day.AddDays(-1)));
        Assert.True(c.IsOpenOn(Day));
        Assert.True(c.IsOpenOn(Day.AddDays(9)));
        Assert.False(c.IsClosedOn(Day.AddDays(9)));
        Assert.True(c.IsClosedOn(Day.AddDays(10)));
        Assert.False(c.IsOpenOn(Day.AddDays(10)));
    }

    [Fact]
    public void The_summary_is_published_once_and_only_after_the_period()
    {
        var c = Consultation();
        var at = new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);
        Assert.IsType<Failure.Invalid>(c.PublishSummary("Tổng hợp", Day.AddDays(9), at));
        Assert.NotNull(c.RefusesExplanation(Day.AddDays(9)));
        Assert.Null(c.RefusesExplanation(Day.AddDays(10)));
        Assert.IsType<Failure.Invalid>(c.PublishSummary(" ", Day.AddDays(10), at));
        Assert.Null(c.SummaryPublishedAt);
        Assert.Null(c.PublishSummary("  Tổng hợp 12 ý kiến  ", Day.AddDays(10), at));
        Assert.Equal(("Tổng hợp 12 ý kiến", (DateTime?)at), (c.Summary, c.SummaryPublishedAt));
        Assert.IsType<Failure.Invalid>(c.PublishSummary("Lần hai", Day.AddDays(11), at));
        Assert.NotNull(c.RefusesExplanation(Day.AddDays(11))); // no more explanations once the summary is out
        Assert.Equal("Tổng hợp 12 ý kiến", c.Summary);
    }
}
