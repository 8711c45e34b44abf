using System.Security.Cryptography;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Notifications;

/// <summary>
/// The link in every message to a citizen: one click to the page, one button to stop (a button, so that a mail scanner
/// following links does not unsubscribe anybody). Messages not yet sent are withheld.
/// </summary>
public sealed class WithdrawModel(IDataProtectionProvider protection, SystemContexts system) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }
    public string? Code { get; private set; }
    public bool IsPetition { get; private set; }
    /// <summary>A village subscription (messages about consultations), named by its village.</summary>
    public bool IsSubscription { get; private set; }
    public bool Done { get; private set; }
    public bool AlreadyOff { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await using var db = system.Open("người dân");
        return await FindAsync(db) is null ? Invalid() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await using var db = system.Open("người dân (từ chối nhận tin)");
        var found = await FindAsync(db);
        if (found is null) return Invalid();
        if (found is Dossier d) d.NotifyBy = null;
        if (found is Petition p) p.NotifyBy = null;
        if (found is AreaSubscription sub)
        {
            sub.WithdrawnAt ??= DateTime.UtcNow;
            foreach (var n in await db.Notifications.IgnoreQueryFilters().Where(n => n.UnitId == sub.UnitId && n.Recipient == sub.Recipient
                && n.Moment == NotificationMoment.ConsultationOpened && n.Status == NotificationStatus.Pending).ToListAsync())
                (n.Status, n.LastError) = (NotificationStatus.Cancelled, "Người nhận đã từ chối nhận tin.");
            await db.SaveChangesAsync();
            Done = true;
            return Page();
        }
        var pending = await db.Notifications.IgnoreQueryFilters()
            .Where(n => (IsPetition ? n.PetitionCode == Code : n.DossierCode == Code) && n.UserId == null && n.Status == NotificationStatus.Pending).ToListAsync();
        foreach (var n in pending) (n.Status, n.LastError) = (NotificationStatus.Cancelled, "Người nhận đã từ chối nhận tin.");
        await db.SaveChangesAsync();
        Done = true;
        return Page();
    }

    private async Task<object?> FindAsync(AppDbContext db)
    {
        string plain;
        try { plain = protection.CreateProtector(NotificationRaiser.WithdrawPurpose).Unprotect(Token ?? ""); }
        catch (CryptographicException) { return null; }
        var (kind, key) = (plain[..1], plain[2..]);
        if (kind == "s")
        {
            var sub = await db.AreaSubscriptions.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Key == key);
            (Code, AlreadyOff, IsSubscription) = (sub?.Village ?? (sub is null ? null : "cả xã"), sub?.WithdrawnAt is not null, true);
            return sub;
        }
        IsPetition = kind == "p";
        if (IsPetition)
        {
            var p = await db.Petitions.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.TrackingKey == key);
            (Code, AlreadyOff) = (p?.Code, p?.NotifyBy is null);
            return p;
        }
        var d = await db.Dossiers.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.TrackingKey == key);
        (Code, AlreadyOff) = (d?.Code, d?.NotifyBy is null);
        return d;
    }

    private IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Code = null;
        return Page();
    }
}
