using FriendlyGov.Core.Domain;

namespace FriendlyGov.Web.Shared;

/// <summary>Small rules every form's service applies to free text.</summary>
public static class InputRules
{
    /// <summary>Trimmed text, or null when nothing was typed.</summary>
    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Refuses text longer than <paramref name="max"/> characters once trimmed, with the Vietnamese message.</summary>
    public static void Limit(List<RuleViolation> errors, string field, string? value, int max)
    {
        if (value?.Trim().Length > max) errors.Add(new(field, $"Tối đa {max:N0} ký tự.".Replace(",", ".")));
    }
}
