using FriendlyGov.Core.Domain;

namespace FriendlyGov.Tests.Domain;

public sealed class SignInPolicyTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_account_is_held_back_by_a_doubling_delay_capped_at_five_minutes_and_never_blocked()
    {
        Assert.Equal(TimeSpan.Zero, SignInPolicy.DelayAfter(4, SignInPolicy.Account));
        Assert.Equal(TimeSpan.FromSeconds(1), SignInPolicy.DelayAfter(5, SignInPolicy.Account));
        Assert.Equal(TimeSpan.FromSeconds(8), SignInPolicy.DelayAfter(8, SignInPolicy.Account));
        Assert.Equal(TimeSpan.FromMinutes(5), SignInPolicy.DelayAfter(500, SignInPolicy.Account));
        var (failures, first, blocked) = (0, T0, (DateTime?)null);
        for (var i = 0; i < 1000; i++) (failures, first, blocked) = SignInPolicy.AfterFailure(failures, first, blocked, T0.AddSeconds(i), SignInPolicy.Account);
        Assert.Null(blocked);
        var last = T0.AddSeconds(999);
        Assert.Equal(SignInVerdict.Wait, SignInPolicy.Judge(failures, first, last, blocked, last.AddMinutes(4), SignInPolicy.Account));
        Assert.Equal(SignInVerdict.Allowed, SignInPolicy.Judge(failures, first, last, blocked, last.AddMinutes(5), SignInPolicy.Account));
    }

    [Fact]
    public void An_address_is_blocked_for_a_day_at_its_hundredth_failure_and_forgets_a_day_after()
    {
        var (failures, first, blocked) = (0, T0, (DateTime?)null);
        for (var i = 0; i < 99; i++) (failures, first, blocked) = SignInPolicy.AfterFailure(failures, first, blocked, T0.AddMinutes(i), SignInPolicy.Address);
        Assert.Null(blocked);
        (failures, first, blocked) = SignInPolicy.AfterFailure(failures, first, blocked, T0.AddMinutes(100), SignInPolicy.Address);
        Assert.Equal(T0.AddMinutes(100) + SignInPolicy.BlockFor, blocked);
        Assert.Equal(SignInVerdict.Blocked, SignInPolicy.Judge(failures, first, T0.AddMinutes(100), blocked, T0.AddHours(20), SignInPolicy.Address));
        // After the block and the window, the counter starts again from nothing.
        var later = blocked!.Value.AddMinutes(1);
        Assert.Equal(SignInVerdict.Allowed, SignInPolicy.Judge(failures, first, T0.AddMinutes(100), blocked, later, SignInPolicy.Address));
        Assert.Equal((1, later, (DateTime?)null), SignInPolicy.AfterFailure(failures, first, blocked, later, SignInPolicy.Address));
    }
}
