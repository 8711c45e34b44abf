using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>Góp ý, đánh giá bất cứ lúc nào: about the commune's service in general, or about one official.</summary>
[EnableRateLimiting(SatisfactionSetup.RatingLimit)]
public sealed class RateCommuneModel(AppDbContext db, Ratings ratings) : PageModel
{
    [BindProperty] public RatingInput Input { get; set; } = new();
    public AdministrativeUnit Unit { get; private set; } = null!;
    public List<(string Id, string Name, string? Title)> Officials { get; private set; } = [];
    public bool Thanks { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, [FromQuery(Name = "can-bo")] string? official, [FromQuery(Name = "da-gui")] bool sent = false)
    {
        if (!await LoadAsync(code)) return NotFound();
        Input.OfficialId = official;
        Thanks = sent;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code)
    {
        if (!await LoadAsync(code)) return NotFound();
        if (this.RefuseUnreadableValues("Input")) return Page();
        var outcome = await ratings.ForCommuneAsync(Unit, Input, HttpContext.Connection.RemoteIpAddress?.ToString());
        if (!outcome.Ok)
        {
            this.Refuse(outcome.Failure!);
            return Page();
        }
        return Redirect($"/xa/{Unit.Code}/danh-gia?da-gui=true");
    }

    private async Task<bool> LoadAsync(string code)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit || !unit.IsCurrent) return false;
        Unit = unit;
        Officials = await ratings.OfficialsAsync(unit.Id);
        return true;
    }
}
