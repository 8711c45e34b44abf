using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

/// <summary>
/// A petition's transitions: the only code that changes its status, its clock, its answer and its confirmation. Each goes
/// through <see cref="PetitionLifecycle.Next"/> and answers a <see cref="Failure"/> when the petition is not in a state for it
/// (null: done, the new state is on the petition). Times are UTC; the clock's arithmetic is <see cref="PetitionClock"/>'s, in
/// the unit's working calendar.
/// </summary>
public partial class Petition
{
    /// <summary>Whether the lifecycle lets <paramref name="action"/> happen now, and the refusal (in the sender's words) if not.</summary>
    public Failure.Invalid? Refuses(PetitionAction action) => PetitionLifecycle.Next(Status, action) is null
        ? Failure.Rule("Action", $"Không thực hiện được khi phản ánh đang ở trạng thái “{PetitionLifecycle.VietnameseName(Status)}”.")
        : null;

    private Failure.Invalid? Move(PetitionAction action)
    {
        if (PetitionLifecycle.Next(Status, action) is not { } next) return Refuses(action);
        Status = next;
        return null;
    }

    // ---- the clock ---------------------------------------------------------------------------------------------------

    /// <summary>The deadlines start (submission, arrival by transfer, reopening): no pause counted, due by the given date.</summary>
    public void StartClock(DateTime startUtc, DateTime dueUtc)
    {
        (ClockStart, DueAt, PausedAt, PausedMinutes) = (startUtc, dueUtc, null, 0);
    }

    /// <summary>The deadlines start at <paramref name="nowUtc"/>: the answer is due <paramref name="answerDays"/> working days later.</summary>
    public void StartClock(WorkingCalendar calendar, DateTime nowUtc, decimal answerDays) =>
        StartClock(nowUtc, VietnamTime.ToUtc(PetitionClock.Due(calendar, VietnamTime.FromUtc(nowUtc), answerDays, 0)));

    /// <summary>The clock runs again after a wait for information: the paused working time moves the due date.</summary>
    private void ResumeClock(WorkingCalendar calendar, DateTime nowUtc, decimal answerDays)
    {
        if (PausedAt is DateTime pausedAt)
            PausedMinutes += PetitionClock.PausedMinutes(calendar, VietnamTime.FromUtc(pausedAt), VietnamTime.FromUtc(nowUtc));
        PausedAt = null;
        DueAt = ClockDue(calendar, answerDays);
    }

    /// <summary>The answer deadline the clock gives on <paramref name="calendar"/>: from its start, moved by the pauses already over.</summary>
    public DateTime ClockDue(WorkingCalendar calendar, decimal answerDays) =>
        VietnamTime.ToUtc(PetitionClock.Due(calendar, VietnamTime.FromUtc(ClockStart), answerDays, PausedMinutes));

    /// <summary>
    /// The stored due date follows a changed calendar (a day off, office hours) or answer deadline; true when it moved. A
    /// difference under a second is the database's rounding of the clock's start, not a change.
    /// </summary>
    public bool RealignDue(WorkingCalendar calendar, decimal answerDays)
    {
        var due = ClockDue(calendar, answerDays);
        if (Math.Abs((due - DueAt).TotalSeconds) < 1) return false;
        DueAt = due;
        return true;
    }

    // ---- handling ----------------------------------------------------------------------------------------------------

    public Failure? Assign(string assigneeId, string assigneeName)
    {
        if (Move(PetitionAction.Assigned) is { } refused) return refused;
        (AssigneeId, AssigneeName) = (assigneeId, assigneeName);
        return null;
    }

    public Failure? Start() => Move(PetitionAction.Started);

    /// <summary>The commune asks the sender for information: the clock pauses until it arrives.</summary>
    public Failure? RequestInfo(DateTime nowUtc)
    {
        if (Move(PetitionAction.InfoRequested) is { } refused) return refused;
        PausedAt = nowUtc;
        return null;
    }

    /// <summary>The information arrived (from the sender's link or taken down by staff): the clock runs again.</summary>
    public Failure? ProvideInfo(WorkingCalendar calendar, DateTime nowUtc, decimal answerDays)
    {
        if (Status != PetitionStatus.NeedsInfo) return Failure.Rule("Info", "Phản ánh không chờ bổ sung thông tin.");
        Move(PetitionAction.InfoProvided);
        ResumeClock(calendar, nowUtc, answerDays);
        return null;
    }

    /// <summary>A handler's answer, kept for the leader's approval: never shown to the sender or the public until approved.</summary>
    public Failure? ProposeAnswer(string draft, string? draftedBy)
    {
        if (Move(PetitionAction.AnswerProposed) is { } refused) return refused;
        (DraftAnswer, DraftedByName) = (draft, draftedBy);
        return null;
    }

    /// <summary>The leader sends the draft back to be worked on: it stays with the handler.</summary>
    public Failure? ReturnAnswer() => Move(PetitionAction.AnswerReturned);

