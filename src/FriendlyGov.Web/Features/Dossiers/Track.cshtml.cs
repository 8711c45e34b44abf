using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>Tra cứu hồ sơ: the citizen types the code and the last four digits of their phone.</summary>
[EnableRateLimiting(DossiersSetup.TrackingLimit)]
public sealed class TrackModel(Tracking tracking) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "ma")] public string? Code { get; set; }
    [BindProperty(SupportsGet = true, Name = "so")] public string? PhoneLast4 { get; set; }
    public bool NotFoundMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Code is null && PhoneLast4 is null) return Page();
        if (await tracking.KeyByCodeAsync(Code, PhoneLast4) is { } key) return Redirect($"/tra-cuu/{key}");
        NotFoundMessage = true;
        return Page();
    }
}
