using FriendlyGov.Core.Domain;
using FsCheck.Xunit;

namespace FriendlyGov.Tests.Domain;

public class DossierRulesTests
{
    private static readonly WorkingCalendar Calendar = new(AnnouncedDays.Known, OfficeHours.Default);
    private static DateTime At(int d, int h, int m = 0) => new(2025, 1, d, h, m, 0); // January 2025, before Tết

    [Fact]
    public void Once_handed_over_to_the_leader_nobody_hands_it_over_again_until_it_comes_back()
    {
        DossierAction[] handedOver = [DossierAction.Accept, DossierAction.StartProcessing, DossierAction.HandOver];
        var withLeader = DossierLifecycle.Allowed(DossierStatus.Processing, handedOver).ToList();
        Assert.DoesNotContain(DossierAction.HandOver, withLeader);
        Assert.DoesNotContain(DossierAction.RequestPayment, withLeader);
        Assert.Contains(DossierAction.Complete, withLeader);
        Assert.Contains(DossierAction.RequestSupplement, withLeader);
        // Back to work after a supplement: it can be handed over again.
        DossierAction[] back = [.. handedOver, DossierAction.RequestSupplement, DossierAction.Supplement];
        Assert.Contains(DossierAction.HandOver, DossierLifecycle.Allowed(DossierStatus.Processing, back));
        Assert.Contains(DossierAction.HandOver, DossierLifecycle.Allowed(DossierStatus.Processing, [DossierAction.Accept, DossierAction.StartProcessing]));
    }

    [Fact]
    public void The_usual_life_is_allowed_step_by_step()
    {
        var s = DossierStatus.Registered;
        foreach (var (action, expected) in new[]
                 {
                     (DossierAction.Accept, DossierStatus.Accepted), (DossierAction.StartProcessing, DossierStatus.Processing),
                     (DossierAction.HandOver, DossierStatus.Processing), (DossierAction.RequestSupplement, DossierStatus.SupplementRequested),
                     (DossierAction.Supplement, DossierStatus.Processing), (DossierAction.Complete, DossierStatus.Done),
                     (DossierAction.Return, DossierStatus.Returned),
                 })
        {
            s = DossierLifecycle.Next(s, action, wasAccepted: true) ?? throw new Xunit.Sdk.XunitException($"{action} refused from {s}");
            Assert.Equal(expected, s);
        }
    }

    [Theory]
    [InlineData(DossierStatus.Registered, DossierAction.Return)]
    [InlineData(DossierStatus.Accepted, DossierAction.Complete)]
    [InlineData(DossierStatus.Processing, DossierAction.Return)]
    [InlineData(DossierStatus.Returned, DossierAction.Withdraw)]
    [InlineData(DossierStatus.NotAccepted, DossierAction.Accept)]
    [InlineData(DossierStatus.Done, DossierAction.Withdraw)]
    public void Illegal_moves_are_refused(DossierStatus from, DossierAction action)
    {
        Assert.Null(DossierLifecycle.Next(from, action, true));
    }

    [Fact]
    public void A_supplement_before_acceptance_returns_to_the_intake_check()
    {
        Assert.Equal(DossierStatus.Registered, DossierLifecycle.Next(DossierStatus.SupplementRequested, DossierAction.Supplement, wasAccepted: false));
    }

    /// <summary>Whatever actions are tried in whatever order, only allowed moves happen: no final status is ever left, nothing is returned before it is done.</summary>
    [Property(MaxTest = 500)]
    public bool No_sequence_of_actions_reaches_an_illegal_status(int[] attempts)
    {
        var s = DossierStatus.Registered;
        var accepted = false;
        var done = false;
        var actions = Enum.GetValues<DossierAction>();
        foreach (var a in (attempts ?? []).Select(i => actions[Math.Abs(i % actions.Length)]))
        {
            var next = DossierLifecycle.Next(s, a, accepted);
            if (next is null) continue;
            if (DossierLifecycle.IsFinal(s)) return false;
            if (next is DossierStatus.Processing && !accepted) return false;
            if (next is DossierStatus.Returned && !done) return false;
            accepted |= next == DossierStatus.Accepted;
            done |= next == DossierStatus.Done;
            s = next.Value;
        }
        return true;
    }

    [Fact]
    public void Finished_by_the_appointed_date_is_on_time_and_after_it_is_late()
    {
        DossierEvent[] life = [new(DossierAction.Accept, At(6, 8)), new(DossierAction.StartProcessing, At(6, 9)), new(DossierAction.Complete, At(8, 10))];
        Assert.True(Decision766.Evaluate(life, At(8, 11, 30), Calendar).OnTime);
        Assert.False(Decision766.Evaluate(life, At(7, 17), Calendar).OnTime);
    }

    [Fact]
    public void Waiting_for_the_citizen_does_not_count_against_the_commune()
    {
        // Appointed Tuesday 7/1 17:00; the citizen took a full working day (Mon 6/1 17:00 → Tue 7/1 17:00) to bring a paper.
        DossierEvent[] life =
        [
            new(DossierAction.Accept, At(6, 8)), new(DossierAction.StartProcessing, At(6, 9)),
            new(DossierAction.RequestSupplement, At(6, 17)), new(DossierAction.Supplement, At(7, 17)),
            new(DossierAction.Complete, At(8, 16)),
        ];
        var t = Decision766.Evaluate(life, At(7, 17), Calendar);
        Assert.Equal(480, t.PausedMinutes);
        Assert.Equal(At(8, 17), t.EffectiveDue);
        Assert.True(t.OnTime);
    }

