namespace FriendlyGov.Core.Domain;

/// <summary>Trạng thái phản ánh, kiến nghị.</summary>
public enum PetitionStatus
{
    Received = 1,     // đã tiếp nhận
    Assigned = 2,     // đã phân công
    InProgress = 3,   // đang xử lý
    NeedsInfo = 4,    // chờ bổ sung thông tin (the clock pauses)
    Answered = 5,     // đã trả lời
    Closed = 6,       // đã kết thúc
    Rejected = 7,     // từ chối tiếp nhận
    Transferred = 8,  // đã chuyển đơn vị khác (a record kept by the sending unit)
    AwaitingApproval = 9, // chờ lãnh đạo duyệt trả lời (the clock runs on)
}

/// <summary>Where a petition came in.</summary>
public enum PetitionChannel
{
    Web = 1,            // cổng thông tin (công dân tự gửi)
    Counter = 2,        // trực tiếp tại Bộ phận Một cửa
    Hotline = 3,        // đường dây nóng
    VillageMeeting = 4, // họp thôn, bản
    VoterMeeting = 5,   // tiếp xúc cử tri
    Api = 6,            // ứng dụng đối tác (Open311, API)
}

/// <summary>Why a petition is not handled by the commune; each names the way to go.</summary>
public enum RejectionGround
{
    OutsideCompetence = 1, // không thuộc thẩm quyền của UBND xã
    Complaint = 2,         // là khiếu nại: Luật Khiếu nại 2011
    Denunciation = 3,      // là tố cáo: Luật Tố cáo 2018
    Insufficient = 4,      // không đủ thông tin, không liên hệ được người gửi
}

public enum PetitionAction
{
    Submitted = 1, Assigned = 2, Started = 3, InfoRequested = 4, InfoProvided = 5, Answered = 6, Closed = 7, Rejected = 8,
    TransferredOut = 9, TransferredIn = 10, Confirmed = 11, Reopened = 12, Linked = 13, Published = 14,
    /// <summary>The handler's answer, submitted to the leader; approved, it is sent and published; returned, it is worked on again.</summary>
    AnswerProposed = 15, AnswerApproved = 16, AnswerReturned = 17,
}

/// <summary>The legal deadlines, in working days (REGULATIONS.md §5 defaults; configurable).</summary>
public sealed record PetitionDeadlines
{
    public decimal RefuseDays { get; init; } = 2;
    public decimal AskInfoDays { get; init; } = 5;
    public decimal AnswerDays { get; init; } = 15;
    public decimal PublishDays { get; init; } = 2;
    /// <summary>Working days past the answer deadline after which an overdue petition is reported to the supervising board.</summary>
    public decimal SupervisorAfterDays { get; init; } = 3;

    public static readonly PetitionDeadlines Default = new();

    public List<string> Problems()
    {
        var p = new List<string>();
        if (new[] { RefuseDays, AskInfoDays, AnswerDays, PublishDays, SupervisorAfterDays }.Any(d => d <= 0 || d > 90))
            p.Add("Mỗi thời hạn là số ngày làm việc từ 0,5 đến 90.");
        if (RefuseDays > AnswerDays || AskInfoDays > AnswerDays) p.Add("Thời hạn từ chối và yêu cầu bổ sung không dài hơn thời hạn trả lời.");
        return p;
    }
}

/// <summary>Who an overdue petition is escalated to.</summary>
public enum Escalation { None = 0, Leader = 1, Supervisor = 2 }

/// <summary>
/// The petition's clock. Deadlines run in working time of the commune's calendar from submission (or the latest transfer);
/// while the commune waits for information from the sender the clock is paused, and the paused working time is added back.
/// Times are Vietnam local time.
/// </summary>
public static class PetitionClock
{
    /// <summary>Working minutes of the pause that ends at <paramref name="resumed"/>: what the due date moves by.</summary>
    public static double PausedMinutes(WorkingCalendar calendar, DateTime pausedAt, DateTime resumed) =>
        Math.Max(0, calendar.WorkingMinutesBetween(pausedAt, resumed));

    /// <summary>Due date after <paramref name="days"/> working days from <paramref name="clockStart"/>, moved by earlier pauses.</summary>
    public static DateTime Due(WorkingCalendar calendar, DateTime clockStart, decimal days, double pausedMinutes)
    {
        var due = calendar.DueAt(clockStart, days);
        return pausedMinutes > 0 ? calendar.AddWorkingMinutes(due, pausedMinutes) : due;
    }

