namespace FriendlyGov.Core.Domain;

/// <summary>What a commune discloses (Law 10/2022/QH15 on grassroots democracy, Art. 11).</summary>
public enum DisclosureCategory
{
    SocioEconomic = 1,   // kế hoạch phát triển kinh tế - xã hội và kết quả thực hiện
    Budget = 2,          // dự toán, tình hình thực hiện, quyết toán ngân sách
    Investment = 3,      // dự án, công trình đầu tư và tiến độ
    LandRecovery = 4,    // thu hồi đất, bồi thường, hỗ trợ, tái định cư
    LandUsePlanning = 5, // quy hoạch, kế hoạch sử dụng đất; quy hoạch xây dựng
    SocialSupport = 6,   // danh sách đối tượng hưởng chính sách an sinh xã hội
    InspectionResults = 7, // kết quả thanh tra, kiểm tra
    RulesProcedures = 8, // nội quy, quy chế, thủ tục hành chính
    Other = 9,
}

/// <summary>The life of a disclosure as the public board shows it.</summary>
public enum DisclosureState { Draft = 1, Posted = 2, PeriodFulfilled = 3, Archived = 4, TakenDown = 5, Superseded = 6 }

public sealed record DisclosureCategoryInfo(DisclosureCategory Category, string Slug, string Name, int DefaultDays, int MinimumDays);

/// <summary>
/// Posting periods and the state of a disclosure. A period of N days starting on the posting date D covers D … D+N−1; it is
/// fulfilled from D+N. Where the law asks for a minimum (30 days for what is put to the people or touches land, budgets and
/// beneficiary lists), a shorter period is refused; elsewhere the category's default is a proposal the commune may change.
/// </summary>
public static class DisclosureRules
{
    public const int MaxDays = 3650;

    public static readonly IReadOnlyList<DisclosureCategoryInfo> Categories =
    [
        new(DisclosureCategory.SocioEconomic, "kinh-te-xa-hoi", "Kế hoạch phát triển kinh tế - xã hội", 30, 0),
        new(DisclosureCategory.Budget, "ngan-sach", "Dự toán, thực hiện, quyết toán ngân sách", 30, 30),
        new(DisclosureCategory.Investment, "dau-tu", "Dự án, công trình đầu tư", 30, 0),
        new(DisclosureCategory.LandRecovery, "thu-hoi-dat", "Thu hồi đất, bồi thường, hỗ trợ, tái định cư", 30, 30),
        new(DisclosureCategory.LandUsePlanning, "quy-hoach", "Quy hoạch, kế hoạch sử dụng đất, xây dựng", 30, 30),
        new(DisclosureCategory.SocialSupport, "an-sinh", "Đối tượng hưởng chính sách an sinh xã hội", 30, 30),
        new(DisclosureCategory.InspectionResults, "thanh-tra-kiem-tra", "Kết quả thanh tra, kiểm tra", 30, 0),
        new(DisclosureCategory.RulesProcedures, "quy-che-thu-tuc", "Nội quy, quy chế, thủ tục hành chính", 30, 0),
        new(DisclosureCategory.Other, "khac", "Nội dung khác", 30, 0),
    ];

    public static DisclosureCategoryInfo Info(DisclosureCategory c) => Categories.First(x => x.Category == c);

    public static DisclosureCategoryInfo? BySlug(string? slug) => Categories.FirstOrDefault(x => x.Slug == slug);

    /// <summary>Null when the period is acceptable for the category, else why not (Vietnamese).</summary>
    public static string? PeriodProblem(DisclosureCategory c, int days)
    {
        var info = Info(c);
        if (days < 1 || days > MaxDays) return $"Thời gian niêm yết từ 1 đến {MaxDays} ngày.";
        if (days < info.MinimumDays) return $"“{info.Name}” phải niêm yết ít nhất {info.MinimumDays} ngày.";
        return null;
    }

    /// <summary>The first day the period is fulfilled.</summary>
    public static DateOnly FulfilledOn(DateOnly postedOn, int days) => postedOn.AddDays(days);

    public static DisclosureState State(DateOnly? postedOn, int days, bool takenDown, bool archived, bool superseded, DateOnly today) =>
        takenDown ? DisclosureState.TakenDown
        : superseded ? DisclosureState.Superseded
        : archived ? DisclosureState.Archived
        : postedOn is not DateOnly d || d > today ? DisclosureState.Draft
        : today >= FulfilledOn(d, days) ? DisclosureState.PeriodFulfilled
        : DisclosureState.Posted;

    public static string StateName(DisclosureState s) => s switch
    {
        DisclosureState.Draft => "Dự thảo, chưa niêm yết", DisclosureState.Posted => "Đang niêm yết",
        DisclosureState.PeriodFulfilled => "Đã đủ thời gian niêm yết", DisclosureState.Archived => "Đã lưu trữ",
        DisclosureState.TakenDown => "Đã gỡ trước hạn", _ => "Đã được thay thế bằng bản đính chính",
    };
}
