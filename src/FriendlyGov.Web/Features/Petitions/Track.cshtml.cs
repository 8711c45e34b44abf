using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>
/// The sender's private page: where the petition is, the answer, and what only the sender does (add information, confirm, save it
/// to their account).
/// </summary>
[EnableRateLimiting(Shared.ClientLimits.CitizenSubmissions)]
public sealed class TrackModel(PetitionQueries petitions, SenderSteps sender, FriendlyGov.Core.Data.AppDbContext db,
    Microsoft.AspNetCore.Identity.UserManager<FriendlyGov.Core.Data.ApplicationUser> users, Accounts.RecordClaims claims) : PageModel
{
    /// <summary>Whether the reader is a signed-in citizen, whether the petition is already in their account, and whether it has a phone to prove it is theirs.</summary>
    public bool Citizen { get; private set; }
    public bool InMyAccount { get; private set; }
    public bool HasPhone { get; private set; }
    [BindProperty] public string? ClaimPhone { get; set; }
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

    /// <summary>Lưu vào Phản ánh của tôi (<see cref="Accounts.RecordClaims"/>).</summary>
    public async Task<IActionResult> OnPostClaimAsync(string key)
    {
        ModelState.Clear();
        if (users.GetUserId(User) is not { } me) return Challenge();
        if (!User.IsInRole(FriendlyGov.Core.Data.Roles.Citizen)) return Forbid();
        var outcome = await claims.ClaimPetitionAsync(key, ClaimPhone, me, HttpContext.RequestAborted);
        if (outcome.Missing) return NotFound();
        if (outcome.Failure is { } failure)
        {
            // Every refusal (a wrong phone, too many tries) is said beside the claim's own field, not above the other forms.
            foreach (var e in failure.Messages) ModelState.AddModelError(nameof(ClaimPhone), e.Message);
            if (!await LoadAsync(key)) return NotFound();
            Response.StatusCode = Problems.StatusOf(failure);
            return Page();
        }
        this.Notice("Đã lưu phản ánh vào Phản ánh của tôi.");
        return Redirect("/tai-khoan/phan-anh");
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
        Citizen = User.IsInRole(FriendlyGov.Core.Data.Roles.Citizen);
        InMyAccount = Citizen && p.CitizenUserId is { } owner && owner == users.GetUserId(User);
        HasPhone = p.SenderPhone is not null;
        return true;
    }
}
