namespace FriendlyGov.Core.Domain;

/// <summary>Small rules every form's service applies to free text.</summary>
public static class InputRules
{
    /// <summary>
    /// A phone number as people write it ("0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678") in the one
    /// form the rules check and the records keep: digits only, the national 0 prefix. Anything else is left for the rule to
    /// refuse with its message. Applied in the setters of the input models, so pages, the API and imports all get it.
    /// </summary>
    public static string? Phone(string? s)
    {
        if (s is null) return null;
        var t = s.Trim();
        var compact = new string(t.Where(c => c is not (' ' or '.' or '-' or '(' or ')' or '\u00A0')).ToArray());
        if (compact.StartsWith("+84") && compact.Length > 3 && compact[3..].All(char.IsAsciiDigit)) compact = "0" + compact[3..];
        else if (compact.StartsWith("84") && compact.Length == 11 && compact.All(char.IsAsciiDigit)) compact = "0" + compact[2..];
        return compact.All(char.IsAsciiDigit) ? compact : t;
    }

    /// <summary>A Vietnamese phone number as the records keep it (after <see cref="Phone"/>): ten digits, the first 0.</summary>
    public static bool IsPhone(string? s) => s is { Length: 10 } && s[0] == '0' && s.All(char.IsAsciiDigit);

    /// <summary>An e-mail address the records accept: at most 200 characters, and an address .NET can parse.</summary>
    public static bool IsEmail(string? s) => s is { Length: > 0 and <= 200 } && System.Net.Mail.MailAddress.TryCreate(s, out _);

    /// <summary>Text echoed back in a message, cut to <paramref name="max"/> characters.</summary>
    public static string Shorten(string s, int max) => s.Length > max ? s[..max] + "…" : s;

    /// <summary>Trimmed text, or null when nothing was typed.</summary>
    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Refuses text longer than <paramref name="max"/> characters once trimmed, with the Vietnamese message.</summary>
    public static void Limit(List<RuleViolation> errors, string field, string? value, int max)
    {
        if (value?.Trim().Length > max) errors.Add(new(field, $"Tối đa {max:N0} ký tự.".Replace(",", ".")));
    }
}
