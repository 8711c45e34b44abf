using System.Globalization;
using System.Text.RegularExpressions;

namespace FriendlyGov.Core.Domain;

/// <summary>Dossier statuses with the National Public Service Portal's codes, so dossiers can be synchronised later.</summary>
public enum DossierStatus
{
    Registered = 1,          // Mới đăng ký (submitted online, not yet checked)
    Accepted = 2,            // Được tiếp nhận
    NotAccepted = 3,         // Không được tiếp nhận
    Processing = 4,          // Đang xử lý
    SupplementRequested = 5, // Yêu cầu bổ sung giấy tờ
    PaymentRequested = 6,    // Yêu cầu thực hiện nghĩa vụ tài chính
    Withdrawn = 7,           // Công dân yêu cầu rút hồ sơ
    Stopped = 8,             // Dừng xử lý
    Done = 9,                // Đã xử lý xong
    Returned = 10,           // Đã trả kết quả
}

public enum DossierAction
{
    Accept, Refuse, StartProcessing, HandOver, RequestSupplement, Supplement, RequestPayment, Pay, Withdraw, Stop, Complete, Return,
    /// <summary>Taken, passed on or reassigned to an official at the same step: the status does not change.</summary>
    Assign,
}

/// <summary>The dossier's legal moves: every status change goes through here.</summary>
public static class DossierLifecycle
{
    private static readonly Dictionary<(DossierStatus, DossierAction), DossierStatus> Moves = new()
    {
        [(DossierStatus.Registered, DossierAction.Accept)] = DossierStatus.Accepted,
        [(DossierStatus.Registered, DossierAction.Refuse)] = DossierStatus.NotAccepted,
        [(DossierStatus.Registered, DossierAction.RequestSupplement)] = DossierStatus.SupplementRequested,
        [(DossierStatus.Registered, DossierAction.Withdraw)] = DossierStatus.Withdrawn,
        [(DossierStatus.Accepted, DossierAction.StartProcessing)] = DossierStatus.Processing,
        [(DossierStatus.Accepted, DossierAction.Withdraw)] = DossierStatus.Withdrawn,
        [(DossierStatus.Processing, DossierAction.HandOver)] = DossierStatus.Processing,
        [(DossierStatus.Processing, DossierAction.RequestSupplement)] = DossierStatus.SupplementRequested,
        [(DossierStatus.Processing, DossierAction.RequestPayment)] = DossierStatus.PaymentRequested,
        [(DossierStatus.Processing, DossierAction.Stop)] = DossierStatus.Stopped,
        [(DossierStatus.Processing, DossierAction.Complete)] = DossierStatus.Done,
        [(DossierStatus.Processing, DossierAction.Withdraw)] = DossierStatus.Withdrawn,
        [(DossierStatus.SupplementRequested, DossierAction.Withdraw)] = DossierStatus.Withdrawn,
        [(DossierStatus.SupplementRequested, DossierAction.Stop)] = DossierStatus.Stopped,
        [(DossierStatus.PaymentRequested, DossierAction.Pay)] = DossierStatus.Processing,
        [(DossierStatus.PaymentRequested, DossierAction.Withdraw)] = DossierStatus.Withdrawn,
        [(DossierStatus.PaymentRequested, DossierAction.Stop)] = DossierStatus.Stopped,
        [(DossierStatus.Done, DossierAction.Return)] = DossierStatus.Returned,
    };

    public static bool IsFinal(DossierStatus s) => s is DossierStatus.NotAccepted or DossierStatus.Withdrawn or DossierStatus.Stopped or DossierStatus.Returned;

    /// <summary>
    /// The status after <paramref name="action"/>, or null when the action is not allowed. A supplement returns the dossier
    /// to where it was asked for: processing once it had been accepted, otherwise back to the intake check.
    /// </summary>
    public static DossierStatus? Next(DossierStatus current, DossierAction action, bool wasAccepted)
    {
        if (current == DossierStatus.SupplementRequested && action == DossierAction.Supplement)
            return wasAccepted ? DossierStatus.Processing : DossierStatus.Registered;
        if (action == DossierAction.Assign) return IsFinal(current) ? null : current;
        return Moves.TryGetValue((current, action), out var next) ? next : null;
    }

    /// <summary>The steps of the dossier's life that may follow now (an assignment is not one: see <see cref="DossierAssignment"/>).</summary>
    public static IEnumerable<DossierAction> Allowed(DossierStatus current) =>
        Enum.GetValues<DossierAction>().Where(a => a != DossierAction.Assign && Next(current, a, true) is not null);

    /// <summary>
    /// What may be done now, knowing where the dossier is within its processing: once handed over to the leader it waits for
    /// the leader's decision (complete, stop, ask for a supplement): nobody hands it over again, nor asks for payment.
    /// </summary>
    public static IEnumerable<DossierAction> Allowed(DossierStatus current, IEnumerable<DossierAction> history) =>
        Allowed(current).Where(a => !(WithLeader(current, history) && a is DossierAction.HandOver or DossierAction.RequestPayment));