    /// <summary>
    /// The due date as of <paramref name="now"/>: during a pause the time elapsed so far is added too, so the date shown to the
    /// sender never moves backwards when the pause ends.
    /// </summary>
    public static DateTime DueAsOf(WorkingCalendar calendar, DateTime clockStart, decimal days, double pausedMinutes, DateTime? pausedAt, DateTime now) =>
        Due(calendar, clockStart, days, pausedMinutes + (pausedAt is DateTime p ? PausedMinutes(calendar, p, now) : 0));

    /// <summary>
    /// Overdue goes to the commune leader; still unanswered <see cref="PetitionDeadlines.SupervisorAfterDays"/> working days
    /// later, to the supervising board. A paused petition does not escalate.
    /// </summary>
    public static Escalation EscalationAt(WorkingCalendar calendar, DateTime due, DateTime now, bool paused, PetitionDeadlines deadlines)
    {
        if (paused || now <= due) return Escalation.None;
        return calendar.HasWorkingMinutesBetween(due, now, (double)deadlines.SupervisorAfterDays * calendar.Hours.MinutesPerDay)
            ? Escalation.Supervisor : Escalation.Leader;
    }

    /// <summary>
    /// The latest due date that is escalated to the supervising board at <paramref name="now"/>: a running petition due by it
    /// escalates (<see cref="EscalationAt"/> answers <see cref="Escalation.Supervisor"/>), one due after it does not.
    /// </summary>
    public static DateTime SupervisorCutoff(WorkingCalendar calendar, DateTime now, PetitionDeadlines deadlines) =>
        calendar.SubtractWorkingMinutes(now, (double)deadlines.SupervisorAfterDays * calendar.Hours.MinutesPerDay);

    /// <summary>The latest due date that is due soon at <paramref name="now"/>: within one working day.</summary>
    public static DateTime DueSoonHorizon(WorkingCalendar calendar, DateTime now) =>
        calendar.AddWorkingMinutes(now, calendar.Hours.MinutesPerDay);

    /// <summary>Due within one working day (and not yet overdue).</summary>
    public static bool DueSoon(WorkingCalendar calendar, DateTime due, DateTime now) =>
        now <= due && due <= DueSoonHorizon(calendar, now);
}

/// <summary>Which step follows which: the lifecycle, in one place for pages, API and Open311.</summary>
public static class PetitionLifecycle
{
    /// <summary>
    /// The one rule for what the public sees of a petition (the board, Open311, the media link): its content, place, position
    /// and photos only when the sender consented and the answer has been published. Before that, or without consent: that it
    /// exists, its field, its status and dates, nothing of what was written or where.
    /// </summary>
    public static bool IsPublic(Data.Petition p) => IsPublicCompiled(p);

    /// <summary><see cref="IsPublic"/> as a query, so the board filters in the database by the very same rule.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Data.Petition, bool>> IsPublicQuery = p =>
        p.ConsentPublish && p.PublishedAt != null && (p.Status == PetitionStatus.Answered || p.Status == PetitionStatus.Closed);

    private static readonly Func<Data.Petition, bool> IsPublicCompiled = IsPublicQuery.Compile();

    /// <summary>The statuses of a petition still being handled, for queries (the same set as <see cref="IsOpen"/>).</summary>
    public static readonly PetitionStatus[] OpenStatuses =
        [PetitionStatus.Received, PetitionStatus.Assigned, PetitionStatus.InProgress, PetitionStatus.NeedsInfo, PetitionStatus.AwaitingApproval];

    public static bool IsOpen(PetitionStatus s) => OpenStatuses.Contains(s);

