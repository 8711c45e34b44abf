using FriendlyGov.Core.Domain;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>What the shared rating form needs: the answers so far, and whether it runs on the counter kiosk.</summary>
public sealed record RatingFormView(RatingInput Input, bool Kiosk = false, IReadOnlyList<(string Id, string Name, string? Title)>? Officials = null)
{
    /// <summary>
    /// Each level with a small drawn face. Inline SVG, not emoji: the fonts of cheap phones and of kiosk
    /// tablets miss some emoji and would show an empty box; colour and mouth shape both carry the level.
    /// </summary>
    public static readonly (SatisfactionLevel Level, string Face)[] Levels =
    [
        (SatisfactionLevel.VerySatisfied, Face("#2e7d32", "M7 13.5 Q12 19.5 17 13.5")),
        (SatisfactionLevel.Satisfied, Face("#689f38", "M8 14.5 Q12 17.5 16 14.5")),
        (SatisfactionLevel.Neutral, Face("#f9a825", "M8 15.5 L16 15.5")),
        (SatisfactionLevel.Dissatisfied, Face("#ef6c00", "M8 16.8 Q12 13.8 16 16.8")),
        (SatisfactionLevel.VeryDissatisfied, Face("#c62828", "M7 17.8 Q12 12 17 17.8")),
    ];

    private static string Face(string colour, string mouth) =>
        $"<svg class=\"face\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"12\" cy=\"12\" r=\"11\" fill=\"{colour}\"/>" +
        $"<circle cx=\"8.5\" cy=\"9.5\" r=\"1.4\" fill=\"#fff\"/><circle cx=\"15.5\" cy=\"9.5\" r=\"1.4\" fill=\"#fff\"/>" +
        $"<path d=\"{mouth}\" stroke=\"#fff\" stroke-width=\"1.8\" fill=\"none\" stroke-linecap=\"round\"/></svg>";

    public static string AspectName(SipasAspect a) => a switch
    {
        SipasAspect.Access => "Tiếp cận dịch vụ (nơi làm việc, niêm yết, hướng dẫn)",
        SipasAspect.Procedure => "Thủ tục hành chính (giấy tờ, phí, thời hạn)",
        SipasAspect.Official => "Công chức trực tiếp giải quyết",
        SipasAspect.Result => "Kết quả giải quyết",
        _ => "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
    };
}
