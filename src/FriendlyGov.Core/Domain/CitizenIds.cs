namespace FriendlyGov.Core.Domain;

/// <summary>
/// The 12-digit citizen identification number (số định danh cá nhân / CCCD): 3 digits of the province where the birth was
/// registered (Circular 07/2016/TT-BCA), 1 digit of sex and century of birth, 2 digits of the year of birth, 6 random digits.
/// </summary>
public static class CitizenIds
{
    private static readonly HashSet<string> ProvinceCodes =
    [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025", "026", "027",
        "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054",
        "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084",
        "086", "087", "089", "091", "092", "093", "094", "095", "096",
    ];

    /// <summary>Null when valid, otherwise the reason in Vietnamese.</summary>
    public static string? Problem(string? id, int currentYear)
    {
        if (string.IsNullOrWhiteSpace(id)) return "Nhập số định danh cá nhân (12 chữ số trên thẻ Căn cước).";
        id = id.Trim();
        if (id.Length != 12 || !id.All(char.IsAsciiDigit)) return "Số định danh cá nhân gồm đúng 12 chữ số.";
        if (!ProvinceCodes.Contains(id[..3])) return "Ba chữ số đầu không phải mã tỉnh nơi đăng ký khai sinh.";
        var centuryDigit = id[3] - '0';
        var birthYear = 1900 + centuryDigit / 2 * 100 + int.Parse(id.AsSpan(4, 2));
        if (birthYear > currentYear) return "Năm sinh trong số định danh không hợp lệ.";
        return null;
    }
}
