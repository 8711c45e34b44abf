using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

/// <summary>
/// A dossier's transitions: the only code that changes its status, its holder, its appointment and its apology (Mẫu 04).
/// Each goes through <see cref="DossierLifecycle"/> and answers a <see cref="Failure"/> when the dossier is not in a state for
/// it (null: done). Times are UTC.
/// </summary>
public partial class Dossier
{
    /// <summary>
    /// The intake's decision (accepted, registered online, incomplete: supplement requested, Mẫu 02; not accepted, Mẫu 03) and,
    /// when the law sets one, the appointment.
    /// </summary>
    public void Receive(DossierStatus status, DateTime? appointedAt)
    {
        if (status is not (DossierStatus.Accepted or DossierStatus.Registered or DossierStatus.SupplementRequested or DossierStatus.NotAccepted))
            throw new ArgumentOutOfRangeException(nameof(status), status, "A dossier arrives accepted, registered, incomplete or not accepted.");
        (Status, AppointedAt) = (status, appointedAt);
    }

    /// <summary>Whether the lifecycle lets <paramref name="action"/> happen now, given the steps taken so far.</summary>
    public Failure.Invalid? Refuses(DossierAction action, IReadOnlyCollection<DossierAction> history)
    {
        var next = DossierLifecycle.Next(Status, action, history.Contains(DossierAction.Accept));
        if (next is not null && !DossierLifecycle.Allowed(Status, history).Contains(action))
            return Failure.Rule("Action", "Hồ sơ đã trình lãnh đạo phê duyệt, đang chờ lãnh đạo quyết định.");
        return next is null ? Failure.Rule("Action", $"Không thực hiện được khi hồ sơ đang ở trạng thái “{DossierLifecycle.VietnameseName(Status)}”.") : null;
    }

    /// <summary>
    /// One step of the dossier's life: the new status, the official who holds it next (null: the step's shared queue), who took
    /// the result (a return), and the appointment an online dossier gets when the counter accepts it.
    /// </summary>
    public Failure? Take(DossierAction action, IReadOnlyCollection<DossierAction> history, string? nextHolder, string? receivedBy = null,
        Func<DateTime>? appointOnAccept = null)
    {
        if (Refuses(action, history) is { } refused) return refused;
        if (action == DossierAction.Return && string.IsNullOrWhiteSpace(receivedBy)) return Failure.Rule("ReceivedBy", "Ghi họ tên người nhận kết quả.");
        Status = DossierLifecycle.Next(Status, action, history.Contains(DossierAction.Accept))!.Value;
        AssigneeId = nextHolder;
        if (action == DossierAction.Return) ReturnedTo = receivedBy!.Trim();
        if (action == DossierAction.Accept && AppointedAt is null && appointOnAccept is not null) AppointedAt = appointOnAccept();
        return null;
    }

    /// <summary>Taken, passed on or reassigned at the same step (who may is DossierAssignment's rule): the status does not change.</summary>
    public void AssignTo(string official) => AssigneeId = official;

    /// <summary>The apology for a late dossier (Mẫu 04), drafted with its reason and new date; it waits for the leader's approval.</summary>
    public Failure? DraftApology(string reason, DateTime newDateUtc, string? draftedBy)
    {
        if (DossierLifecycle.IsFinal(Status) || Status == DossierStatus.Done || AppointedAt is null)
            return Failure.Rule("Reason", "Chỉ lập văn bản xin lỗi cho hồ sơ đang giải quyết có ngày hẹn.");
        if (newDateUtc <= AppointedAt) return Failure.Rule("NewDate", "Ngày hẹn mới phải sau ngày hẹn cũ.");
        (ApologyReason, ApologyNewDate, ApologyDraftedBy, ApologyApprovedBy, ApologyApprovedAt) = (reason, newDateUtc, draftedBy, null, null);
        return null;
    }

    public Failure? ApproveApology(string? approvedBy, DateTime nowUtc)
    {
        if (ApologyReason is null || ApologyApprovedAt is not null) return Failure.Rule("Reason", "Không có văn bản xin lỗi chờ phê duyệt.");
        (ApologyApprovedBy, ApologyApprovedAt) = (approvedBy, nowUtc);
        return null;
    }
}
