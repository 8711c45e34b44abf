using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>
/// Công khai trả lời phản ánh, kiến nghị: the commune's answers the senders agreed to publish. No phone or address ever; the
/// sender's name only where they chose to show it. Searchable with or without diacritics.
/// </summary>
public sealed class BoardModel(AppDbContext db, PetitionCatalog catalog) : PageModel
{
    public const int PageSize = 20;
    public AdministrativeUnit Unit { get; private set; } = null!;
    public List<Petition> Items { get; private set; } = [];
    public Dictionary<int, long?> FirstPhoto { get; private set; } = [];
    public List<PetitionCategory> Categories { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "linh-vuc")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang"), System.ComponentModel.DataAnnotations.Range(1, 100_000, ErrorMessage = "Số trang không hợp lệ.")] public int PageNumber { get; set; } = 1;
    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit) return NotFound();
        Unit = unit;
        Categories = await catalog.CategoriesAsync(unit.Id, activeOnly: false);
        if (PageNumber < 1) PageNumber = 1;
        var q = db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(p => p.UnitId == unit.Id).Where(PetitionLifecycle.IsPublicQuery);
        if (!string.IsNullOrWhiteSpace(Category)) q = q.Where(p => p.CategoryCode == Category);
        List<Petition> rows;
        if (string.IsNullOrWhiteSpace(Q))
            rows = await q.OrderByDescending(p => p.PublishedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        else
        {
            // Folding is done here, the same way for text and query, so "duong" finds "đường" on both databases.
            // Every word must appear, in any order, with or without diacritics: "sat lo hoi no" finds "sạt lở ... Hới Nọ".
            var words = VietnameseText.Fold(Q).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(12).ToArray();
            rows = (await q.OrderByDescending(p => p.PublishedAt).Take(2000).ToListAsync())
                .Where(p => VietnameseText.Fold($"{p.Code} {p.Title} {p.Content} {p.Answer} {p.VillageName}") is var text && words.All(text.Contains))
                .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToList();
        }
        HasMore = rows.Count > PageSize;
        Items = rows.Take(PageSize).ToList();
        var ids = Items.Select(p => p.Id).ToList();
        FirstPhoto = (await db.PetitionPhotos.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(x => ids.Contains(x.PetitionId))
            .GroupBy(x => x.PetitionId).Select(g => new { g.Key, Id = g.Min(x => x.Id) }).ToListAsync()).ToDictionary(x => x.Key, x => (long?)x.Id);
        return Page();
    }
}
