using System.Collections.Concurrent;
using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Options;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// Checks the sign-in cookie of every request against the account, so that locking an account or changing its password
/// ends its sessions at the next request, not at the end of the 8-hour cookie. It reads the two columns that decide it
/// (the security stamp and the lock-out) in one compiled query, or from the <see cref="SessionCache"/>, which drops an
/// account the moment a change to it commits. Identity's own validator, asked to check on every request, rebuilt the whole
/// principal each time (the user, its claims, its roles and their claims: six queries) and re-issued the cookie; under
/// intake load that was a larger cost than the intake itself. The roles of an account never change after it is created,
/// and everything that does change what the cookie says (a password, a lock) changes the stamp.
/// </summary>
public static class SessionCheck
{
    private static readonly PerModel<Func<AppDbContext, string, Task<SessionCache.Account?>>> AccountById = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string id) => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new SessionCache.Account(u.SecurityStamp, u.LockoutEnd)).FirstOrDefault()));

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        var clock = services.GetRequiredService<TimeProvider>();
        if (id is not null && stamp is not null)
        {
            var cache = services.GetRequiredService<SessionCache>();
            if (!cache.TryGet(id, out var account))
            {
                var readAt = cache.Generation;
                var db = services.GetRequiredService<AppDbContext>();
                account = await AccountById.For(db)(db, id);
                if (account is not null) cache.Store(id, account, readAt);
            }
            if (account is not null && account.SecurityStamp == stamp && !(account.LockoutEnd > clock.GetUtcNow())) return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}

/// <summary>
/// What <see cref="SessionCheck"/> reads of each signed-in account, held between its requests: dropped the moment a change
/// to the account commits here (a lock, a new password, a deletion, through whatever code saves it), and on PostgreSQL
/// when another instance commits one (the <see cref="CacheBus"/>). A value read while the account changes is not kept.
/// Entries live at most <see cref="Life"/>, which bounds what a change made outside the app (a command run on another
/// machine without the bus, a hand edit of the database) takes to end a session.
/// </summary>
public sealed class SessionCache : ICommitListener
{
    public sealed record Account(string? SecurityStamp, DateTimeOffset? LockoutEnd);

    public static readonly TimeSpan Life = TimeSpan.FromSeconds(15);
    private const int MaxAccounts = 100_000;
    private const string Prefix = "u:";
    private static readonly object Everyone = new();
    private readonly ConcurrentDictionary<string, (Account Account, DateTime Until)> _accounts = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly CacheBus? _bus;
    private long _generation;

    public SessionCache(TimeProvider clock, CacheBus? bus = null)
    {
        _clock = clock;
        _bus = bus;
        bus?.Subscribe(marks => Invalidate([.. marks
            .Where(m => m == "*" || m.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(m => m == "*" ? Everyone : (object)m[Prefix.Length..])]));
    }

    /// <summary>Taken before reading the database, handed back to <see cref="Store"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string userId, out Account? account)
    {
        account = null;
        if (!_accounts.TryGetValue(userId, out var e) || e.Until <= _clock.GetUtcNow().UtcDateTime) return false;
        account = e.Account;
        return true;
    }

    /// <summary>Keeps what was read unless an account changed since <paramref name="readAt"/> (any account: changes are rare).</summary>
    public void Store(string userId, Account account, long readAt)
    {
        if (Generation != readAt) return;
        if (_accounts.Count >= MaxAccounts) _accounts.Clear();
        _accounts[userId] = (account, _clock.GetUtcNow().UtcDateTime + Life);
        if (Generation != readAt) _accounts.TryRemove(userId, out _);
    }

    public void Mark(EntityEntry entry, ISet<object> marks)
    {
        if (entry.Entity is ApplicationUser user && entry.State is EntityState.Modified or EntityState.Deleted) marks.Add(user.Id);
    }

    public void Committed(IReadOnlyCollection<object> marks)
    {
        Invalidate(marks);
        _bus?.Publish([.. marks.OfType<string>().Select(id => Prefix + id)]);
    }

    private void Invalidate(IReadOnlyCollection<object> marks)
    {
        foreach (var mark in marks)
        {
            Interlocked.Increment(ref _generation);
            if (ReferenceEquals(mark, Everyone)) _accounts.Clear();
            else if (mark is string id) _accounts.TryRemove(id, out _);
        }
    }
}
