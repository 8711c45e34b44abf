using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Democracy;

/// <summary>Dân biết, dân bàn: drafts open for comment, land clearance consensus (counts), and the thank-you board of land donors.</summary>
public sealed class PublicDemocracyModel(AppDbContext db, Consultations consultations, Clearance clearance) : PageModel
{
    public AdministrativeUnit Unit { get; private set; } = null!;
    public List<Consultation> Items { get; private set; } = [];
    public List<ProjectView> Projects { get; private set; } = [];
    public (List<LandDonation> Named, List<DonationTotals> ByVillage, List<DonationTotals> ByRoad, DonationTotals All) Thanks { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit) return NotFound();
        Unit = unit;
        Items = await consultations.ListAsync(unit.Id);
        foreach (var (p, _) in await clearance.ProjectsAsync(unit.Id, publicView: true))
            if (await clearance.ProjectAsync(p.Id, publicView: true) is { } v) Projects.Add(v);
        Thanks = await clearance.ThanksAsync(unit.Id);
        return Page();
    }
}
