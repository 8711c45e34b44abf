namespace FriendlyGov.Core.Domain;

/// <summary>What a counter of failed sign-ins says about the next attempt.</summary>
public enum SignInVerdict { Allowed, Wait, Blocked }

/// <summary>
/// Throttling of failed sign-ins, in three counters that an outsider cannot turn against an official:
/// <list type="bullet">
/// <item>per client address (all accounts): 10 free failures, then a delay that doubles with each failure up to 15 minutes;
/// 100 failures within a day block the address for a day (a real attack), until an administrator lifts it;</item>
/// <item>per account, for attempts from devices the account has not signed in from: 5 free failures, then a doubling delay
/// capped at 5 minutes, never a lock: the official's own device (known by a signed cookie) does not count here;</item>
/// <item>per known device and account: 10 free failures, then the address's doubling delay (a stolen device cookie buys no
/// unlimited guesses).</item>
/// </list>
/// Counters forget failures a day after the first one. Pure rules: the web layer keeps the counters and answers every
/// refusal with the same message as a wrong password.
/// </summary>
public static class SignInPolicy
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);
    public static readonly TimeSpan BlockFor = TimeSpan.FromDays(1);

    public sealed record Limits(int Free, TimeSpan MaxDelay, int? BlockAfter);

    public static readonly Limits Address = new(10, TimeSpan.FromMinutes(15), 100);
    public static readonly Limits Account = new(5, TimeSpan.FromMinutes(5), null);
    public static readonly Limits Device = new(10, TimeSpan.FromMinutes(15), null);

    /// <summary>The delay that must pass after the last failure before another attempt is looked at.</summary>
    public static TimeSpan DelayAfter(int failures, Limits limits)
    {
        if (failures < limits.Free) return TimeSpan.Zero;
        var exponent = Math.Min(failures - limits.Free, 20);
        var delay = TimeSpan.FromSeconds(Math.Pow(2, exponent));
        return delay > limits.MaxDelay ? limits.MaxDelay : delay;
    }

    /// <summary>The counter after one more failure at <paramref name="now"/>: reset when the window has passed.</summary>
    public static (int Failures, DateTime FirstAt, DateTime? BlockedUntil) AfterFailure(int failures, DateTime firstAt, DateTime? blockedUntil, DateTime now, Limits limits)
    {
        if (now - firstAt > Window && !(blockedUntil > now)) (failures, firstAt, blockedUntil) = (0, now, null);
        failures++;
        if (limits.BlockAfter is int block && failures >= block && blockedUntil is null) blockedUntil = now + BlockFor;
        return (failures, firstAt, blockedUntil);
    }

    public static SignInVerdict Judge(int failures, DateTime firstAt, DateTime lastAt, DateTime? blockedUntil, DateTime now, Limits limits)
    {
        if (blockedUntil > now) return SignInVerdict.Blocked;
        if (now - firstAt > Window) return SignInVerdict.Allowed;
        return now < lastAt + DelayAfter(failures, limits) ? SignInVerdict.Wait : SignInVerdict.Allowed;
    }
}
