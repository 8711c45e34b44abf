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
