using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

public static class UnitLookups
{
    /// <summary>The commune-level unit with this official code, or null (also for a province's or a village's code).</summary>
    public static Task<AdministrativeUnit?> CommuneByCodeAsync(this AppDbContext db, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return Task.FromResult<AdministrativeUnit?>(null);
        var trimmed = code.Trim();
        return db.CachedAsync("commune:" + trimmed, () => CommuneByCode.For(db)(db, trimmed));
    }

    /// <summary>Each of these units' full name ("xã Chiềng Sinh"), by id, in one query.</summary>
    public static async Task<Dictionary<int, string>> UnitNamesAsync(this AppDbContext db, IEnumerable<int> unitIds, CancellationToken ct = default)
    {
        var ids = unitIds.Distinct().ToList();
        return await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
    }

    // Compiled once: asked on nearly every commune request.
    private static readonly PerModel<Func<AppDbContext, string, Task<AdministrativeUnit?>>> CommuneByCode = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string code) => db.Units.AsNoTracking().FirstOrDefault(u => u.Code == code && u.Level == UnitLevel.Commune)));
}
