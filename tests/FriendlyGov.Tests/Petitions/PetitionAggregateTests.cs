using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;

namespace FriendlyGov.Tests.Petitions;

/// <summary>
/// The petition guards its own lifecycle: each transition goes through PetitionLifecycle and answers a typed refusal, the clock
/// pauses, resumes and restarts on the working calendar, and the role rule is pure.
/// </summary>
public class PetitionAggregateTests
{
    private static readonly WorkingCalendar Calendar = new(AnnouncedDays.Known, OfficeHours.Default);
    // Mon 21/4/2025 09:00 in Vietnam.
    private static readonly DateTime MondayUtc = VietnamTime.ToUtc(new DateTime(2025, 4, 21, 9, 0, 0));

    private static Petition Received(bool consent = true)
    {
        var p = new Petition
        {
            Id = 7, UnitId = 3, Code = "PA-1", TrackingKey = "k", CategoryCode = "khac", CategoryName = "Khác", Title = "Tiêu đề",
            Content = "Nội dung phản ánh", SenderName = "Người gửi", ConsentPublish = consent, SubmittedAt = MondayUtc,
        };
        p.StartClock(Calendar, MondayUtc, 15);
        return p;
    }

    [Fact]
    public void A_new_petition_is_received_with_its_answer_due_fifteen_working_days_later()
    {
        var p = Received();
        Assert.Equal(PetitionStatus.Received, p.Status);
        Assert.Equal(VietnamTime.ToUtc(new DateTime(2025, 5, 14, 11, 30, 0)), p.DueAt);
    }

    [Fact]
    public void A_step_the_lifecycle_does_not_allow_is_refused_with_the_field_and_changes_nothing()
    {
        var p = Received();
        var refused = p.Start(); // not assigned yet
        var invalid = Assert.IsType<Failure.Invalid>(refused);
        Assert.Equal("Action", Assert.Single(invalid.Violations).Field);
        Assert.Contains("Đã tiếp nhận", invalid.Message);
        Assert.Equal(PetitionStatus.Received, p.Status);
        Assert.IsType<Failure.Invalid>(p.Close());
        Assert.IsType<Failure.Invalid>(p.ProvideInfo(Calendar, MondayUtc, 15));
        Assert.Equal(PetitionStatus.Received, p.Status);
    }

    [Fact]
    public void Waiting_for_information_pauses_the_clock_and_the_wait_moves_the_due_date()
    {
        var p = Received();
        Assert.Null(p.Assign("u1", "Cán bộ A"));
        Assert.Null(p.RequestInfo(VietnamTime.ToUtc(new DateTime(2025, 4, 24, 7, 0, 0))));
        Assert.Equal(PetitionStatus.NeedsInfo, p.Status);
        Assert.NotNull(p.PausedAt);
        // Thu 24/4 07:00 to Mon 28/4 07:00: Thu, Fri and the make-up Saturday, 1440 working minutes.
        Assert.Null(p.ProvideInfo(Calendar, VietnamTime.ToUtc(new DateTime(2025, 4, 28, 7, 0, 0)), 15));
        Assert.Equal(PetitionStatus.InProgress, p.Status);
        Assert.Null(p.PausedAt);
        Assert.Equal(1440, p.PausedMinutes);
        Assert.Equal(VietnamTime.ToUtc(new DateTime(2025, 5, 19, 11, 30, 0)), p.DueAt);
    }

    [Fact]
    public void An_approved_answer_is_signed_by_the_leader_published_with_consent_and_clears_the_draft()
    {
        var p = Received();
        Assert.Null(p.ProposeAnswer("Dự thảo trả lời đầy đủ", "Cán bộ A"));
        Assert.Equal(PetitionStatus.AwaitingApproval, p.Status);
        Assert.IsType<Failure.Invalid>(p.GiveAnswer(PetitionAction.Answered, "x", MondayUtc, "B", null)); // waits for approval
        var at = MondayUtc.AddDays(1);
        Assert.Null(p.GiveAnswer(PetitionAction.AnswerApproved, "Trả lời đã duyệt", at, "Lãnh đạo", "Nguyễn Văn C, Chủ tịch"));
        Assert.Equal(PetitionStatus.Answered, p.Status);
        Assert.Equal("Cán bộ A", p.AnsweredByName); // the one who drafted it
        Assert.Equal("Nguyễn Văn C, Chủ tịch", p.AnswerApprovedBy);
        Assert.Equal(at, p.PublishedAt);
        Assert.Null(p.DraftAnswer);

        var private_ = Received(consent: false);
        Assert.Null(private_.GiveAnswer(PetitionAction.Answered, "Trả lời", at, "B", null));
        Assert.Null(private_.PublishedAt);
        Assert.Null(private_.AnswerApprovedBy);
    }

