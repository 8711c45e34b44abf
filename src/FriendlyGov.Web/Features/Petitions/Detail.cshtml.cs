using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>One petition for staff: the sender's contact (for the handling unit), the clock, similar petitions, and each step.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(AppDbContext db, PetitionQueries petitions, PetitionCatalog catalog, ActOnPetition act, LinkPetition link, Notifications.NotificationLog notifications) : PageModel
{
    [BindProperty] public PetitionActInput Act { get; set; } = new();
    [BindProperty] public string? LinkTo { get; set; }
    public PetitionView View { get; private set; } = null!;
    public Notifications.SentView Sent { get; private set; } = null!;
    public bool SeesContact { get; private set; }
    public bool Leader { get; private set; }
    public bool Handler { get; private set; }
    public bool New { get; private set; }
    public List<(string Id, string Name, string? Title)> Staff { get; private set; } = [];
    public List<AdministrativeUnit> Targets { get; private set; } = [];
    /// <summary>A handler's answer goes to the leader first in this unit.</summary>
    public bool NeedsApproval { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, bool moi = false)
    {
        if (!await LoadAsync(code)) return NotFound();
        New = moi;
        await Readings.RecordAsync(db, User, View.Petition, Readings.PetitionPage, SeesContact, HttpContext.RequestAborted);
        if (Leader) Reads = await Readings.OfAsync(db, View.Petition, ct: HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Who has read this petition (its unit's leaders see it, as its sender does on their own page).</summary>
    public List<Readings.ReadView>? Reads { get; private set; }

    public async Task<IActionResult> OnPostActAsync(string code)
    {
        ModelState.Clear();
        var outcome = await act.HandleAsync(code, Act, User);
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok) return await RefuseAsync(code, outcome.Failure!);
        this.Notice("Đã thực hiện: {0}", PetitionLifecycle.ActionName(Act.Action));
        return Redirect($"/can-bo/phan-anh/{code}");
    }

    public async Task<IActionResult> OnPostLinkAsync(string code)
    {
        ModelState.Clear();
        var outcome = await link.HandleAsync(code, LinkTo ?? "", Act.Version, User);
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok) return await RefuseAsync(code, outcome.Failure!);
        this.Notice("Đã thực hiện: {0}", PetitionLifecycle.ActionName(PetitionAction.Linked));
        return Redirect($"/can-bo/phan-anh/{code}");
    }

    private async Task<IActionResult> RefuseAsync(string code, Failure failure)
    {
        this.Refuse(failure, "Act");
        if (!await LoadAsync(code)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(string code)
    {
        if (await petitions.ViewAsync(code) is not { } v) return false;
        View = v;
        var p = v.Petition;
        SeesContact = PetitionsSetup.SeesContact(HttpContext, v);
        Sent = new(p.NotifyBy, await notifications.ForAsync(null, p.Code), SeesContact);
        Leader = ActOnPetition.IsLeaderOf(User, p);
        Handler = Leader || p.AssigneeId == User.FindFirstValue(ClaimTypes.NameIdentifier);
        NeedsApproval = !Leader && await act.AnswersNeedApprovalAsync(p.UnitId);
        Act.Version = p.Version;
        if (SeesContact || Leader) Staff = await catalog.StaffAsync(p.UnitId);
        if (Leader)
        {
            // Where a petition can go: the province above, or another commune of it.
            var province = await ProvinceOfAsync(p.UnitId);
            Targets = await db.Units.AsNoTracking().Where(u => u.SuccessorId == null && u.Id != p.UnitId
                    && (u.Id == province || u.Level == UnitLevel.Commune && (u.ParentId == province || db.Units.Any(d => d.Id == u.ParentId && d.ParentId == province))))
                .OrderBy(u => u.Level).ThenBy(u => u.Name).ToListAsync();
        }
        return true;
    }

    private async Task<int?> ProvinceOfAsync(int unitId)
    {
        int? id = unitId;
        for (var i = 0; i < 4 && id is int current; i++)
        {
            var u = await db.Units.AsNoTracking().FirstAsync(x => x.Id == current);
            if (u.Level == UnitLevel.Province) return u.Id;
            id = u.ParentId;
        }
        return null;
    }
}
