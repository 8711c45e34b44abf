using System.Globalization;

namespace FriendlyGov.Web.Shared;

/// <summary>A point typed into a form (WGS 84), and the check that it lies in Viet Nam.</summary>
public static class Coordinates
{
    /// <summary>
    /// The point as typed: "21.5912" or "21,5912" whatever the page's language (the culture's binder would read the
    /// Vietnamese "21.5912" as 215912). Something unreadable becomes NaN, which <see cref="Problem"/> refuses.
    /// </summary>
    public static (double? Latitude, double? Longitude) Read(HttpRequest request, string latField = "Lat", string lngField = "Lng")
    {
        static double? Parse(string? s) => string.IsNullOrWhiteSpace(s) ? null
            : double.TryParse(s.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
        return request.HasFormContentType ? (Parse(request.Form[latField]), Parse(request.Form[lngField])) : (null, null);
    }

    /// <summary>Null when both are empty or both make a point in Viet Nam; otherwise the reason, in Vietnamese.</summary>
    public static string? Problem(double? latitude, double? longitude) =>
        latitude is double != longitude is double ? "Vị trí trên bản đồ cần cả vĩ độ và kinh độ."
        : latitude is double la && longitude is double lo && !(la is >= 8 and <= 24 && lo is >= 102 and <= 110)
            ? "Vị trí không hợp lệ hoặc không nằm trong lãnh thổ Việt Nam (ví dụ: vĩ độ 21.5912, kinh độ 103.4021)."
        : null;

    public static string Format(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";
}
