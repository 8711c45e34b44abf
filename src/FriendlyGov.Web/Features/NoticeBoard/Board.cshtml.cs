using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.NoticeBoard;

/// <summary>The commune's public notice board: by category, year and words (with or without diacritics).</summary>
public sealed class BoardModel(AppDbContext db, Disclosures disclosures) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Nhom { get; set; }
    [BindProperty(SupportsGet = true)] public string? Nam { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "lich-su")] public bool History { get; set; }
    public AdministrativeUnit Unit { get; private set; } = null!;
    public List<(Core.Data.Disclosure Item, DisclosureState State)> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit) return NotFound();
        Unit = unit;
        int? year = int.TryParse(Nam, out var y) && y is >= 2000 and <= 2100 ? y : null;
        Items = await disclosures.PublicListAsync(unit.Id, DisclosureRules.BySlug(Nhom)?.Category, year, Q?.Length > 200 ? Q[..200] : Q, History);
        return Page();
    }
}
