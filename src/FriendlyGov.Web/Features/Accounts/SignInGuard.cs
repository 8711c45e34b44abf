using System.Security.Cryptography;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>A counter as the administrator sees it.</summary>
public sealed record ThrottleRow(string Key, string Kind, string Subject, int Failures, DateTime FirstAt, DateTime LastAt, DateTime? BlockedUntil, bool Waiting);

/// <summary>
/// Keeps the counters of <see cref="SignInPolicy"/> in the database (shared by every instance), and the signed cookie that
/// tells an account's known devices apart. Accounts are counted by a keyed fingerprint of the normalised user name, never
/// the name itself (a citizen's user name is their phone number).
/// </summary>
public sealed class SignInGuard(AppDbContext db, TimeProvider clock, IDataProtectionProvider protection, AuditKey auditKey, ILogger<SignInGuard> log)
{
    public const string DeviceCookie = "fg.device";
    private readonly IDataProtector _devices = protection.CreateProtector("FriendlyGov.SignIn.Device");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    private string AccountKey(string userName) => "user:" + Subject(userName);
    private static string AddressKey(string? address) => "ip:" + (address ?? "?");
    private string DeviceKey(string userName, string device) => $"device:{Subject(userName)}:{device}";

    /// <summary>Who a counter or a device cookie is about: a keyed fingerprint of the normalised user name, never the name.</summary>
    private string Subject(string userName) => auditKey.Mac("sign-in", Normalize(userName))[..24];

    /// <summary>The device id this browser carries for this account, if it signed in to it here before.</summary>
    public string? KnownDevice(HttpRequest request, string userName)
    {
        if (request.Cookies[DeviceCookie] is not { Length: > 0 and < 4000 } cookie) return null;
        try
        {
            var parts = _devices.Unprotect(cookie).Split('|');
            return parts.Length == 2 && parts[0] == Subject(userName) ? parts[1] : null;
        }
        catch (CryptographicException) { return null; }
    }

    /// <summary>May this attempt be looked at? A refusal is answered exactly as a wrong password.</summary>
    public async Task<bool> AllowedAsync(string userName, string? address, string? device)
    {
        var keys = device is null ? new[] { AddressKey(address), AccountKey(userName) } : [DeviceKey(userName, device)];
        var rows = await db.SignInThrottles.AsNoTracking().Where(t => keys.Contains(t.Key)).ToListAsync();
        foreach (var r in rows)
            if (SignInPolicy.Judge(r.Failures, r.FirstAt, r.LastAt, r.BlockedUntil, Now, LimitsOf(r.Key)) != SignInVerdict.Allowed)
            {
                log.LogWarning("Sign-in attempt throttled ({Kind})", r.Key[..r.Key.IndexOf(':')]);
                return false;
            }
        return true;
    }

    /// <summary>
    /// A failed password (<paramref name="heldBack"/> false) counts on every counter of the attempt. An attempt held back
    /// counts on the address (or device) only: a client that keeps hammering keeps waiting and reaches its block, while the
    /// account's own delay still ends a few minutes after the last password actually tried.
    /// </summary>
    public async Task FailedAsync(string userName, string? address, string? device, bool heldBack = false)
    {
        string[] keys = device is not null ? [DeviceKey(userName, device)] : heldBack ? [AddressKey(address)] : [AddressKey(address), AccountKey(userName)];
        foreach (var key in keys)
        {
            var row = await db.SignInThrottles.FirstOrDefaultAsync(t => t.Key == key);
            if (row is null) db.SignInThrottles.Add(row = new SignInThrottle { Key = key, FirstAt = Now });
            (row.Failures, row.FirstAt, row.BlockedUntil) = SignInPolicy.AfterFailure(row.Failures, row.FirstAt, row.BlockedUntil, Now, LimitsOf(key));
            row.LastAt = Now;
            if (row.BlockedUntil is not null && row.Failures == SignInPolicy.Address.BlockAfter)
                log.LogWarning("Client address blocked after {Failures} failed sign-ins in a day", row.Failures);
        }
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // two failures raced to create the row: one is enough to count
    }

    /// <summary>A successful sign-in clears the account's counters and marks this browser as one of the account's devices.</summary>
    public async Task SucceededAsync(HttpContext http, string userName, string? device)
    {
        var keys = new[] { AccountKey(userName), device is null ? "" : DeviceKey(userName, device) };
        // Read first: a sign-in with nothing to clear writes nothing (on SQLite a write waits for the one writer).
        if (await db.SignInThrottles.AnyAsync(t => keys.Contains(t.Key)))
            await db.SignInThrottles.Where(t => keys.Contains(t.Key)).ExecuteDeleteAsync();
        var id = device ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        http.Response.Cookies.Append(DeviceCookie, _devices.Protect($"{Subject(userName)}|{id}"), new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, IsEssential = true,
            MaxAge = TimeSpan.FromDays(365), Path = "/dang-nhap",
        });
    }

    private static SignInPolicy.Limits LimitsOf(string key) =>
        key.StartsWith("ip:") ? SignInPolicy.Address : key.StartsWith("user:") ? SignInPolicy.Account : SignInPolicy.Device;

    /// <summary>Counters that hold anything back now or lately, for the administrator; old ones are dropped here.</summary>
    public async Task<List<ThrottleRow>> ListAsync()
    {
        var cutoff = Now - SignInPolicy.Window;
        await db.SignInThrottles.Where(t => t.LastAt < cutoff && (t.BlockedUntil == null || t.BlockedUntil < Now)).ExecuteDeleteAsync();
        var rows = await db.SignInThrottles.AsNoTracking().OrderByDescending(t => t.LastAt).Take(500).ToListAsync();
        return rows.Select(r => new ThrottleRow(r.Key, r.Key[..r.Key.IndexOf(':')], r.Key[(r.Key.IndexOf(':') + 1)..], r.Failures, r.FirstAt, r.LastAt,
            r.BlockedUntil > Now ? r.BlockedUntil : null,
            SignInPolicy.Judge(r.Failures, r.FirstAt, r.LastAt, r.BlockedUntil, Now, LimitsOf(r.Key)) != SignInVerdict.Allowed)).ToList();
    }

    /// <summary>The fingerprint under which an account's failures are counted, so the administrator can find it.</summary>
    public string AccountSubject(string userName) => Subject(userName);

    public async Task<bool> LiftAsync(string key)
    {
        var n = await db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync();
        if (n > 0) log.LogInformation("Sign-in throttle lifted by an administrator ({Kind})", key.Split(':')[0]);
        return n > 0;
    }
}
