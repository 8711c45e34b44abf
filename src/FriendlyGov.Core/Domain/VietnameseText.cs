using System.Globalization;
using System.Text;

namespace FriendlyGov.Core.Domain;

public static class VietnameseText
{
    /// <summary>Lower-case, without diacritics, đ → d: so "Chieng sinh" finds "Chiềng Sinh".</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c == 'đ' ? 'd' : c);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
