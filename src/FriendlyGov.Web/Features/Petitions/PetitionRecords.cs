using System.Security.Cryptography;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>What every petition use case writes the same way: its history's lines, its codes and its private keys.</summary>
public static class PetitionRecords
{
    /// <summary>A line of the petition's history, signed by the actor, the sender ("Người gửi") or the system.</summary>
    public static PetitionEvent Event(IUnitScope scope, Petition p, PetitionAction a, DateTime at, string? note, bool system = false, string? byName = null) => new()
    {
        UnitId = p.UnitId, PetitionId = p.Id, At = at, Action = a, Status = p.Status, Note = string.IsNullOrWhiteSpace(note) ? null : note,
        ByName = byName ?? (system ? "Hệ thống" : scope.ActorName), ByUserId = system || byName is not null ? null : scope.ActorId,
    };

    /// <summary>The random key of the sender's private link.</summary>
    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Numbers and adds the petition. Codes read well over the phone: PA-03298-251125-007 (unit, day, number of the day); a
    /// number taken meanwhile by another submission is retried with the next one inside the caller's transaction.
    /// </summary>
    public static async Task NumberAsync(AppDbContext db, Petition p, AdministrativeUnit unit, DateTime local)
    {
        var prefix = $"PA-{unit.Code}-{local:yyMMdd}-";
        var taken = await db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().CountAsync(x => x.Code.StartsWith(prefix));
        for (var attempt = 1; ; attempt++)
        {
            p.Code = $"{prefix}{taken + attempt:000}";
            if (p.Id == 0) db.Petitions.Add(p);
            try
            {
                await db.SaveChangesAsync();
                return;
            }
            catch (DbUpdateException) when (attempt < 8 && db.Database.CurrentTransaction is not null)
            {
                // A number taken meanwhile: EF Core rolled back to its savepoint; try the next number.
            }
        }
    }
}
