using System.Diagnostics.CodeAnalysis;

namespace FriendlyGov.Core.Domain;

/// <summary>
/// What a reader who may see a record, but whose work does not need the person's details, sees in their place (Decree
/// 13/2023: minimisation): enough to recognise, not to call, write to or identify.
/// </summary>
public static class Masking
{
    /// <summary>"0977****21", "l***@gmail.com".</summary>
    [return: NotNullIfNotNull(nameof(contact))]
    public static string? Contact(string? contact)
    {
        if (string.IsNullOrEmpty(contact)) return contact;
        var at = contact.IndexOf('@');
        if (at > 0) return contact[..1] + "***" + contact[at..];
        return contact.Length <= 6 ? new string('*', Math.Max(contact.Length, 3)) : contact[..4] + new string('*', contact.Length - 6) + contact[^2..];
    }

    /// <summary>A citizen ID number: the last three digits ("•••••••••234").</summary>
    public static string CitizenId(string id) => id.Length <= 3 ? "***" : new string('•', id.Length - 3) + id[^3..];
}
