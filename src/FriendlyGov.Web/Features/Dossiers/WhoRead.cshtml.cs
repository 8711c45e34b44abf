using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>
/// Ai đã xem hồ sơ của bạn: every reading of the dossier by an official, from the commune's sealed log, for the citizen who
/// holds the receipt's link (Decree 13/2023: the data subject is told how their data is processed).
/// </summary>
public sealed class WhoReadModel(AppDbContext db, Tracking tracking) : PageModel
{
    public string Code { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public List<Readings.ReadView> Reads { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? key)
    {
        if (await tracking.DossierByKeyAsync(key) is not { } d) return NotFound();
        (Code, Key) = (d.Code, d.TrackingKey);
        CommuneCode = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == d.UnitId).Select(u => u.Code).FirstAsync();
        Reads = await Readings.OfAsync(db, d, ct: HttpContext.RequestAborted);
        return Page();
    }
}
