using System.Security.Claims;
using System.Security.Cryptography;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>
/// Kiosk mode: an officer turns a counter tablet into a rating kiosk for their desk. The tablet then carries only a kiosk
/// cookie naming the session; the session ends when the officer ends it, or at midnight of the day it started.
/// </summary>
public sealed class Kiosks(AppDbContext db, UnitAccess access, TimeProvider clock)
{
    public async Task<KioskSession> StartAsync(ClaimsPrincipal officer)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var local = VietnamTime.FromUtc(now);
        var id = officer.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var title = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.JobTitle).FirstOrDefaultAsync();
        var session = new KioskSession
        {
            UnitId = officer.UnitId()!.Value, Key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), OfficerId = id,
            OfficerName = officer.DisplayName(), OfficerTitle = title, StartedAt = now,
            ExpiresAt = VietnamTime.ToUtc(local.Date.AddDays(1)),
        };
        db.KioskSessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    public static ClaimsPrincipal Principal(KioskSession s) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, "kiosk:" + s.Id), new Claim(ClaimTypes.Name, "kiosk:" + s.Id),
        new Claim(SatisfactionSetup.KioskClaim, s.Key),
    ], SatisfactionSetup.KioskScheme));

    /// <summary>The session a kiosk principal names, while it is still running.</summary>
    public async Task<KioskSession?> ActiveAsync(ClaimsPrincipal? principal)
    {
        var key = principal?.FindFirstValue(SatisfactionSetup.KioskClaim);
        if (string.IsNullOrEmpty(key)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.KioskSessions.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .FirstOrDefaultAsync(s => s.Key == key && s.EndedAt == null && s.ExpiresAt > now);
    }

    /// <summary>The officer's own sessions still running (to end one left on a tablet).</summary>
    public async Task<List<KioskSession>> MineAsync(ClaimsPrincipal officer)
    {
        var id = officer.FindFirstValue(ClaimTypes.NameIdentifier);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.KioskSessions.AsNoTracking().Where(s => s.OfficerId == id && s.EndedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.StartedAt).ToListAsync();
    }

    /// <summary>Ends a session: from the tablet itself (by its key) or by the officer who started it.</summary>
    public async Task<bool> EndAsync(long sessionId, string? key, ClaimsPrincipal actor)
    {
        var s = await db.KioskSessions.IgnoreQueryFilters([AppDbContext.UnitFilter]).FirstOrDefaultAsync(x => x.Id == sessionId && x.EndedAt == null);
        var officerId = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        if (s is null || !(s.Key == key || (s.OfficerId == officerId && await access.MayAsync(actor, s.UnitId, UnitOperations.Change)))) return false;
        s.EndedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>"Lò Văn Minh" → "LM": the kiosk shows the officer's initials where there is no photo.</summary>
    public static string Initials(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length switch
        {
            0 => "?",
            1 => words[0][..1].ToUpperInvariant(),
            _ => (words[0][..1] + words[^1][..1]).ToUpperInvariant(),
        };
    }
}
