using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>Staff link a petition to an earlier open one on the same matter: one answer serves both.</summary>
public sealed class LinkPetition(AppDbContext db, TimeProvider clock, IUnitScope scope, UnitAccess access)
{
    /// <summary>Links a petition to an earlier open one on the same matter: the earlier one's answer will serve both.</summary>
    public async Task<Outcome<Petition>> HandleAsync(string code, string toCode, int version, ClaimsPrincipal actor)
    {
        var p = await db.Petitions.FirstOrDefaultAsync(x => x.Code == code);
        if (p is null || !await access.MayAsync(actor, p.UnitId, UnitOperations.Change)) return Outcome<Petition>.NotFound();
        RefusedException.IfStale(version, p.Version, "Phản ánh");
        var main = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(x => x.Code == toCode);
        if (PetitionRoles.MayLink(Roles.CommuneStaff.Any(actor.IsInRole), ActOnPetition.ActorOf(actor, p)) is { } role)
            return Outcome<Petition>.Invalid([role]);
        if (main is null) return Outcome<Petition>.Invalid([new("DuplicateOf", "Chọn một phản ánh khác của cùng đơn vị.")]);
        if (await db.Petitions.AnyAsync(x => x.DuplicateOfId == p.Id))
            return Outcome<Petition>.Invalid([new("DuplicateOf", "Phản ánh này đã có phản ánh khác gộp vào: gộp theo chiều ngược lại.")]);
        if (p.LinkTo(main) is { } refused) return Outcome<Petition>.Refused(refused);
        var now = clock.GetUtcNow().UtcDateTime;
        db.PetitionEvents.Add(PetitionRecords.Event(scope, p, PetitionAction.Linked, now, $"Cùng nội dung với phản ánh {main.Code}: được trả lời chung."));
        await db.SaveChangesAsync();
        return Outcome<Petition>.Success(p);
    }

}