    public static PetitionStatus? Next(PetitionStatus s, PetitionAction a) => (s, a) switch
    {
        (PetitionStatus.Received or PetitionStatus.Assigned or PetitionStatus.InProgress, PetitionAction.Assigned) => PetitionStatus.Assigned,
        (PetitionStatus.Assigned, PetitionAction.Started) => PetitionStatus.InProgress,
        (PetitionStatus.Received or PetitionStatus.Assigned or PetitionStatus.InProgress, PetitionAction.InfoRequested) => PetitionStatus.NeedsInfo,
        (PetitionStatus.NeedsInfo, PetitionAction.InfoProvided) => PetitionStatus.InProgress,
        // The leader (or a supervisor for a petition at the province) may answer one they have not handed to anyone.
        (PetitionStatus.Received or PetitionStatus.Assigned or PetitionStatus.InProgress, PetitionAction.Answered) => PetitionStatus.Answered,
        (PetitionStatus.Received or PetitionStatus.Assigned or PetitionStatus.InProgress, PetitionAction.AnswerProposed) => PetitionStatus.AwaitingApproval,
        (PetitionStatus.AwaitingApproval, PetitionAction.AnswerApproved) => PetitionStatus.Answered,
        (PetitionStatus.AwaitingApproval, PetitionAction.AnswerReturned) => PetitionStatus.InProgress,
        (PetitionStatus.Received or PetitionStatus.Assigned or PetitionStatus.InProgress or PetitionStatus.NeedsInfo, PetitionAction.Rejected) => PetitionStatus.Rejected,
        (PetitionStatus.Received or PetitionStatus.Assigned or PetitionStatus.InProgress or PetitionStatus.NeedsInfo, PetitionAction.TransferredOut) => PetitionStatus.Transferred,
        (PetitionStatus.Answered, PetitionAction.Closed) => PetitionStatus.Closed,
        (PetitionStatus.Answered or PetitionStatus.Closed, PetitionAction.Reopened) => PetitionStatus.InProgress,
        _ => null,
    };

    public static string VietnameseName(PetitionStatus s) => s switch
    {
        PetitionStatus.Received => "Đã tiếp nhận",
        PetitionStatus.Assigned => "Đã phân công xử lý",
        PetitionStatus.InProgress => "Đang xử lý",
        PetitionStatus.NeedsInfo => "Chờ bổ sung thông tin",
        PetitionStatus.Answered => "Đã trả lời",
        PetitionStatus.Closed => "Đã kết thúc",
        PetitionStatus.Rejected => "Không tiếp nhận xử lý",
        PetitionStatus.AwaitingApproval => "Chờ lãnh đạo duyệt trả lời",
        _ => "Đã chuyển đơn vị khác",
    };

    public static string ChannelName(PetitionChannel c) => c switch
    {
        PetitionChannel.Web => "Cổng thông tin",
        PetitionChannel.Counter => "Trực tiếp tại Bộ phận Một cửa",
        PetitionChannel.Hotline => "Đường dây nóng",
        PetitionChannel.VillageMeeting => "Họp thôn, bản",
        PetitionChannel.VoterMeeting => "Tiếp xúc cử tri",
        _ => "Ứng dụng đối tác",
    };

    public static string GroundName(RejectionGround g) => g switch
    {
        RejectionGround.OutsideCompetence => "Không thuộc thẩm quyền giải quyết của UBND xã",
        RejectionGround.Complaint => "Là khiếu nại, được giải quyết theo Luật Khiếu nại",
        RejectionGround.Denunciation => "Là tố cáo, được giải quyết theo Luật Tố cáo",
        _ => "Không đủ thông tin để xử lý",
    };

    /// <summary>The way to go that the sender is told with a rejection.</summary>
    public static string WayToGo(RejectionGround g) => g switch
    {
        RejectionGround.Complaint => "Gửi đơn khiếu nại đến người có thẩm quyền theo Luật Khiếu nại 2011; cán bộ tiếp công dân của xã hướng dẫn cách viết đơn.",
        RejectionGround.Denunciation => "Gửi đơn tố cáo đến cơ quan, người có thẩm quyền theo Luật Tố cáo 2018; danh tính người tố cáo được giữ bí mật.",
        RejectionGround.OutsideCompetence => "Gửi phản ánh đến cơ quan có thẩm quyền được nêu trong trả lời.",
        _ => "Gửi lại phản ánh với đủ nội dung, địa điểm và cách liên hệ.",
    };

    public static string ActionName(PetitionAction a) => a switch
    {
        PetitionAction.Submitted => "Tiếp nhận phản ánh",
        PetitionAction.Assigned => "Phân công xử lý",
        PetitionAction.Started => "Bắt đầu xử lý",
        PetitionAction.InfoRequested => "Đề nghị bổ sung thông tin",
        PetitionAction.InfoProvided => "Người gửi đã bổ sung thông tin",
        PetitionAction.Answered => "Trả lời",
        PetitionAction.Closed => "Kết thúc",
        PetitionAction.Rejected => "Không tiếp nhận xử lý",
        PetitionAction.TransferredOut => "Chuyển đơn vị khác",
        PetitionAction.TransferredIn => "Nhận từ đơn vị khác",
        PetitionAction.Confirmed => "Người gửi xác nhận kết quả",
        PetitionAction.Reopened => "Mở lại để xử lý tiếp",
        PetitionAction.Linked => "Gộp với phản ánh trùng",
        PetitionAction.AnswerProposed => "Trình lãnh đạo duyệt trả lời",
        PetitionAction.AnswerApproved => "Lãnh đạo duyệt trả lời",
        PetitionAction.AnswerReturned => "Lãnh đạo trả lại dự thảo trả lời",
        _ => "Công khai trả lời",
    };
}

