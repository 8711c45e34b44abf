using FriendlyGov.Core.Domain;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>What the shared rating form needs: the answers so far, and whether it runs on the counter kiosk.</summary>
public sealed record RatingFormView(RatingInput Input, bool Kiosk = false, IReadOnlyList<(string Id, string Name, string? Title)>? Officials = null)
{
    public static readonly (SatisfactionLevel Level, string Face)[] Levels =
    [
        (SatisfactionLevel.VerySatisfied, "😄"), (SatisfactionLevel.Satisfied, "🙂"), (SatisfactionLevel.Neutral, "😐"),
        (SatisfactionLevel.Dissatisfied, "🙁"), (SatisfactionLevel.VeryDissatisfied, "😠"),
    ];

    public static string AspectName(SipasAspect a) => a switch
    {
        SipasAspect.Access => "Tiếp cận dịch vụ (nơi làm việc, niêm yết, hướng dẫn)",
        SipasAspect.Procedure => "Thủ tục hành chính (giấy tờ, phí, thời hạn)",
        SipasAspect.Official => "Công chức trực tiếp giải quyết",
        SipasAspect.Result => "Kết quả giải quyết",
        _ => "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
    };
}
