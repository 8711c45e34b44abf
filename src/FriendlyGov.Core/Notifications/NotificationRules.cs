using System.Text;
using System.Text.RegularExpressions;

namespace FriendlyGov.Core.Domain;

public enum NotificationChannel { Email = 1, Sms = 2, Zalo = 3 }

public enum NotificationStatus
{
    /// <summary>Waiting in the outbox (first try, or a retry after <see cref="Notification.NextAttemptAt"/>).</summary>
    Pending = 0,
    /// <summary>An instance holds it and is handing it to the channel.</summary>
    Sending = 1,
    /// <summary>The provider accepted it.</summary>
    Sent = 2,
    /// <summary>The provider reported it reached the phone (delivery report).</summary>
    Delivered = 3,
    /// <summary>Every try failed, or the provider refused it for good: a leader may send it again by hand.</summary>
    Failed = 4,
    /// <summary>Not sent: the citizen withdrew, the commune turned the moment off, or the channel is not configured.</summary>
    Cancelled = 5,
}

/// <summary>The moments a citizen or an official is told about. Numbers are stored: never renumber.</summary>
public enum NotificationMoment
{
    DossierSubmitted = 1, DossierReceived = 2, SupplementRequested = 3, ApologyApproved = 4, ResultReady = 5, ResultReturned = 6,
    PetitionReceived = 10, PetitionNeedsInfo = 11, PetitionAnswered = 12, PetitionTransferred = 13, PetitionResolvedCheck = 14,
    ConsultationOpened = 20, SubscriptionConfirm = 21,
    StaffAssigned = 30, StaffDigest = 31, ProposalAnswered = 32, RecommendationDue = 33,
}

/// <summary>A template's wording: subject (e-mail only) and body, with {placeholders}.</summary>
public sealed record TemplateText(string? Subject, string Body);

/// <summary>The rules of messages: which placeholders each moment has, the built-in wording, rendering and checks.</summary>
public static partial class NotificationRules
{
    /// <summary>Placeholders every citizen message may use.</summary>
    private static readonly string[] Common = ["ten_xa", "lien_ket", "huy_nhan"];

    public static readonly IReadOnlyDictionary<NotificationMoment, string[]> Placeholders = new Dictionary<NotificationMoment, string[]>
    {
        [NotificationMoment.DossierSubmitted] = [.. Common, "ma_ho_so", "thu_tuc"],
        [NotificationMoment.DossierReceived] = [.. Common, "ma_ho_so", "thu_tuc", "han_tra"],
        [NotificationMoment.SupplementRequested] = [.. Common, "ma_ho_so", "thu_tuc", "giay_to_bo_sung"],
        [NotificationMoment.ApologyApproved] = [.. Common, "ma_ho_so", "thu_tuc", "ly_do", "ngay_hen_moi"],
        [NotificationMoment.ResultReady] = [.. Common, "ma_ho_so", "thu_tuc", "noi_nhan", "mang_theo", "phi"],
        [NotificationMoment.ResultReturned] = [.. Common, "ma_ho_so", "thu_tuc", "danh_gia"],
        [NotificationMoment.PetitionReceived] = [.. Common, "ma_phan_anh", "han_tra_loi"],
        [NotificationMoment.PetitionNeedsInfo] = [.. Common, "ma_phan_anh", "noi_dung"],
        [NotificationMoment.PetitionAnswered] = [.. Common, "ma_phan_anh", "tra_loi"],
        [NotificationMoment.PetitionTransferred] = [.. Common, "ma_phan_anh", "don_vi_moi"],
        [NotificationMoment.PetitionResolvedCheck] = [.. Common, "ma_phan_anh"],
        [NotificationMoment.ConsultationOpened] = [.. Common, "tieu_de", "thon", "han_gop_y"],
        [NotificationMoment.SubscriptionConfirm] = [.. Common, "thon"],
        [NotificationMoment.StaffAssigned] = ["ten_xa", "lien_ket", "ma_ho_so", "thu_tuc", "han_tra"],
        [NotificationMoment.StaffDigest] = ["ten_xa", "lien_ket", "so_tre_han", "so_sap_den_han", "danh_sach"],
        [NotificationMoment.ProposalAnswered] = ["ten_xa", "lien_ket", "tieu_de", "tra_loi", "don_vi_tra_loi"],
        [NotificationMoment.RecommendationDue] = ["ten_xa", "lien_ket", "noi_dung", "han"],
    };

    public static bool ForStaff(NotificationMoment m) => m >= NotificationMoment.StaffAssigned;

    /// <summary>Whether a commune's switches (<c>CommuneProfile.MutedMoments</c>, one bit per moment) turned the moment off.</summary>
    public static bool IsMuted(long mutedMoments, NotificationMoment m) => (mutedMoments & (1L << (int)m)) != 0;

    /// <summary>The switches that turn off exactly these moments.</summary>
    public static long MuteMask(IEnumerable<NotificationMoment> off) => off.Aggregate(0L, (bits, m) => bits | (1L << (int)m));

    /// <summary>Where a message on the channel goes: the e-mail address, or the phone for SMS and Zalo.</summary>
    public static string? AddressFor(NotificationChannel channel, string? email, string? phone) => channel == NotificationChannel.Email ? email : phone;

