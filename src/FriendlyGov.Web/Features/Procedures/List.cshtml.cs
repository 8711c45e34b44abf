using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using FriendlyGov.Web.Shared;

namespace FriendlyGov.Web.Features.Procedures;

/// <summary>Niêm yết thủ tục hành chính: the commune's procedures, searchable on any phone, no script needed.</summary>
public sealed class ListModel(AppDbContext db, Catalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "linh-vuc")] public string? Field { get; set; }
    public AdministrativeUnit Unit { get; private set; } = null!;
    public List<ProcedureSummary> Procedures { get; private set; } = [];
    public List<string> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit) return NotFound();
        Unit = unit;
        Fields = (await catalog.ListAsync(unit.Id, null, null)).Select(p => p.Field).Distinct().ToList();
        Procedures = await catalog.ListAsync(unit.Id, Q, Field);
        return Page();
    }
}
