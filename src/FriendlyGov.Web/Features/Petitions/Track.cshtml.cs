using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>The sender's private page: where the petition is, the answer, and the two things only the sender does (add information, confirm).</summary>
[EnableRateLimiting(Shared.ClientLimits.CitizenSubmissions)]
public sealed class TrackModel(PetitionQueries petitions, SenderSteps sender, FriendlyGov.Core.Data.AppDbContext db) : PageModel
{
    public PetitionView View { get; private set; } = null!;
    public PetitionTrackingDto Tracking { get; private set; } = null!;
    [BindProperty] public RatingInput Input { get; set; } = new();
    [BindProperty] public string? Info { get; set; }
    public bool New { get; private set; }
    public string Key { get; private set; } = "";
    /// <summary>The withdrawal token when the sender receives messages about this petition.</summary>
    public string? StopToken { get; private set; }
    /// <summary>Every official's reading of the petition, for its sender.</summary>
    public List<Readings.ReadView> Reads { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, bool moi = false)
    {
        if (!await LoadAsync(key)) return NotFound();
        New = moi;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string key)
    {
        ModelState.Clear();
        var outcome = await sender.ConfirmAsync(key, Input, HttpContext.Connection.RemoteIpAddress?.ToString());
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok) return await Refuse(key, outcome.Failure!);
        return Redirect($"/phan-anh/{key}");
    }

    public async Task<IActionResult> OnPostInfoAsync(string key)
    {
        ModelState.Clear();
        var outcome = await sender.ProvideInfoAsync(key, Info);
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok) return await Refuse(key, outcome.Failure!);
        return Redirect($"/phan-anh/{key}");
    }

    private async Task<IActionResult> Refuse(string key, Failure failure)
    {
        // The sender's page has one field of its own (the information asked for); every other message goes above the forms.
        foreach (var e in failure.Messages) ModelState.AddModelError(e.Field == "Info" ? "Info" : "", e.Message);
        if (!await LoadAsync(key)) return NotFound();
        Response.StatusCode = Problems.StatusOf(failure);
        return Page();
    }

    private async Task<bool> LoadAsync(string key)
    {
        if (await petitions.ByKeyAsync(key) is not { } p) return false;
        Key = key;
        View = await petitions.ViewOfAsync(p);
        Tracking = PetitionsSetup.ToTracking(View);
        StopToken = p.NotifyBy is null ? null : Notifications.NotificationRaiser.WithdrawToken(HttpContext.RequestServices, "p", key);
        Reads = await Readings.OfAsync(db, p, ct: HttpContext.RequestAborted);
        return true;
    }
}
