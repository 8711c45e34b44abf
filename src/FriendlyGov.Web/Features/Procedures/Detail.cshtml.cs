using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Procedures;

public sealed class DetailModel(AppDbContext db, Catalog catalog) : PageModel
{
    public AdministrativeUnit Unit { get; private set; } = null!;
    public Procedure Procedure { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, string procedure)
    {
        if (await ProceduresSetup.CommuneAsync(db, code) is not { } unit || await catalog.DetailAsync(unit.Id, procedure) is not { } p) return NotFound();
        (Unit, Procedure) = (unit, p);
        return Page();
    }
}