    /// <summary>
    /// The answer is given: directly (<see cref="PetitionAction.Answered"/>) or by approving the proposed draft
    /// (<see cref="PetitionAction.AnswerApproved"/>), signed by <paramref name="approvedBy"/> when a leader gave or approved it.
    /// Published with it when the sender consented.
    /// </summary>
    public Failure? GiveAnswer(PetitionAction how, string text, DateTime nowUtc, string? answeredBy, string? approvedBy)
    {
        if (how is not (PetitionAction.Answered or PetitionAction.AnswerApproved)) throw new ArgumentOutOfRangeException(nameof(how));
        if (Move(how) is { } refused) return refused;
        (Answer, AnsweredAt, AnsweredByName) = (text, nowUtc, how == PetitionAction.AnswerApproved ? DraftedByName ?? answeredBy : answeredBy);
        (AnswerApprovedBy, AnswerApprovedAt) = (approvedBy, approvedBy is null ? null : nowUtc);
        (DraftAnswer, DraftedByName) = (null, null);
        if (ConsentPublish) PublishedAt = nowUtc; // the two-day publishing limit is met at once
        return null;
    }

    /// <summary>A linked duplicate still open is answered by its main petition's answer, whatever step it was at.</summary>
    public bool AnswerAsDuplicateOf(Petition main, DateTime nowUtc, string? answeredBy)
    {
        if (DuplicateOfId != main.Id || !PetitionLifecycle.IsOpen(Status)) return false;
        (Status, Answer, AnsweredAt, AnsweredByName, PausedAt) = (PetitionStatus.Answered, main.Answer, nowUtc, answeredBy, null);
        (AnswerApprovedBy, AnswerApprovedAt) = (main.AnswerApprovedBy, main.AnswerApprovedAt);
        if (ConsentPublish) PublishedAt = nowUtc;
        return true;
    }

    public Failure? Reject(RejectionGround ground, string reason)
    {
        if (Move(PetitionAction.Rejected) is { } refused) return refused;
        (RejectionGround, RejectionReason) = (ground, reason);
        return null;
    }

    /// <summary>
    /// The sending unit's record of a transfer: marked transferred to <paramref name="unitId"/>, its clock stopped, and a new
    /// private key (the sender's link moves with the new record the receiving unit gets).
    /// </summary>
    public Failure? TransferTo(int unitId, string newTrackingKey)
    {
        if (unitId == UnitId) return Failure.Rule("TargetUnit", "Không chuyển cho chính đơn vị đang xử lý.");
        if (Move(PetitionAction.TransferredOut) is { } refused) return refused;
        (TransferredToUnitId, PausedAt, TrackingKey) = (unitId, null, newTrackingKey);
        return null;
    }

    public Failure? Close() => Move(PetitionAction.Closed);

    /// <summary>Handled again from the start (the leader's decision, or a sender not satisfied): the clock restarts.</summary>
    public Failure? Reopen(WorkingCalendar calendar, DateTime nowUtc, decimal answerDays)
    {
        if (Move(PetitionAction.Reopened) is { } refused) return refused;
        ReopenCount++;
        (SenderSatisfied, ConfirmedAt) = (null, null);
        StartClock(calendar, nowUtc, answerDays);
        return null;
    }

    /// <summary>Links this petition to an earlier open one on the same matter, whose answer will serve both.</summary>
    public Failure? LinkTo(Petition main)
    {
        var errors = new List<RuleViolation>();
        if (main.UnitId != UnitId || main.Id == Id) errors.Add(new("DuplicateOf", "Chọn một phản ánh khác của cùng đơn vị."));
        else if (!PetitionLifecycle.IsOpen(main.Status) || main.DuplicateOfId is not null)
            errors.Add(new("DuplicateOf", "Phản ánh được gộp vào phải đang xử lý và không là bản trùng."));
        if (!PetitionLifecycle.IsOpen(Status) || DuplicateOfId is not null) errors.Add(new("DuplicateOf", "Chỉ gộp phản ánh đang xử lý."));
        if (errors.Count > 0) return new Failure.Invalid(errors);
        DuplicateOfId = main.Id;
        return null;
    }

    // ---- the sender --------------------------------------------------------------------------------------------------

    /// <summary>
    /// The sender says whether the answer satisfies them. Not satisfied (below "neutral") reopens the petition for the leader,
    /// once; otherwise it closes. Answers whether it was reopened.
    /// </summary>
    public Failure? Confirm(SatisfactionLevel level, WorkingCalendar calendar, DateTime nowUtc, decimal answerDays, out bool reopened)
    {
        reopened = false;
        if (Status != PetitionStatus.Answered) return new Failure.Conflict("Phản ánh chưa có trả lời mới để xác nhận.");
        reopened = level < SatisfactionLevel.Neutral && ReopenCount == 0;
        if ((reopened ? Reopen(calendar, nowUtc, answerDays) : Close()) is { } refused) return refused;
        (SenderSatisfied, ConfirmedAt) = (level >= SatisfactionLevel.Satisfied, nowUtc);
        return null;
    }
}