/// <summary>
/// Similar petitions: the same commune, open, and most of the significant words shared (diacritics and case ignored).
/// A cheap Jaccard measure on word sets; good enough to offer a link for a human to confirm.
/// </summary>
public static class PetitionSimilarity
{
    private static readonly HashSet<string> StopWords =
    [
        "va", "cua", "la", "o", "tai", "cho", "co", "khong", "da", "dang", "duoc", "bi", "nay", "do", "thi", "ma", "voi", "cac", "nhung",
        "mot", "de", "den", "tu", "trong", "tren", "ve", "xin", "de nghi", "nghi", "ubnd", "xa", "ban", "thon", "toi", "chung", "rat", "qua",
    ];

    public static HashSet<string> Words(string? text) =>
        VietnameseText.Fold(text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 1 && !StopWords.Contains(w)).ToHashSet();

    public static double Score(string a, string b) => Score(Words(a), b);

    /// <summary>With the new petition's words computed once, for comparing it with many.</summary>
    public static double Score(HashSet<string> x, string b)
    {
        var y = Words(b);
        if (x.Count == 0 || y.Count == 0) return 0;
        var common = x.Intersect(y).Count();
        return (double)common / (x.Count + y.Count - common);
    }

    public const double Threshold = 0.45;
}

/// <summary>The fields of petitions a commune starts with (it may rename, add or retire them).</summary>
public static class PetitionCategories
{
    public static readonly IReadOnlyList<(string Code, string Name, string Description)> Defaults =
    [
        ("dat-dai", "Đất đai, xây dựng", "Tranh chấp, lấn chiếm đất; cấp giấy chứng nhận; xây dựng trái phép"),
        ("moi-truong", "Môi trường", "Rác thải, nước thải, ô nhiễm, vệ sinh nơi công cộng"),
        ("giao-thong", "Giao thông, hạ tầng", "Đường, cầu, cống, điện chiếu sáng, nước sinh hoạt"),
        ("an-ninh", "An ninh, trật tự", "Trật tự công cộng, tệ nạn, an toàn giao thông"),
        ("chinh-sach", "Chính sách xã hội", "Trợ cấp, người có công, hộ nghèo, bảo hiểm"),
        ("thu-tuc", "Thủ tục hành chính", "Giải quyết hồ sơ, thái độ phục vụ của cán bộ"),
        ("y-te-giao-duc", "Y tế, giáo dục, văn hóa", "Trạm y tế, trường học, nhà văn hóa, lễ hội"),
        ("nong-nghiep", "Nông nghiệp, thủy lợi", "Giống, dịch bệnh, kênh mương, thủy lợi"),
        ("khac", "Khác", "Những nội dung khác"),
    ];
}

/// <summary>One petition as the "Dân vận khéo" view counts it.</summary>
public sealed record PetitionFact(string Category, string? Village, string Month, bool Open, bool Overdue, bool Answered, bool AnsweredOnTime,
    bool? SenderSatisfied, bool Repeated);

/// <summary>
/// Counts and rates of a group of petitions. Rates are null (N/A) when nothing was answered or confirmed, never 0.
/// On-time rate = answered by the deadline ÷ answered; satisfied rate = confirmed "hài lòng" ÷ confirmed.
/// </summary>
public sealed record PetitionFigures(int Total, int Open, int Overdue, int Answered, int AnsweredOnTime, decimal? OnTimeRate, int Confirmed,
    int Satisfied, decimal? SatisfiedRate, int Repeated);

public sealed record HotSpot(string Kind, string Name, int Open, int Repeated, int Total);

public static class PetitionReports
{
    public static PetitionFigures Figures(IReadOnlyCollection<PetitionFact> facts)
    {
        var answered = facts.Count(f => f.Answered);
        var onTime = facts.Count(f => f.Answered && f.AnsweredOnTime);
        var confirmed = facts.Count(f => f.SenderSatisfied is not null);
        var satisfied = facts.Count(f => f.SenderSatisfied == true);
        return FiguresOf(facts.Count, facts.Count(f => f.Open), facts.Count(f => f.Overdue), answered, onTime, confirmed, satisfied, facts.Count(f => f.Repeated));
    }

