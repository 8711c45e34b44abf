using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>Tra cứu hồ sơ: the citizen types the code and the last four digits of their phone.</summary>
[EnableRateLimiting(DossiersSetup.TrackingLimit)]
public sealed class TrackModel(Tracking tracking, Petitions.PetitionQueries petitions, TrackingLimits limits) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "ma")] public string? Code { get; set; }
    [BindProperty(SupportsGet = true, Name = "so")] public string? PhoneLast4 { get; set; }
    public bool NotFoundMessage { get; private set; }
    public bool Limited { get; private set; }
    /// <summary>The timeline, shown here: the receipt's key (and its rating link) is never handed to someone who knows the digits.</summary>
    public TrackingDto? Dossier { get; private set; }
    /// <summary>A petition's code (PA-…) finds the petition the same way, read only.</summary>
    public Petitions.PetitionTrackingDto? Petition { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Code is null && PhoneLast4 is null) return Page();
        if (Code?.Trim().StartsWith("PA-", StringComparison.OrdinalIgnoreCase) == true)
        {
            // The same limit per code as for dossiers: guessing the four digits of a petition takes weeks too.
            Limited = !limits.Allow(Code);
            if (!Limited) Petition = await petitions.ByCodeAsync(Code, PhoneLast4);
        }
        else (Dossier, Limited) = await tracking.ByCodeAsync(Code, PhoneLast4);
        NotFoundMessage = Dossier is null && Petition is null && !Limited;
        if (Limited) Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }
}
