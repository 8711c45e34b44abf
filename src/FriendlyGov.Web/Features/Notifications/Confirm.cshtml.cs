using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Notifications;

/// <summary>The second half of the double opt-in: the link in the confirmation message, and one button.</summary>
public sealed class ConfirmModel(SystemContexts system, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "k")] public string? Key { get; set; }
    public AreaSubscription? Subscription { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await using var db = system.Open("người dân");
        return await FindAsync(db) ? Page() : Invalid();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await using var db = system.Open("người dân (xác nhận nhận tin)");
        if (!await FindAsync(db)) return Invalid();
        if (Subscription!.ConfirmedAt is null && Subscription.WithdrawnAt is null) Subscription.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        Done = true;
        return Page();
    }

    private async Task<bool> FindAsync(AppDbContext db)
    {
        if (string.IsNullOrEmpty(Key) || Key.Length > 32) return false;
        Subscription = await db.AreaSubscriptions.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Key == Key);
        return Subscription is not null;
    }

    private IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Subscription = null;
        return Page();
    }
}