    /// <summary>Processing, and the last move of the file was the hand-over to the leader (not a later return to work on it).</summary>
    public static bool WithLeader(DossierStatus current, IEnumerable<DossierAction> history) =>
        current == DossierStatus.Processing && history.LastOrDefault(a => a is DossierAction.StartProcessing or DossierAction.HandOver
            or DossierAction.Supplement or DossierAction.Pay) == DossierAction.HandOver;

    /// <summary>
    /// Whose step it is: the role that acts next. The counter checks, receives supplements and fees and returns the result;
    /// the specialist works the file; the leader decides once it is handed over. Null once the dossier is closed.
    /// </summary>
    public static string? WaitingFor(DossierStatus current, IEnumerable<DossierAction> history) => current switch
    {
        DossierStatus.Processing => WithLeader(current, history) ? Data.Roles.CommuneLeader : Data.Roles.Specialist,
        DossierStatus.Registered or DossierStatus.Accepted or DossierStatus.SupplementRequested or DossierStatus.PaymentRequested
            or DossierStatus.Done => Data.Roles.CounterOfficer,
        _ => null,
    };

    /// <summary>Whose step it is once <paramref name="action"/> is taken, or null when the action is not allowed or closes the dossier.</summary>
    public static string? WaitingAfter(DossierStatus current, IReadOnlyList<DossierAction> history, DossierAction action) =>
        Next(current, action, history.Contains(DossierAction.Accept)) is { } next ? WaitingFor(next, [.. history, action]) : null;

    public static string VietnameseName(DossierStatus s) => s switch
    {
        DossierStatus.Registered => "Mới đăng ký",
        DossierStatus.Accepted => "Được tiếp nhận",
        DossierStatus.NotAccepted => "Không được tiếp nhận",
        DossierStatus.Processing => "Đang xử lý",
        DossierStatus.SupplementRequested => "Yêu cầu bổ sung giấy tờ",
        DossierStatus.PaymentRequested => "Yêu cầu thực hiện nghĩa vụ tài chính",
        DossierStatus.Withdrawn => "Công dân yêu cầu rút hồ sơ",
        DossierStatus.Stopped => "Dừng xử lý",
        DossierStatus.Done => "Đã xử lý xong",
        DossierStatus.Returned => "Đã trả kết quả",
        _ => s.ToString(),
    };
}

/// <summary>
/// One official at a time: who may act on a dossier, take it, pass it on or reassign it. The holder works it; while nobody
/// holds it, anyone of the step's role may take it; the leader may take over or reassign at any open step.
/// </summary>
public static class DossierAssignment
{
    /// <summary>
    /// Why <paramref name="actorId"/> may not take this step now, or null when they may: the holder acts; while nobody holds
    /// it, whoever serves at the step (<paramref name="actorServesStep"/>) or a leader. The citizen's own withdrawal is
    /// recorded at the counter whoever works the file.
    /// </summary>
    public static string? RefusalToAct(string? holderId, string actorId, DossierAction action, bool actorServesStep, bool actorIsLeader) =>
        action == DossierAction.Withdraw || holderId == actorId ? null
        : holderId is not null ? "Hồ sơ đang do cán bộ khác xử lý. Lãnh đạo có thể nhận xử lý thay hoặc giao lại."
        : actorServesStep || actorIsLeader ? null
        : "Hồ sơ đang ở bước của bộ phận khác, chưa đến lượt bạn xử lý.";

    /// <summary>Whether the actor may give the dossier to someone else: its holder, or a leader.</summary>
    public static bool MayGiveOn(string? holderId, string actorId, bool actorIsLeader) => actorIsLeader || holderId == actorId;

    /// <summary>
    /// Why the actor may not give the dossier to <paramref name="targetId"/>, or null when they may. Taking it (target is the
    /// actor) is for the step's role while nobody holds it, or for the leader at any time; passing it on is for its holder
    /// or the leader; the target must serve at the step (<paramref name="targetServes"/>), or be the leader taking over.
    /// </summary>
    public static string? RefusalToAssign(string? waitingRole, string? holderId, string actorId, bool actorIsLeader, bool actorHasWaitingRole,
        string targetId, bool targetServes)
    {
        if (waitingRole is null) return "Hồ sơ đã kết thúc, không giao xử lý.";
        if (targetId == holderId) return targetId == actorId ? "Bạn đang xử lý hồ sơ này." : "Cán bộ này đang xử lý hồ sơ.";
        if (targetId == actorId)
            return actorIsLeader || actorHasWaitingRole && holderId is null ? null
                : "Hồ sơ đang do cán bộ khác xử lý. Lãnh đạo có thể nhận xử lý thay hoặc giao lại.";
        if (!MayGiveOn(holderId, actorId, actorIsLeader)) return "Chỉ người đang xử lý hoặc lãnh đạo giao hồ sơ cho cán bộ khác.";
        return targetServes ? null : "Chọn cán bộ của xã đảm nhận bước này.";
    }
}

