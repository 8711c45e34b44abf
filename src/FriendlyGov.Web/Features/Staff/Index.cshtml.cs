using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Staff;

/// <summary>Bàn làm việc: where an officer starts the day. For a supervisor, the communes they oversee.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(AppDbContext db, IUnitScope scope, FriendlyGov.Web.Features.Satisfaction.FollowUps followUps,
    Desk desk, WorkQueue queue, Officials officials, FriendlyGov.Web.Features.Petitions.PetitionQueries petitions) : PageModel
{
    /// <summary>Hồ sơ, phản ánh chờ tôi: what this official holds or may take at their step, late first.</summary>
    public List<QueueItem> Queue { get; private set; } = [];
    /// <summary>For the leader: every open case of the commune, and who holds how many.</summary>
    public List<QueueItem> Commune { get; private set; } = [];
    public List<(string Name, int Held, int Late)> ByOfficial { get; private set; } = [];
    public List<(string Role, int Waiting)> Unassigned { get; private set; } = [];

    /// <summary>Việc cần làm: what waits for this person, late first.</summary>
    public List<DeskItem> ToDo { get; private set; } = [];
    /// <summary>Open petitions: all, mine, due within a working day, overdue (for a supervisor: escalated to them).</summary>
    public (int Open, int Mine, int DueSoon, int Overdue) Petitions { get; private set; }
    public (int Open, int Overdue) FollowUps { get; private set; }
    public AdministrativeUnit? Unit { get; private set; }
    public List<AdministrativeUnit> Communes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var home = User.UnitId();
        Unit = home is int id ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id) : null;
        if (User.IsInRole(Roles.CommuneLeader)) FollowUps = await followUps.CountsAsync();
        // Commune staff: the open dossiers and petitions are read once for the to-do counts and the queue. Above the commune only
        // counts are shown, counted without reading an area's backlog whole.
        var communeStaff = Roles.CommuneStaff.Any(User.IsInRole) && home is not null;
        var open = communeStaff ? await queue.OpenPetitionsAsync(User) : [];
        var dossiers = communeStaff ? await queue.OpenDossiersAsync() : null;
        var me = User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier);
        Petitions = communeStaff
            ? (open.Count, open.Count(r => r.Petition.AssigneeId == me), open.Count(r => r.DueSoon),
                open.Count(r => FriendlyGov.Web.Features.Petitions.PetitionQueries.IsLateFor(User.IsInRole(Roles.Supervisor), r.Overdue, r.Escalation)))
            : await petitions.OpenCountsAsync(User);
        // The petitions and follow-ups already counted for the cards join the to-do list, late first.
        ToDo = [.. Desk.FromCounts(Petitions, FollowUps, User.IsInRole(Roles.Supervisor)).Concat(await desk.ItemsAsync(User, dossiers)).OrderByDescending(i => i.Urgent)];
        if (dossiers is not null && home is int unitId)
        {
            Commune = await queue.ItemsAsync(dossiers, open);
            Queue = [.. Commune.Where(i => WorkQueue.IsFor(i, User))];
            if (User.IsInRole(Roles.CommuneLeader))
            {
                var names = (await officials.OfAsync([unitId], Roles.CommuneStaff)).ToDictionary(o => o.Id, o => o.Name);
                ByOfficial = [.. Commune.Where(i => i.HolderId is not null).GroupBy(i => i.HolderId!)
                    .Select(g => (names.GetValueOrDefault(g.Key) ?? "—", g.Count(), g.Count(i => i.Late))).OrderByDescending(x => x.Item3).ThenByDescending(x => x.Item2)];
                Unassigned = [.. Commune.Where(i => i.HolderId is null && i.WaitingRole is not null).GroupBy(i => i.WaitingRole!)
                    .Select(g => (g.Key, g.Count()))];
            }
            else Commune = [];
        }
        if (User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.Admin))
        {
            var ids = scope.ReadableUnitIds;
            Communes = await db.Units.AsNoTracking()
                .Where(u => u.Level == UnitLevel.Commune && u.EffectiveTo == null && u.SuccessorId == null && (!scope.IsRestricted || ids.Contains(u.Id)))
                .OrderBy(u => u.Code).ToListAsync();
        }
    }
}
