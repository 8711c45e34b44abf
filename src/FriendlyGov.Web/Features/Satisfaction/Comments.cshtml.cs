using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>Ý kiến đánh giá: the ratings themselves. Officials read their own without knowing who wrote them.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CommentsModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "don-vi")] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "tu")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "den")] public DateOnly? To { get; set; }
    public List<RatingDto> Ratings { get; private set; } = [];
    public bool OwnOnly => !SatisfactionReport.SeesEveryOfficial(User);

    public async Task<IActionResult> OnGetAsync()
    {
        var outcome = await SatisfactionSetup.RatingListAsync(db, HttpContext, Unit, From, To);
        if (!outcome.Ok) return NotFound();
        Ratings = outcome.Value!;
        return Page();
    }
}
