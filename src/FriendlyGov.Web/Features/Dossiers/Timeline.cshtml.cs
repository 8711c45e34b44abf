using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>The page the receipt's QR code opens: where the dossier is, in plain Vietnamese.</summary>
public sealed class TimelineModel(Tracking tracking) : PageModel
{
    public TrackingDto Dossier { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string key)
    {
        if (await tracking.ByKeyAsync(key) is not { } t) return NotFound();
        Dossier = t;
        return Page();
    }
}