    /// <summary>The figures of a group from its counts (the rates worked out here, in one place).</summary>
    public static PetitionFigures FiguresOf(int total, int open, int overdue, int answered, int onTime, int confirmed, int satisfied, int repeated) =>
        new(total, open, overdue, answered, onTime, answered == 0 ? null : Math.Round(100m * onTime / answered, 1), confirmed, satisfied,
            confirmed == 0 ? null : Math.Round(100m * satisfied / confirmed, 1), repeated);

    public static List<(string Key, PetitionFigures Figures)> By(IReadOnlyCollection<PetitionFact> facts, Func<PetitionFact, string?> key) =>
        facts.GroupBy(f => key(f) ?? "(chưa rõ)").Select(g => (g.Key, Figures(g.ToList())))
            .OrderByDescending(x => x.Item2.Total).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Hot spots: a village or a field with at least <paramref name="openThreshold"/> petitions still open, or at least two raised
    /// again (linked as repeats of an earlier one). Sorted by open plus repeated, the hottest first.
    /// </summary>
    public static List<HotSpot> HotSpots(IReadOnlyCollection<PetitionFact> facts, int openThreshold = 3)
    {
        IEnumerable<HotSpot> Of(string kind, Func<PetitionFact, string?> key) => facts.Where(f => key(f) is not null).GroupBy(key)
            .Select(g => new HotSpot(kind, g.Key!, g.Count(f => f.Open), g.Count(f => f.Repeated), g.Count()));
        return HotSpots(Of("Thôn, bản", f => f.Village).Concat(Of("Lĩnh vực", f => f.Category)), openThreshold);
    }

    /// <summary>The hot spots among the villages' and fields' counts (villages first among equals, as listed).</summary>
    public static List<HotSpot> HotSpots(IEnumerable<HotSpot> groups, int openThreshold = 3) =>
        groups.Where(h => h.Open >= openThreshold || h.Repeated >= 2)
            .OrderByDescending(h => h.Open + h.Repeated).ThenBy(h => h.Name, StringComparer.Ordinal).ToList();
}

/// <summary>Who is acting on a petition, as the role rules need to know it.</summary>
/// <param name="Leader">The unit's leader (or a supervisor for a petition their own unit holds, or an administrator).</param>
/// <param name="Handler">The leader, or the official the petition is assigned to.</param>
/// <param name="Staff">Any staff role (who may take down information a sender brings to the counter).</param>
public sealed record PetitionActor(bool Leader, bool Handler, bool Staff);

/// <summary>Which role takes which step of a petition: pure, so the rule is the same for pages, API and tests.</summary>
public static class PetitionRoles
{
    /// <summary>The steps staff ask for by name; the others happen by themselves (submission, transfer in, confirmation…).</summary>
    public static bool IsRequestable(PetitionAction a) => Enum.IsDefined(a) && a is not (PetitionAction.Submitted or PetitionAction.TransferredIn
        or PetitionAction.Confirmed or PetitionAction.Linked or PetitionAction.Published);

    /// <summary>A handler's answer goes to the leader first where the unit asks for approval (the default).</summary>
    public static PetitionAction Effective(PetitionAction requested, PetitionActor who, bool answersNeedApproval) =>
        requested == PetitionAction.Answered && !who.Leader && answersNeedApproval ? PetitionAction.AnswerProposed : requested;

    /// <summary>
    /// Null when <paramref name="who"/> may take <paramref name="action"/> (the effective step); otherwise why not, worded for
    /// the step they <paramref name="asked"/> for.
    /// </summary>
    public static RuleViolation? MayTake(PetitionAction action, PetitionActor who, PetitionAction asked)
    {
        var allowed = action switch
        {
            PetitionAction.Assigned or PetitionAction.Rejected or PetitionAction.TransferredOut or PetitionAction.Closed or PetitionAction.Reopened
                or PetitionAction.AnswerApproved or PetitionAction.AnswerReturned => who.Leader,
            PetitionAction.InfoProvided => who.Staff,
            _ => who.Handler,
        };
        if (allowed) return null;
        return new("Action", asked is PetitionAction.Started or PetitionAction.InfoRequested or PetitionAction.Answered
            ? "Chỉ cán bộ được phân công hoặc lãnh đạo xử lý phản ánh này." : "Chỉ lãnh đạo UBND thực hiện thao tác này.");
    }

    /// <summary>Linking duplicates: the unit's own staff, or its leader.</summary>
    public static RuleViolation? MayLink(bool communeStaff, PetitionActor who) =>
        communeStaff || who.Leader ? null : new("Action", "Vai trò của bạn không gộp phản ánh.");
}
