using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>Đánh giá sau khi nhận kết quả: the receipt's second QR code and the tracking page lead here; one rating per dossier.</summary>
[EnableRateLimiting(SatisfactionSetup.RatingLimit)]
public sealed class RateDossierModel(Ratings ratings) : PageModel
{
    [BindProperty] public RatingInput Input { get; set; } = new();
    public Dossier Dossier { get; private set; } = null!;
    public string? OfficialName { get; private set; }
    public DateTime? RatedAt { get; private set; }
    public bool Thanks { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, [FromQuery(Name = "da-gui")] bool sent = false)
    {
        if (!await LoadAsync(key)) return NotFound();
        Thanks = sent && RatedAt is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key)
    {
        if (!await LoadAsync(key)) return NotFound();
        if (this.RefuseUnreadableValues("Input")) return Page();
        var outcome = await ratings.ForDossierAsync(key, Input, HttpContext.Connection.RemoteIpAddress?.ToString());
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok)
        {
            this.Refuse(outcome.Failure!);
            return Page();
        }
        return Redirect($"/danh-gia/{key}?da-gui=true");
    }

    private async Task<bool> LoadAsync(string key)
    {
        if (await ratings.DossierByKeyAsync(key) is not { } d) return false;
        Dossier = d;
        OfficialName = (await ratings.OfficialOfAsync(d)).Name;
        RatedAt = await ratings.RatedAtAsync(d.Id);
        return true;
    }
}
