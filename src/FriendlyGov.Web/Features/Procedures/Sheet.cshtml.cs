using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using FriendlyGov.Web.Shared;

namespace FriendlyGov.Web.Features.Procedures;

/// <summary>The A4 sheet for the notice board at the commune house, with a QR code to the procedure's page.</summary>
[FriendlyGov.Web.Shared.PrintedForm]
public sealed class SheetModel(AppDbContext db, Catalog catalog) : PageModel
{
    public AdministrativeUnit Unit { get; private set; } = null!;
    public Procedure Procedure { get; private set; } = null!;
    public string QrSvg { get; private set; } = "";
    public string PageUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, string procedure)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit || await catalog.DetailAsync(unit.Id, procedure) is not { } p) return NotFound();
        (Unit, Procedure) = (unit, p);
        PageUrl = Request.PublicUrl($"/xa/{unit.Code}/thu-tuc/{p.Code}");
        QrSvg = Catalog.QrSvg(PageUrl);
        return Page();
    }
}
