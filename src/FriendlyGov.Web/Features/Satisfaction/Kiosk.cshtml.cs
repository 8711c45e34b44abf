using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>
/// The counter kiosk: big touch targets, the officer on duty, thanks and reset. With JavaScript, ratings go through a
/// queue kept on the tablet (sent when the network is back); without it, the form posts and the thanks page resets itself.
/// </summary>
[Authorize(Policy = SatisfactionSetup.KioskPolicy)]
public sealed class KioskModel(Kiosks kiosks, Ratings ratings, UserManager<ApplicationUser> users, Accounts.SignInGuard guard) : PageModel
{
    [BindProperty] public RatingInput Input { get; set; } = new();
    /// <summary>The officer's password, to end the kiosk: a citizen at the tablet cannot leave it.</summary>
    [BindProperty] public string? OfficerPassword { get; set; }
    public KioskSession Session { get; private set; } = null!;
    public bool Thanks { get; private set; }
    /// <summary>The thanks fit the rating: "biết xin lỗi" after a low one.</summary>
    public ThanksKind ThanksFor { get; private set; }
    public bool EndRefused { get; private set; }

    public enum ThanksKind { Good, Neutral, Sorry }

    public static ThanksKind KindOf(SatisfactionLevel? level) => level switch
    {
        SatisfactionLevel.VerySatisfied or SatisfactionLevel.Satisfied => ThanksKind.Good,
        SatisfactionLevel.Neutral => ThanksKind.Neutral,
        _ => ThanksKind.Sorry,
    };

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
        if (this.RefuseUnreadableValues("Input")) return Page();
        var outcome = await ratings.AtKioskAsync(s, Input);
        if (!outcome.Ok)
        {
            this.Refuse(outcome.Failure!);
            return Page();
        }
        Thanks = true;
        ThanksFor = KindOf((SatisfactionLevel?)Input.Overall);
        Input = new();
        return Page();
    }

    /// <summary>
    /// Ending the kiosk on the tablet needs the password of the officer who started it (checked under the sign-in throttle,
    /// counted for this kiosk alone); the officer can also end it from their own desk without it.
    /// </summary>
    public async Task<IActionResult> OnPostEndAsync()
    {
        if (await kiosks.ActiveAsync(User) is not { } s) return Redirect("/can-bo/kiosk");
        var officer = await users.FindByIdAsync(s.OfficerId);
        var (device, address) = ("kiosk-" + s.Id, HttpContext.Connection.RemoteIpAddress?.ToString());
        var allowed = officer is not null && await guard.AllowedAsync(officer.UserName!, address, device);
        if (!allowed || string.IsNullOrEmpty(OfficerPassword) || !await users.CheckPasswordAsync(officer!, OfficerPassword))
        {
            if (officer is not null && allowed) await guard.FailedAsync(officer.UserName!, address, device);
            Session = s;
            EndRefused = true;
            ModelState.Clear();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await kiosks.EndAsync(s.Id, s.Key, User);
        await HttpContext.SignOutAsync(SatisfactionSetup.KioskScheme);
        return Redirect("/dang-nhap");
    }
}
