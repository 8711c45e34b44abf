using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Procedures;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.NoticeBoard;

/// <summary>The A4 notice for the physical board at the commune house and the villages, with a QR code to the page.</summary>
[FriendlyGov.Web.Shared.PrintedForm]
public sealed class NoticeModel(AppDbContext db, Disclosures disclosures) : PageModel
{
    public AdministrativeUnit Unit { get; private set; } = null!;
    public DisclosureView View { get; private set; } = null!;
    public string QrSvg { get; private set; } = "";
    public string PageUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, int id)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit || await disclosures.ViewAsync(id, staffView: false) is not { } v || v.Item.UnitId != unit.Id) return NotFound();
        (Unit, View) = (unit, v);
        PageUrl = Request.PublicUrl($"/xa/{unit.Code}/cong-khai/{id}");
        QrSvg = Catalog.QrSvg(PageUrl);
        return Page();
    }
}
