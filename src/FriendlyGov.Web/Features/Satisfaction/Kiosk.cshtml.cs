using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>
/// The counter kiosk: big touch targets, the officer on duty, thanks and reset. With JavaScript, ratings go through a
/// queue kept on the tablet (sent when the network is back); without it, the form posts and the thanks page resets itself.
/// </summary>
[Authorize(Policy = SatisfactionSetup.KioskPolicy)]
public sealed class KioskModel(Kiosks kiosks, Ratings ratings) : PageModel
{
    [BindProperty] public RatingInput Input { get; set; } = new();
    public KioskSession Session { get; private set; } = null!;
    public bool Thanks { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await kiosks.ActiveAsync(User) is not { } s) return Redirect("/can-bo/kiosk");
        Session = s;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await kiosks.ActiveAsync(User) is not { } s) return Redirect("/can-bo/kiosk");
        Session = s;
        ModelState.Clear();
        var outcome = await ratings.AtKioskAsync(s, Input);
        if (!outcome.Ok)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field == Ratings.Throttled ? "" : $"Input.{e.Field}", e.Message);
            if (outcome.Errors.Any(e => e.Field == Ratings.Throttled)) Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        Thanks = true;
        Input = new();
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync()
    {
        if (await kiosks.ActiveAsync(User) is { } s) await kiosks.EndAsync(s.Id, s.Key, User);
        await HttpContext.SignOutAsync(SatisfactionSetup.KioskScheme);
        return Redirect("/dang-nhap");
    }
}
