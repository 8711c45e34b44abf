using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

public static class UnitLookups
{
    /// <summary>The commune-level unit with this official code, or null (also for a province's or a village's code).</summary>
    public static Task<AdministrativeUnit?> CommuneByCodeAsync(this AppDbContext db, string? code) =>
        string.IsNullOrWhiteSpace(code)
            ? Task.FromResult<AdministrativeUnit?>(null)
            : db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code.Trim() && u.Level == UnitLevel.Commune);
}
