using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>The page the receipt's QR code opens: where the dossier is, in plain Vietnamese.</summary>
public sealed class TimelineModel(Tracking tracking, FriendlyGov.Core.Data.AppDbContext db) : PageModel
{
    public TrackingDto Dossier { get; private set; } = null!;
    /// <summary>The withdrawal token when the applicant receives messages about this dossier.</summary>
    public string? StopToken { get; private set; }
    public string Key { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string key)
    {
        if (await tracking.ByKeyAsync(key) is not { } t) return NotFound();
        (Dossier, Key) = (t, key);
        if (await db.Dossiers.IgnoreQueryFilters().AnyAsync(d => d.TrackingKey == key && d.NotifyBy != null))
            StopToken = Notifications.NotificationRaiser.WithdrawToken(HttpContext.RequestServices, "d", key);
        return Page();
    }
}
