namespace FriendlyGov.Core.Domain;

/// <summary>Giai đoạn của mô hình ở một xã.</summary>
public enum ModelStage { Chosen = 1, Preparing = 2, Launched = 3, Operating = 4, Assessed = 5 } // được chọn · chuẩn bị · ra mắt · vận hành · đánh giá

public enum ModelKind { Pilot = 1, Replicated = 2 } // mô hình điểm · nhân rộng

public enum BoardRole { Head = 1, Deputy = 2, Member = 3 } // trưởng ban · phó ban · thành viên

public enum PlanTaskStatus { NotStarted = 1, InProgress = 2, Done = 3 }

public enum ReadinessGroup { Facilities = 1, Equipment = 2, Finance = 3, People = 4 } // cơ sở vật chất · trang thiết bị · tài chính · con người

public enum ReadinessRating { NotRated = 0, Met = 1, NotMet = 2, NeedsMore = 3 } // chưa đánh giá · đạt · chưa đạt · cần bổ sung

public enum ModelEventKind { Training = 1, Propagation = 2 } // tập huấn · tuyên truyền

public enum EventAudience { Officials = 1, VillageHeads = 2, Villagers = 3, Mixed = 4 } // cán bộ, công chức · trưởng thôn, bản · nhân dân thôn, bản · nhiều đối tượng

public enum InspectionStatus { Planned = 1, Done = 2, Cancelled = 3 } // dự kiến · đã kiểm tra · hủy

public enum RecommendationStatus { Open = 1, Reported = 2, Closed = 3 } // chưa thực hiện · xã đã báo cáo · đã hoàn thành

public enum ModelFileKind { LaunchPhoto = 1, LaunchMinutes = 2, Decision = 3, Regulation = 4, TaskEvidence = 5, EventMaterial = 6 }

public enum ProposalStatus { Open = 1, Answered = 2, Resolved = 3 } // chờ trả lời · đã trả lời · đã giải quyết xong

/// <summary>The steps the seed articles name, as the template every commune's plan starts from (days after the plan starts).</summary>
public static class ModelTemplates
{
    public const string DefaultName = "Chính quyền thân thiện, vì nhân dân phục vụ";

    public static readonly IReadOnlyList<(string Title, int DueAfterDays)> PlanSteps =
    [
        ("Thành lập Ban Chỉ đạo (Ban Điều hành), ban hành quy chế hoạt động", 7),
        ("Quán triệt cán bộ, công chức, người hoạt động không chuyên trách ở xã, thôn", 10),
        ("Rà soát, đánh giá điều kiện: cơ sở vật chất, trang thiết bị, tài chính, con người", 20),
        ("Đề xuất cấp trên tháo gỡ khó khăn, vướng mắc", 25),
        ("Rà soát, bổ sung các văn bản còn thiếu", 30),
        ("Chỉnh trang công sở, trang thiết bị phục vụ", 40),
        ("Xây dựng pa-nô, khẩu hiệu", 40),
        ("Niêm yết nội quy, quy định, biểu mẫu, thủ tục hành chính", 45),
        ("Tổ chức ra mắt mô hình", 60),
        ("Cán bộ, công chức ký cam kết thực hiện", 60),
        ("Tập huấn cán bộ, công chức và trưởng thôn", 75),
        ("Tuyên truyền trong nhân dân", 90),
    ];

    public static readonly IReadOnlyList<(ReadinessGroup Group, string Condition)> Readiness =
    [
        (ReadinessGroup.Facilities, "Bộ phận Một cửa có chỗ ngồi chờ, nước uống, nhà vệ sinh cho người dân"),
        (ReadinessGroup.Facilities, "Bảng niêm yết thủ tục hành chính, nội quy, biểu mẫu đặt nơi dễ thấy"),
        (ReadinessGroup.Facilities, "Lối đi cho người khuyết tật, người cao tuổi"),
        (ReadinessGroup.Equipment, "Máy tính, máy in, máy quét cho Bộ phận Một cửa"),
        (ReadinessGroup.Equipment, "Đường truyền Internet ổn định"),
        (ReadinessGroup.Equipment, "Máy tính bảng hoặc thiết bị để người dân đánh giá mức độ hài lòng"),
        (ReadinessGroup.Finance, "Kinh phí thực hiện mô hình được bố trí trong dự toán"),
        (ReadinessGroup.Finance, "Kinh phí chỉnh trang công sở, pa-nô, khẩu hiệu"),
        (ReadinessGroup.People, "Đủ công chức tại Bộ phận Một cửa theo quy định"),
        (ReadinessGroup.People, "Cán bộ biết tiếng dân tộc thiểu số ở địa phương"),
        (ReadinessGroup.People, "Cán bộ, công chức được tập huấn kỹ năng giao tiếp, ứng xử"),
    ];

    public static string DefaultCommitment(string modelName) =>
        $"Tôi cam kết thực hiện nghiêm túc mô hình “{modelName}”, lấy sự hài lòng của người dân, doanh nghiệp làm thước đo chất lượng phục vụ, và thực hiện quy tắc ứng xử:\n" +
        "5 biết: biết nghe dân nói; biết nói dân hiểu; biết làm dân tin; biết xin lỗi; biết cảm ơn.\n" +
        "3 không: không phiền hà, sách nhiễu; không né tránh trách nhiệm; không trễ hẹn trong quá trình xử lý công việc.\n" +
        "4 thể hiện: tôn trọng trong giao tiếp; văn minh, văn hóa, lịch sự trong giải quyết công việc; lắng nghe đầy đủ, hướng dẫn tận tình quy trình xử lý công việc; gần gũi, giải thích cặn kẽ những thắc mắc của người dân.";

