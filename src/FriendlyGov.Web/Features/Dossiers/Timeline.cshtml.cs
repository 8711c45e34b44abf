using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Accounts;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>
/// The page the receipt's QR code opens: where the dossier is, in plain Vietnamese. A signed-in citizen can save it to
/// "Hồ sơ của tôi" here (<see cref="RecordClaims"/>).
/// </summary>
public sealed class TimelineModel(Tracking tracking, AppDbContext db, UserManager<ApplicationUser> users, RecordClaims claims) : PageModel
{
    public TrackingDto Dossier { get; private set; } = null!;
    /// <summary>The withdrawal token when the applicant receives messages about this dossier.</summary>
    public string? StopToken { get; private set; }
    public string Key { get; private set; } = "";
    /// <summary>Whether the reader is a signed-in citizen, and whether the dossier is already in their account.</summary>
    public bool Citizen { get; private set; }
    public bool InMyAccount { get; private set; }
    [BindProperty] public string? CitizenId { get; set; }

    public async Task<IActionResult> OnGetAsync(string key) => await LoadAsync(key) ? Page() : NotFound();

    public async Task<IActionResult> OnPostClaimAsync(string key)
    {
        ModelState.Clear();
        if (users.GetUserId(User) is not { } me) return Challenge();
        if (!User.IsInRole(Roles.Citizen)) return Forbid();
        var outcome = await claims.ClaimDossierAsync(key, CitizenId, me, HttpContext.RequestAborted);
        if (outcome.Missing) return NotFound();
        if (outcome.Failure is { } failure)
        {
            foreach (var e in failure.Messages) ModelState.AddModelError(e.Field == "CitizenId" ? "CitizenId" : "", e.Message);
            if (!await LoadAsync(key)) return NotFound();
            Response.StatusCode = Problems.StatusOf(failure);
            return Page();
        }
        this.Notice("Đã lưu hồ sơ vào Hồ sơ của tôi.");
        return Redirect("/tai-khoan/ho-so");
    }

    private async Task<bool> LoadAsync(string key)
    {
        if (await tracking.ByKeyAsync(key) is not { } t) return false;
        (Dossier, Key) = (t, key);
        Citizen = User.IsInRole(Roles.Citizen);
        var me = Citizen ? users.GetUserId(User) : null;
        var state = await db.Dossiers.IgnoreQueryFilters().AsNoTracking().Where(d => d.TrackingKey == key)
            .Select(d => new { Notify = d.NotifyBy != null, Mine = me != null && d.CitizenUserId == me }).FirstOrDefaultAsync();
        if (state?.Notify == true) StopToken = Notifications.NotificationRaiser.WithdrawToken(HttpContext.RequestServices, "d", key);
        InMyAccount = state?.Mine == true;
        return true;
    }
}
