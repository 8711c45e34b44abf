using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Features.Dossiers;
using FriendlyGov.Web.Features.Petitions;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Staff;

/// <summary>One case waiting on someone: a dossier or a petition, its step, its due date and the working days left.</summary>
public sealed record QueueItem(bool IsDossier, string Code, string Title, string Step, string Href, DateTime? DueUtc, double? WorkingDaysLeft,
    bool Late, string? HolderId, string? WaitingRole);

/// <summary>
/// Hàng đợi: the cases waiting for one official (held by them, or unassigned at a step of their role) and, for the leader, the
/// whole commune's with who holds each. Late first (the most overdue at the top), then due soonest.
/// </summary>
public sealed class WorkQueue(AppDbContext db, Processing processing, Petitions.PetitionQueries petitions, Calendars calendars, TimeProvider clock)
{
    /// <summary>The statuses still open, named (an IN list the index on unit and status serves; a NOT IN of the final ones read
    /// every dossier the commune ever had: 358 ms against 1 ms at 33,000 dossiers in a commune).</summary>
    private static readonly DossierStatus[] Open = [.. Enum.GetValues<DossierStatus>().Where(s => !DossierLifecycle.IsFinal(s))];

    /// <summary>The commune's open dossiers with their clocks (the desk's counts read them too, so they are read once).</summary>
    public async Task<List<DossierView>> OpenDossiersAsync() =>
        await processing.ViewsOfAsync(await db.Dossiers.AsNoTracking().Where(d => Open.Contains(d.Status)).ToListAsync());

    /// <summary>The commune's open petitions the reader sees, with their clocks.</summary>
    public Task<List<PetitionRow>> OpenPetitionsAsync(ClaimsPrincipal user) => petitions.ListAsync(new PetitionFilter("open", Take: 5000), user);

    /// <summary>Every open case of the reader's commune (the tenant filter keeps it there), with its holder and step.</summary>
    public async Task<List<QueueItem>> CommuneAsync(ClaimsPrincipal user) => await ItemsAsync(await OpenDossiersAsync(), await OpenPetitionsAsync(user));

    /// <summary>The queue's items from dossiers and petitions already read, late first.</summary>
    public async Task<List<QueueItem>> ItemsAsync(IReadOnlyList<DossierView> dossiers, IReadOnlyList<PetitionRow> openPetitions)
    {
        var items = new List<QueueItem>();
        foreach (var v in dossiers)
        {
            var d = v.Dossier;
            items.Add(new QueueItem(true, d.Code, d.ProcedureName, DossierLifecycle.VietnameseName(d.Status), $"/can-bo/ho-so/{d.Code}",
                v.Timeliness.EffectiveDue is DateTime due ? VietnamTime.ToUtc(due) : null, v.WorkingDaysLeft, v.Late, d.AssigneeId, v.WaitingRole));
        }
        var now = VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime);
        foreach (var r in openPetitions)
        {
            var p = r.Petition;
            var calendar = await calendars.ForUnitAsync(p.UnitId);
            double? left = p.Status == PetitionStatus.NeedsInfo ? null : calendar.WorkingMinutesBetween(now, VietnamTime.FromUtc(r.Due)) / calendar.Hours.MinutesPerDay;
            // A petition waits for the leader until it is assigned and while its answer awaits approval, for its handler in
            // between, and for the sender while information is asked.
            var atLeader = p.Status is PetitionStatus.Received or PetitionStatus.AwaitingApproval || p.AssigneeId is null && p.Status != PetitionStatus.NeedsInfo;
            items.Add(new QueueItem(false, p.Code, p.Title, PetitionLifecycle.VietnameseName(p.Status), $"/can-bo/phan-anh/{p.Code}", r.Due, left,
                r.Overdue, atLeader ? null : p.AssigneeId, atLeader ? Roles.CommuneLeader : null));
        }
        return [.. items.OrderBy(i => i.WorkingDaysLeft is null).ThenBy(i => i.WorkingDaysLeft).ThenBy(i => i.Code, StringComparer.Ordinal)];
    }

    /// <summary>What waits for this official: what they hold, and what waits unassigned at a step of one of their roles.</summary>
    public async Task<List<QueueItem>> MineAsync(ClaimsPrincipal user) => [.. (await CommuneAsync(user)).Where(i => IsFor(i, user))];

    /// <summary>Whether the item waits for this official: they hold it, or nobody does and it is at a step of their role.</summary>
    public static bool IsFor(QueueItem item, ClaimsPrincipal user) =>
        item.HolderId == user.FindFirstValue(ClaimTypes.NameIdentifier) || item.HolderId is null && item.WaitingRole is { } role && user.IsInRole(role);
}
