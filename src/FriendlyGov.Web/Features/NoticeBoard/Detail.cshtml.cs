using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.NoticeBoard;

/// <summary>One disclosure as the public reads it: summary, attachments previewed, table and chart, versions.</summary>
public sealed class DetailModel(AppDbContext db, Disclosures disclosures) : PageModel
{
    public AdministrativeUnit Unit { get; private set; } = null!;
    public DisclosureView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, int id)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit || await disclosures.ViewAsync(id, staffView: false) is not { } v || v.Item.UnitId != unit.Id) return NotFound();
        (Unit, View) = (unit, v);
        return Page();
    }
}
