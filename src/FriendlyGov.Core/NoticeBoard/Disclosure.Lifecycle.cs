using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

/// <summary>
/// A notice's life on the board: posted (niêm yết) for at least its legal period, taken down early only with a reason,
/// archived once the period is fulfilled, superseded by a posted correction. The only code that changes those fields;
/// each answers a <see cref="Failure"/> when the notice is not in a state for it.
/// </summary>
public partial class Disclosure
{
    public DisclosureState StateOn(DateOnly today) =>
        DisclosureRules.State(PostedOn, PostingDays, TakenDownAt is not null, ArchivedAt is not null, SupersededById is not null, today);

    /// <summary>Posted on <paramref name="day"/> for its period (which must meet the category's legal minimum).</summary>
    public Failure? Post(DateOnly day, string? by)
    {
        if (PostedOn is not null) return Failure.Rule("PostedOn", "Nội dung này đã niêm yết.");
        if (DisclosureRules.PeriodProblem(Category, PostingDays) is { } problem) return Failure.Rule("PostingDays", problem);
        (PostedOn, PostedBy) = (day, by);
        return null;
    }

    /// <summary>The correction that replaces this notice has been posted.</summary>
    public void SupersedeBy(Disclosure correction)
    {
        if (correction.PreviousId != Id || correction.PostedOn is null) throw new InvalidOperationException("Only its posted correction supersedes a notice.");
        SupersededById = correction.Id;
    }

    /// <summary>Gỡ trước hạn: only while on the board and before its period ends, with the reason; the row stays in the history.</summary>
    public Failure? TakeDown(DateOnly today, DateTime nowUtc, string? reason, string? by)
    {
        if (StateOn(today) != DisclosureState.Posted) return Failure.Rule("Reason", "Chỉ gỡ được nội dung đang niêm yết, chưa đủ thời gian.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000) return Failure.Rule("Reason", "Ghi lý do gỡ trước hạn (tối đa 1.000 ký tự).");
        (TakenDownAt, TakeDownReason, TakenDownBy) = (nowUtc, reason.Trim(), by);
        return null;
    }

    public Failure? Archive(DateOnly today, DateTime nowUtc)
    {
        if (StateOn(today) != DisclosureState.PeriodFulfilled) return Failure.Rule("PostedOn", "Chỉ lưu trữ nội dung đã đủ thời gian niêm yết.");
        ArchivedAt = nowUtc;
        return null;
    }

    /// <summary>Whether a correction (đính chính) may be drafted from this notice: only the one in force, posted.</summary>
    public Failure? RefusesCorrection() => PostedOn is null || SupersededById is not null || TakenDownAt is not null
        ? Failure.Rule("Title", "Chỉ đính chính bản đang có hiệu lực đã niêm yết.") : null;
}
