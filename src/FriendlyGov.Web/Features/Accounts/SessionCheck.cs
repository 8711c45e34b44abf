using System.Security.Claims;
using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// Checks the sign-in cookie of every request against the account, so that locking an account or changing its password
/// ends its sessions at the next request, not at the end of the 8-hour cookie. It reads the two columns that decide it
/// (the security stamp and the lock-out) in one compiled query. Identity's own validator, asked to check on every request,
/// rebuilt the whole principal each time (the user, its claims, its roles and their claims: six queries) and re-issued the
/// cookie; under intake load that was a larger cost than the intake itself. The roles of an account never change after it
/// is created, and everything that does change what the cookie says (a password, a lock) changes the stamp.
/// </summary>
public static class SessionCheck
{
    private sealed record Account(string? SecurityStamp, DateTimeOffset? LockoutEnd);

    private static readonly PerModel<Func<AppDbContext, string, Task<Account?>>> AccountById = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string id) => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new Account(u.SecurityStamp, u.LockoutEnd)).FirstOrDefault()));

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claims = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (id is not null && stamp is not null)
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
            var account = await AccountById.For(db)(db, id);
            if (account is not null && account.SecurityStamp == stamp && !(account.LockoutEnd > clock.GetUtcNow())) return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
