using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>Where an officer turns the counter tablet into a rating kiosk, and ends kiosks left running.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class KioskStartModel(Kiosks kiosks) : PageModel
{
    public List<KioskSession> Running { get; private set; } = [];

    public async Task OnGetAsync() => Running = await kiosks.MineAsync(User);

    public async Task<IActionResult> OnPostStartAsync()
    {
        var session = await kiosks.StartAsync(User);
        // The tablet keeps no officer sign-in: only the kiosk cookie, which opens /kiosk and nothing else.
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        await HttpContext.SignInAsync(SatisfactionSetup.KioskScheme, Kiosks.Principal(session));
        return Redirect("/kiosk");
    }

    public async Task<IActionResult> OnPostEndAsync(long id)
    {
        if (!await kiosks.EndAsync(id, null, User)) return NotFound();
        return RedirectToPage();
    }
}