    [Fact]
    public void A_second_request_to_supplement_makes_the_dossier_late_whatever_the_dates()
    {
        DossierEvent[] life =
        [
            new(DossierAction.Accept, At(6, 8)), new(DossierAction.StartProcessing, At(6, 8, 30)),
            new(DossierAction.RequestSupplement, At(6, 9)), new(DossierAction.Supplement, At(6, 10)),
            new(DossierAction.RequestSupplement, At(6, 11)), new(DossierAction.Supplement, At(6, 14)),
            new(DossierAction.Complete, At(6, 15)),
        ];
        var t = Decision766.Evaluate(life, At(20, 17), Calendar);
        Assert.Equal(2, t.SupplementRequests);
        Assert.False(t.OnTime);
    }

    [Fact]
    public void A_dossier_still_in_hand_has_no_verdict_yet()
    {
        Assert.Null(Decision766.Evaluate([new(DossierAction.Accept, At(6, 8))], At(7, 17), Calendar).OnTime);
    }

    /// <summary>Random lives through accept → processing, some supplements, then completion: the verdict equals the rule written out.</summary>
    [Property(MaxTest = 300)]
    public bool On_time_is_computed_as_Decision_766_counts_it(byte supplementCount, byte gapHours, byte dueDays)
    {
        var t = At(6, 8);
        var events = new List<DossierEvent> { new(DossierAction.Accept, t), new(DossierAction.StartProcessing, t = t.AddMinutes(30)) };
        double paused = 0;
        var n = supplementCount % 3;
        for (var i = 0; i < n; i++)
        {
            var asked = Calendar.AddWorkingMinutes(t, 60);
            var back = Calendar.AddWorkingMinutes(asked, 30 + gapHours % 12 * 60);
            paused += Calendar.WorkingMinutesBetween(asked, back);
            events.Add(new(DossierAction.RequestSupplement, asked));
            events.Add(new(DossierAction.Supplement, t = back));
        }
        var end = Calendar.AddWorkingMinutes(t, 60 + gapHours * 10);
        events.Add(new(DossierAction.Complete, end));
        var appointed = Calendar.DueAt(At(6, 8), 0.5m + dueDays % 6);
        var expected = n <= 1 && end <= (paused > 0 ? Calendar.AddWorkingMinutes(appointed, paused) : appointed);
        return Decision766.Evaluate(events, appointed, Calendar).OnTime == expected;
    }

    [Property(MaxTest = 200)]
    public bool Dossier_codes_round_trip(int sequence, byte dayOffset)
    {
        var seq = (int)((uint)sequence % DossierCodes.MaxPerDay) + 1;
        var day = new DateOnly(2025, 1, 1).AddDays(dayOffset);
        var code = DossierCodes.Format("000.05.30.H18", day, seq);
        return DossierCodes.TryParse(code, out var id, out var d, out var s) && id == "000.05.30.H18" && d == day && s == seq;
    }

    [Fact]
    public void Past_9999_a_day_the_sequence_widens_by_a_digit_and_stops_at_999999()
    {
        var day = new DateOnly(2026, 12, 1);
        Assert.Equal("000.05.30.H18-261201-9999", DossierCodes.Format("000.05.30.H18", day, 9999));
        Assert.Equal("000.05.30.H18-261201-10000", DossierCodes.Format("000.05.30.H18", day, 10_000));
        Assert.True(DossierCodes.TryParse("000.05.30.H18-261201-10000", out _, out _, out var s) && s == 10_000);
        Assert.Equal("000.05.30.H18-261201-999999", DossierCodes.Format("000.05.30.H18", day, 999_999));
        Assert.Throws<ArgumentOutOfRangeException>(() => DossierCodes.Format("000.05.30.H18", day, 1_000_000));
        Assert.False(DossierCodes.TryParse("000.05.30.H18-261201-1000000", out _, out _, out _));
    }

    [Fact]
    public void Codes_follow_the_circular()
    {
        Assert.Equal("000.05.30.H18-250124-0007", DossierCodes.Format("000.05.30.H18", new(2025, 1, 24), 7));
        Assert.False(DossierCodes.TryParse("000.05.30.H18-251324-0007", out _, out _, out _)); // month 13
        Assert.False(DossierCodes.TryParse("abc", out _, out _, out _));
    }

    [Fact]
    public void Each_hand_over_is_judged_against_its_step_deadline()
    {
        Assert.Equal(HandOverResult.Early, DossierCodes.Judge(At(6, 16), At(7, 11, 30)));
        Assert.Equal(HandOverResult.OnTime, DossierCodes.Judge(At(7, 11), At(7, 11, 30)));
        Assert.Equal(HandOverResult.Late, DossierCodes.Judge(At(7, 13, 30), At(7, 11, 30)));
        Assert.Equal("Quá hạn", DossierCodes.VietnameseName(HandOverResult.Late));
    }
}

public class CitizenIdTests
{
    [Theory]
    [InlineData("011095001234", null)]           // Điện Biên, male born 1995
    [InlineData("038305012345", null)]           // Thanh Hóa, female born 2005
    [InlineData("03830501234", "đúng 12 chữ số")]
    [InlineData("03830501234x", "đúng 12 chữ số")]
    [InlineData("003095001234", "mã tỉnh")]      // 003 is not a province code
    [InlineData("011299001234", "Năm sinh")]     // male born 2099
    [InlineData("", "Nhập số định danh")]
    public void Citizen_ids_are_checked_for_form_province_and_birth_year(string id, string? problem)
    {
        var actual = CitizenIds.Problem(id, 2026);
        if (problem is null) Assert.Null(actual);
        else Assert.Contains(problem, actual);
    }

    [Fact]
    public void Outside_the_handling_officials_only_the_last_digits_show()
    {
        Assert.Equal("•••••••••234", Masking.CitizenId("011095001234"));
    }
}