    public static string StageName(ModelStage s) => s switch
    {
        ModelStage.Chosen => "Được chọn", ModelStage.Preparing => "Đang chuẩn bị", ModelStage.Launched => "Đã ra mắt",
        ModelStage.Operating => "Đang vận hành", _ => "Đã đánh giá",
    };

    public static string TaskStatusName(PlanTaskStatus s) => s switch
    {
        PlanTaskStatus.NotStarted => "Chưa làm", PlanTaskStatus.InProgress => "Đang làm", _ => "Hoàn thành",
    };

    public static string GroupName(ReadinessGroup g) => g switch
    {
        ReadinessGroup.Facilities => "Cơ sở vật chất", ReadinessGroup.Equipment => "Trang thiết bị", ReadinessGroup.Finance => "Tài chính", _ => "Con người",
    };

    public static string RatingName(ReadinessRating r) => r switch
    {
        ReadinessRating.Met => "Đạt", ReadinessRating.NotMet => "Chưa đạt", ReadinessRating.NeedsMore => "Cần bổ sung", _ => "Chưa đánh giá",
    };

    public static string EventKindName(ModelEventKind k) => k == ModelEventKind.Training ? "Tập huấn" : "Tuyên truyền";

    public static string AudienceName(EventAudience a) => a switch
    {
        EventAudience.Officials => "Cán bộ, công chức", EventAudience.VillageHeads => "Trưởng thôn, bản",
        EventAudience.Villagers => "Nhân dân thôn, bản", _ => "Nhiều đối tượng",
    };

    public static string InspectionStatusName(InspectionStatus s) => s switch
    {
        InspectionStatus.Planned => "Dự kiến", InspectionStatus.Done => "Đã kiểm tra", _ => "Đã hủy",
    };

    public static string RecommendationStatusName(RecommendationStatus s) => s switch
    {
        RecommendationStatus.Open => "Chưa thực hiện", RecommendationStatus.Reported => "Xã đã báo cáo", _ => "Đã hoàn thành",
    };

    public static string FileKindName(ModelFileKind k) => k switch
    {
        ModelFileKind.LaunchPhoto => "Ảnh lễ ra mắt", ModelFileKind.LaunchMinutes => "Biên bản lễ ra mắt", ModelFileKind.Decision => "Quyết định thành lập Ban",
        ModelFileKind.Regulation => "Quy chế hoạt động", ModelFileKind.TaskEvidence => "Minh chứng nhiệm vụ", _ => "Tài liệu tập huấn, tuyên truyền",
    };

    public static string RoleName(BoardRole r) => r switch { BoardRole.Head => "Trưởng ban", BoardRole.Deputy => "Phó trưởng ban", _ => "Thành viên" };
}

/// <summary>Figures of one commune's roll-out; null (N/A) where there is nothing to measure.</summary>
public sealed record RolloutFigures(decimal? PlanProgress, int LateTasks, decimal? Readiness, int Rated, decimal? SignedShare, int Signed, int Officials);

public static class RolloutMath
{
    /// <summary>
    /// Plan progress: the mean of the tasks' progress (a done task counts 100). Readiness: share of rated conditions that are
    /// met. Signed share: officials who signed the current text ÷ the commune's officials.
    /// </summary>
    public static RolloutFigures Figures(IReadOnlyCollection<(PlanTaskStatus Status, int Progress, DateOnly Due)> tasks, DateOnly today,
        IReadOnlyCollection<ReadinessRating> readiness, int signed, int officials)
    {
        var progress = tasks.Count == 0 ? (decimal?)null
            : Math.Round(tasks.Average(t => t.Status == PlanTaskStatus.Done ? 100m : Math.Clamp(t.Progress, 0, 100)), 1);
        var late = tasks.Count(t => t.Status != PlanTaskStatus.Done && t.Due < today);
        var rated = readiness.Count(r => r != ReadinessRating.NotRated);
        var ready = rated == 0 ? (decimal?)null : Math.Round(100m * readiness.Count(r => r == ReadinessRating.Met) / rated, 1);
        var share = officials == 0 ? (decimal?)null : Math.Round(100m * Math.Min(signed, officials) / officials, 1);
        return new RolloutFigures(progress, late, ready, rated, share, signed, officials);
    }

    /// <summary>
    /// Places points (latitude, longitude) in a width × height box with a margin, north up, keeping distances true to scale
    /// (longitude shrunk by the cosine of the middle latitude). One point, or points in one place, land in the middle.
    /// </summary>
    public static List<(double X, double Y)> Fit(IReadOnlyList<(double Latitude, double Longitude)> points, double width, double height, double margin)
    {
        if (points.Count == 0) return [];
        var (minLat, maxLat) = (points.Min(p => p.Latitude), points.Max(p => p.Latitude));
        var (minLon, maxLon) = (points.Min(p => p.Longitude), points.Max(p => p.Longitude));
        var k = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var spanX = (maxLon - minLon) * k;
        var spanY = maxLat - minLat;
        var (innerW, innerH) = (width - 2 * margin, height - 2 * margin);
        var scale = spanX == 0 && spanY == 0 ? 0 : Math.Min(spanX == 0 ? double.MaxValue : innerW / spanX, spanY == 0 ? double.MaxValue : innerH / spanY);
        var (offX, offY) = (margin + (innerW - spanX * scale) / 2, margin + (innerH - spanY * scale) / 2);
        return points.Select(p => (Math.Round(offX + (p.Longitude - minLon) * k * scale, 1), Math.Round(offY + (maxLat - p.Latitude) * scale, 1))).ToList();
    }
}