/// <summary>One event of a dossier's life, in Vietnam local time.</summary>
public sealed record DossierEvent(DossierAction Action, DateTime At);

/// <summary>Decision 766's reading of a dossier's timeliness.</summary>
public sealed record Timeliness(DossierStatus Status, DateTime? EffectiveDue, DateTime? EndedAt, int SupplementRequests, double PausedMinutes, bool? OnTime);

/// <summary>
/// The on-time rule of Decision 766/QĐ-TTg: the end is the first of Done, Returned, Stopped or refused; the dossier is on time
/// when it ends by its appointed date, extended by the office time spent waiting for the citizen's supplement; more than one
/// request to supplement after acceptance counts the dossier as late whatever the dates.
/// </summary>
public static class Decision766
{
    public static Timeliness Evaluate(IReadOnlyList<DossierEvent> events, DateTime? appointed, WorkingCalendar calendar)
    {
        var status = DossierStatus.Registered;
        var accepted = false;
        var supplements = 0;
        double paused = 0;
        DateTime? pausedSince = null;
        DateTime? ended = null;
        foreach (var e in events.OrderBy(e => e.At))
        {
            var next = DossierLifecycle.Next(status, e.Action, accepted)
                ?? throw new InvalidOperationException($"{e.Action} is not allowed from {status}");
            if (e.Action == DossierAction.RequestSupplement && accepted)
            {
                supplements++;
                pausedSince = e.At;
            }
            if (e.Action == DossierAction.Supplement && pausedSince is DateTime since)
            {
                paused += calendar.WorkingMinutesBetween(since, e.At);
                pausedSince = null;
            }
            if (e.Action == DossierAction.Accept) accepted = true;
            if (ended is null && next is DossierStatus.Done or DossierStatus.Returned or DossierStatus.Stopped or DossierStatus.NotAccepted) ended = e.At;
            status = next;
        }
        // Waiting for the citizen moves the appointed date by the office time it took (an unpaused date stays as it is:
        // adding zero minutes would move a closing-time date to the next opening).
        DateTime? due = appointed is not DateTime a ? null : paused > 0 ? calendar.AddWorkingMinutes(a, paused) : a;
        bool? onTime = ended is null || due is null ? (supplements > 1 ? false : null) : supplements <= 1 && ended <= due;
        return new Timeliness(status, due, ended, supplements, paused, onTime);
    }
}

public enum HandOverResult { Early, OnTime, Late } // Trước hạn · Đúng hạn · Quá hạn (Mẫu 06)

public static partial class DossierCodes
{
    /// <summary>The most dossiers one unit can number in a day: the sequence widens from four digits up to six.</summary>
    public const int MaxPerDay = 999_999;

    /// <summary>
    /// "&lt;unit identifier&gt;-&lt;YYMMDD&gt;-&lt;NNNN&gt;" (Circular 01/2018 Art. 19), the sequence restarting each day per unit.
    /// The national format has four digits; a large centre that passes 9,999 in a day goes on with the sequence widened by a
    /// digit ("-10000", up to "-999999"), so codes stay unique, readable and in the same shape.
    /// </summary>
    public static string Format(string unitIdentifier, DateOnly receivedDay, int sequence)
    {
        if (sequence is < 1 or > MaxPerDay) throw new ArgumentOutOfRangeException(nameof(sequence), "Tối đa 999.999 hồ sơ một ngày.");
        return $"{unitIdentifier}-{receivedDay.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{sequence:0000}";
    }

    public static bool TryParse(string? code, out string identifier, out DateOnly day, out int sequence)
    {
        (identifier, day, sequence) = ("", default, 0);
        var m = CodePattern().Match(code ?? "");
        if (!m.Success || !DateOnly.TryParseExact(m.Groups[2].Value, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)) return false;
        identifier = m.Groups[1].Value;
        sequence = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        return sequence > 0;
    }

    /// <summary>The verdict written on each hand-over row of the control slip.</summary>
    public static HandOverResult Judge(DateTime handedOver, DateTime stepDeadline) =>
        handedOver > stepDeadline ? HandOverResult.Late
        : DateOnly.FromDateTime(handedOver) < DateOnly.FromDateTime(stepDeadline) ? HandOverResult.Early
        : HandOverResult.OnTime;

    public static string VietnameseName(HandOverResult r) => r switch
    {
        HandOverResult.Early => "Trước hạn", HandOverResult.OnTime => "Đúng hạn", _ => "Quá hạn",
    };

    [GeneratedRegex(@"^([0-9A-Za-z.]{1,40})-(\d{6})-(\d{4,6})$")]
    private static partial Regex CodePattern();
}