    /// <summary>The moment's name as the commune's settings and the log show it.</summary>
    public static string Label(NotificationMoment m) => m switch
    {
        NotificationMoment.DossierSubmitted => "Đã nhận hồ sơ nộp trực tuyến",
        NotificationMoment.DossierReceived => "Tiếp nhận hồ sơ, hẹn trả kết quả",
        NotificationMoment.SupplementRequested => "Yêu cầu bổ sung hồ sơ",
        NotificationMoment.ApologyApproved => "Thư xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
        NotificationMoment.ResultReady => "Có kết quả, mời đến nhận",
        NotificationMoment.ResultReturned => "Đã trả kết quả, mời đánh giá",
        NotificationMoment.PetitionReceived => "Đã nhận phản ánh, kiến nghị",
        NotificationMoment.PetitionNeedsInfo => "Đề nghị bổ sung thông tin phản ánh",
        NotificationMoment.PetitionAnswered => "Đã trả lời phản ánh, kiến nghị",
        NotificationMoment.PetitionTransferred => "Đã chuyển phản ánh đến đơn vị khác",
        NotificationMoment.PetitionResolvedCheck => "Hỏi lại: vấn đề đã được giải quyết chưa?",
        NotificationMoment.ConsultationOpened => "Lấy ý kiến nhân dân ở thôn, bản",
        NotificationMoment.SubscriptionConfirm => "Xác nhận đăng ký nhận tin lấy ý kiến",
        NotificationMoment.StaffAssigned => "Cán bộ: được giao hồ sơ",
        NotificationMoment.StaffDigest => "Cán bộ: tóm tắt buổi sáng (trễ hạn, sắp đến hạn)",
        NotificationMoment.ProposalAnswered => "Lãnh đạo xã: cấp trên trả lời đề xuất",
        NotificationMoment.RecommendationDue => "Lãnh đạo xã: kiến nghị sau kiểm tra sắp đến hạn",
        _ => m.ToString(),
    };

    public static string Label(NotificationChannel c) => c switch
    {
        NotificationChannel.Email => "Thư điện tử",
        NotificationChannel.Sms => "Tin nhắn SMS",
        NotificationChannel.Zalo => "Zalo",
        _ => c.ToString(),
    };

    public static string Label(NotificationStatus s) => s switch
    {
        NotificationStatus.Pending => "Đang chờ gửi",
        NotificationStatus.Sending => "Đang gửi",
        NotificationStatus.Sent => "Đã gửi",
        NotificationStatus.Delivered => "Đã đến người nhận",
        NotificationStatus.Failed => "Gửi không được",
        NotificationStatus.Cancelled => "Không gửi",
        _ => s.ToString(),
    };

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>The template with each {name} replaced by its value (an absent value becomes empty).</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        PlaceholderPattern().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "");

    /// <summary>What is wrong with a template for a moment: unknown placeholders, unbalanced braces, emptiness, length.</summary>
    public static List<string> Problems(NotificationMoment moment, NotificationChannel channel, string? subject, string body)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(body)) problems.Add("Nội dung không được để trống.");
        if (channel == NotificationChannel.Email && string.IsNullOrWhiteSpace(subject)) problems.Add("Thư điện tử cần có tiêu đề.");
        var known = Placeholders[moment];
        foreach (var text in new[] { subject ?? "", body ?? "" })
        {
            foreach (Match m in PlaceholderPattern().Matches(text))
                if (!known.Contains(m.Groups[1].Value))
                    problems.Add($"Không có trường {{{m.Groups[1].Value}}} cho thông báo này. Các trường dùng được: {string.Join(", ", known.Select(k => "{" + k + "}"))}.");
            var stripped = PlaceholderPattern().Replace(text, "");
            if (stripped.Contains('{') || stripped.Contains('}')) problems.Add("Dấu ngoặc { } chưa đóng mở đúng.");
        }
        if (!ForStaff(moment) && !(body ?? "").Contains("{huy_nhan}") && channel == NotificationChannel.Email)
            problems.Add("Thư gửi người dân phải có đường dẫn từ chối nhận tin {huy_nhan}.");
        if (channel == NotificationChannel.Sms && (body ?? "").Length > 480) problems.Add("Tin nhắn SMS tối đa 480 ký tự (3 tin).");
        return [.. problems.Distinct()];
    }

    /// <summary>The SMS-safe form: Vietnamese without diacritics (đ → d), for providers and phones without Unicode.</summary>
    public static string WithoutDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>How many SMS segments a text takes (GSM 160/153 per part; Unicode 70/67).</summary>
    public static int SmsSegments(string text)
    {
        var unicode = text.Any(c => c > 127);
        var (single, part) = unicode ? (70, 67) : (160, 153);
        return text.Length <= single ? 1 : (text.Length + part - 1) / part;
    }

    /// <summary>When a try that failed is tried again: 1, 5, 15, 60 minutes, then it has failed for good.</summary>
    public static TimeSpan? RetryAfter(int attemptsMade) => attemptsMade switch
    {
        1 => TimeSpan.FromMinutes(1),
        2 => TimeSpan.FromMinutes(5),
        3 => TimeSpan.FromMinutes(15),
        4 => TimeSpan.FromMinutes(60),
        _ => null,
    };

    /// <summary>
    /// Quiet hours (Vietnam time, e.g. 21:00–07:00): an SMS due inside them waits for their end; e-mail and Zalo do not wait.
    /// </summary>
    public static DateTime NotBefore(DateTime localNow, TimeOnly quietFrom, TimeOnly quietTo)
    {
        var t = TimeOnly.FromDateTime(localNow);
        var inside = quietFrom <= quietTo ? t >= quietFrom && t < quietTo : t >= quietFrom || t < quietTo;
        if (!inside) return localNow;
        var end = localNow.Date + quietTo.ToTimeSpan();
        return end > localNow ? end : end.AddDays(1);
    }

    /// <summary>A phone number as providers want it: 84 and the number without its leading 0.</summary>
    public static string InternationalPhone(string phone)
    {
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        return digits.StartsWith('0') ? "84" + digits[1..] : digits;
    }
}