    [Fact]
    public void A_sender_not_satisfied_reopens_once_with_a_new_clock_then_a_second_time_it_closes()
    {
        var p = Received();
        p.GiveAnswer(PetitionAction.Answered, "Trả lời", MondayUtc, "B", null);
        var later = VietnamTime.ToUtc(new DateTime(2025, 5, 5, 9, 0, 0));
        Assert.Null(p.Confirm(SatisfactionLevel.Dissatisfied, Calendar, later, 15, out var reopened));
        Assert.True(reopened);
        Assert.Equal((PetitionStatus.InProgress, 1, false), (p.Status, p.ReopenCount, p.SenderSatisfied));
        Assert.Equal(later, p.ClockStart);
        Assert.True(p.DueAt > later.AddDays(14));

        p.GiveAnswer(PetitionAction.Answered, "Trả lời lại", later, "B", null);
        Assert.Null(p.Confirm(SatisfactionLevel.Dissatisfied, Calendar, later.AddDays(1), 15, out reopened));
        Assert.False(reopened);
        Assert.Equal(PetitionStatus.Closed, p.Status);
        Assert.IsType<Failure.Conflict>(p.Confirm(SatisfactionLevel.Satisfied, Calendar, later, 15, out _));
    }

    [Fact]
    public void A_transfer_stops_the_clock_gives_a_new_key_and_never_goes_to_the_same_unit()
    {
        var p = Received();
        Assert.IsType<Failure.Invalid>(p.TransferTo(p.UnitId, "new"));
        Assert.Equal("k", p.TrackingKey);
        Assert.Null(p.TransferTo(9, "new"));
        Assert.Equal((PetitionStatus.Transferred, 9, "new"), (p.Status, p.TransferredToUnitId, p.TrackingKey));
    }

    [Fact]
    public void Only_an_open_duplicate_is_answered_with_its_main_petition()
    {
        var main = Received();
        var dup = Received();
        dup.Id = 8;
        Assert.Null(dup.LinkTo(main));
        Assert.Equal(main.Id, dup.DuplicateOfId);
        Assert.IsType<Failure.Invalid>(Received().LinkTo(Received())); // the same petition (same id)
        main.GiveAnswer(PetitionAction.Answered, "Trả lời chung", MondayUtc, "B", null);
        Assert.True(dup.AnswerAsDuplicateOf(main, MondayUtc, "B"));
        Assert.Equal((PetitionStatus.Answered, "Trả lời chung"), (dup.Status, dup.Answer));
        Assert.False(dup.AnswerAsDuplicateOf(main, MondayUtc, "B")); // already answered
    }

    [Theory]
    [InlineData(PetitionAction.Assigned, false, true, false)]
    [InlineData(PetitionAction.Assigned, true, true, true)]
    [InlineData(PetitionAction.Started, false, true, true)]
    [InlineData(PetitionAction.Started, false, false, false)]
    [InlineData(PetitionAction.AnswerApproved, false, true, false)]
    [InlineData(PetitionAction.Reopened, true, true, true)]
    public void Who_may_take_a_step_is_a_pure_rule(PetitionAction action, bool leader, bool handler, bool allowed)
    {
        var who = new PetitionActor(leader, handler || leader, Staff: true);
        Assert.Equal(allowed, PetitionRoles.MayTake(action, who, action) is null);
    }

    [Fact]
    public void A_handlers_answer_becomes_a_proposal_where_the_unit_asks_for_approval_and_a_leaders_never_does()
    {
        var handler = new PetitionActor(false, true, true);
        var leader = new PetitionActor(true, true, true);
        Assert.Equal(PetitionAction.AnswerProposed, PetitionRoles.Effective(PetitionAction.Answered, handler, answersNeedApproval: true));
        Assert.Equal(PetitionAction.Answered, PetitionRoles.Effective(PetitionAction.Answered, handler, answersNeedApproval: false));
        Assert.Equal(PetitionAction.Answered, PetitionRoles.Effective(PetitionAction.Answered, leader, answersNeedApproval: true));
        Assert.False(PetitionRoles.IsRequestable(PetitionAction.Confirmed));
        Assert.False(PetitionRoles.IsRequestable((PetitionAction)99));
    }

    [Fact]
    public void Every_refusal_has_one_status_and_a_non_field_refusal_reads_as_a_form_message()
    {
        Assert.Equal(404, Problems.StatusOf(new Failure.NotFound()));
        Assert.Equal(409, Problems.StatusOf(new Failure.Conflict("x")));
        Assert.Equal(403, Problems.StatusOf(new Failure.Forbidden("x")));
        Assert.Equal(429, Problems.StatusOf(new Failure.Throttled("x")));
        Assert.Equal(422, Problems.StatusOf(Failure.Rule("Title", "x")));
        var conflict = Outcome<int>.Refused(new Failure.Conflict("Đã đánh giá"));
        Assert.False(conflict.Ok);
        Assert.False(conflict.Missing);
        Assert.Equal(("", "Đã đánh giá"), (conflict.Errors[0].Field, conflict.Errors[0].Message));
        Assert.Empty(Outcome<int>.NotFound().Errors);
        var stale = Assert.Throws<RefusedException>(() => RefusedException.IfStale(1, 2, "Hồ sơ"));
        Assert.IsType<Failure.Conflict>(stale.Failure);
        RefusedException.IfStale(2, 2, "Hồ sơ");
    }
}
