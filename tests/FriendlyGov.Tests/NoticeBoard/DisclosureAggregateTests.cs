using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;

namespace FriendlyGov.Tests.NoticeBoard;

/// <summary>A notice guards its own life on the board: posting, early take-down, archiving, correction.</summary>
public class DisclosureAggregateTests
{
    private static readonly DateOnly Day = new(2026, 11, 2);
    private static readonly DateTime NowUtc = new(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc);

    private static Disclosure Draft(int days) => new()
    {
        Id = 5, UnitId = 1, Category = DisclosureCategory.LandRecovery, Title = "Phương án bồi thường", Summary = "Tóm tắt", PostingDays = days,
        CreatedAt = NowUtc, CreatedBy = "A",
    };

    [Fact]
    public void A_notice_is_posted_once_and_only_for_at_least_its_legal_period()
    {
        Assert.Equal("PostingDays", Assert.IsType<Failure.Invalid>(Draft(20).Post(Day, "Lãnh đạo")).Violations[0].Field); // land recovery: 30 days
        var d = Draft(30);
        Assert.Null(d.Post(Day, "Lãnh đạo"));
        Assert.Equal((Day, "Lãnh đạo"), (d.PostedOn!.Value, d.PostedBy));
        Assert.IsType<Failure.Invalid>(d.Post(Day.AddDays(1), "Lãnh đạo"));
        Assert.Equal(DisclosureState.Posted, d.StateOn(Day.AddDays(3)));
    }

    [Fact]
    public void Early_take_down_needs_a_reason_and_archiving_waits_for_the_period()
    {
        var d = Draft(30);
        Assert.IsType<Failure.Invalid>(d.TakeDown(Day, NowUtc, "Sai số liệu", "L")); // not posted yet
        d.Post(Day, "L");
        Assert.IsType<Failure.Invalid>(d.Archive(Day.AddDays(10), NowUtc));
        Assert.IsType<Failure.Invalid>(d.TakeDown(Day.AddDays(1), NowUtc, " ", "L"));
        Assert.Null(d.RefusesCorrection());
        Assert.Null(d.TakeDown(Day.AddDays(1), NowUtc, " Sai số liệu ", "L"));
        Assert.Equal("Sai số liệu", d.TakeDownReason);
        Assert.IsType<Failure.Invalid>(d.RefusesCorrection()); // a notice taken down is no longer in force

        var fulfilled = Draft(30);
        fulfilled.Post(Day, "L");
        Assert.Null(fulfilled.Archive(Day.AddDays(40), NowUtc));
        Assert.Equal(NowUtc, fulfilled.ArchivedAt);
    }

    [Fact]
    public void Only_its_posted_correction_supersedes_a_notice()
    {
        var d = Draft(30);
        d.Post(Day, "L");
        var correction = Draft(30);
        correction.Id = 6;
        correction.PreviousId = d.Id;
        Assert.Throws<InvalidOperationException>(() => d.SupersedeBy(correction)); // not posted yet
        correction.Post(Day.AddDays(2), "L");
        d.SupersedeBy(correction);
        Assert.Equal(6, d.SupersededById);
        Assert.IsType<Failure.Invalid>(d.RefusesCorrection());
    }
}
