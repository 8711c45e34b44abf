using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using FriendlyGov.Web.Shared;

namespace FriendlyGov.Web.Features.Procedures;

public sealed class DetailModel(AppDbContext db, Catalog catalog, StoredFiles files) : PageModel
{
    public AdministrativeUnit Unit { get; private set; } = null!;
    public Procedure Procedure { get; private set; } = null!;
    public List<(int Id, string Name, string FileName, long Size)> Forms { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, string procedure)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit || await catalog.DetailAsync(unit.Id, procedure) is not { } p) return NotFound();
        (Unit, Procedure) = (unit, p);
        Forms = await catalog.FormsAsync(p.Id);
        return Page();
    }

    /// <summary>Downloads a blank form of this posted procedure (public).</summary>
    public async Task<IActionResult> OnGetFormAsync(string code, string procedure, int id)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit || await catalog.DetailAsync(unit.Id, procedure) is not { } p
            || await catalog.FormAsync(p.Id, id) is not { } form) return NotFound();
        return File(await files.ReadAsync(form, HttpContext.RequestAborted), form.ContentType, form.FileName);
    }
}
