using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

/// <summary>A serving official: account id, full name and title, and the roles they hold in their unit.</summary>
public sealed record Official(int UnitId, string Id, string Name, string? Title, IReadOnlyList<string> Roles, string? UserName = null)
{
    public string Label => string.IsNullOrWhiteSpace(Title) ? Name : $"{Name} — {Title}";
}

/// <summary>The officials serving in communes, by role: whom a dossier can be given to, whom a citizen may name in a rating.</summary>
public sealed class Officials(AppDbContext db, TimeProvider clock)
{
    /// <summary>The active officials of these units holding any of <paramref name="roles"/>, by name, in one query.</summary>
    public async Task<List<Official>> OfAsync(IReadOnlyCollection<int> unitIds, params string[] roles)
    {
        var rows = await (from u in db.Users.AsNoTracking()
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where u.UnitId != null && unitIds.Contains(u.UnitId.Value) && roles.Contains(r.Name!)
                          select new { UnitId = u.UnitId!.Value, u.Id, u.UserName, u.FullName, u.JobTitle, u.LockoutEnd, Role = r.Name! }).ToListAsync();
        // A locked account (someone who left) is not offered; SQLite cannot compare offsets, so this part runs here.
        var now = clock.GetUtcNow();
        return rows.Where(r => r.LockoutEnd is null || r.LockoutEnd < now).GroupBy(r => r.Id)
            .Select(g => new Official(g.First().UnitId, g.Key, g.First().FullName, g.First().JobTitle, g.Select(r => r.Role).Distinct().ToList(), g.First().UserName))
            .OrderBy(o => o.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false)).ThenBy(o => o.Id).ToList();
    }

    /// <summary>The commune's officials who serve at a step held by <paramref name="role"/>.</summary>
    public Task<List<Official>> AtStepAsync(int unitId, string role) => OfAsync([unitId], role);
}
