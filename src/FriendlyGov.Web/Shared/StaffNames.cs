using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// The name an official signs with, for every paper and timeline people read: records keep the account that acted (the login,
/// unambiguous, what the audit log names), papers show the official's full name and, on signed papers, the title. Looked up
/// once per account per request. A stored name that is no account (typed by hand, a system job) is shown as it is.
/// </summary>
public sealed class StaffNames(AppDbContext db)
{
    private readonly Dictionary<string, (string Name, string? Title)?> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _byId = new(StringComparer.Ordinal);

    /// <summary>The full name (and title) of the account with this id, e.g. the official holding a dossier; null when unknown.</summary>
    public async Task<string?> NameOfIdAsync(string? userId, bool withTitle = false)
    {
        if (string.IsNullOrEmpty(userId)) return null;
        if (!_byId.TryGetValue(userId, out var userName))
            _byId[userId] = userName = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync();
        return userName is null ? null : await NameAsync(userName, withTitle);
    }

    public async Task<string?> NameAsync(string? stored, bool withTitle = false)
    {
        if (string.IsNullOrWhiteSpace(stored)) return stored;
        if (!_seen.TryGetValue(stored, out var found))
            _seen[stored] = found = await db.Users.AsNoTracking().Where(u => u.UserName == stored)
                .Select(u => new { u.FullName, u.JobTitle }).FirstOrDefaultAsync() is { } u ? (u.FullName, u.JobTitle) : null;
        if (found is not { } f) return stored;
        return withTitle && !string.IsNullOrWhiteSpace(f.Title) ? $"{f.Name}, {f.Title}" : f.Name;
    }
}
