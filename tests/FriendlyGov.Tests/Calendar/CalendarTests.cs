using FriendlyGov.Core.Domain;
using FsCheck.Xunit;

namespace FriendlyGov.Tests.Domain;

public class CalendarTests
{
    private static readonly WorkingCalendar Calendar = new(AnnouncedDays.Known, OfficeHours.Default);
    private static DateTime At(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0);

    [Theory]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2007, "2007-02-17")] // China: 18/2 (UTC+8)
    [InlineData(1985, "1985-01-21")] // China: 20/2
    public void Tet_is_computed_on_the_vietnamese_lunar_calendar(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), LunarCalendar.NewYear(year));
    }

    [Theory]
    [InlineData(2023, "2023-04-29")] // a year with a leap second month
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void Gio_To_Hung_Vuong_falls_on_the_tenth_of_the_third_lunar_month(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), LunarCalendar.ToSolar(year, 3, 10));
    }

    [Fact]
    public void Tet_2025_follows_the_announced_arrangement()
    {
        for (var d = new DateOnly(2025, 1, 25); d <= new DateOnly(2025, 2, 2); d = d.AddDays(1))
            Assert.False(Calendar.IsWorkingDay(d), $"{d} is part of the 9-day Tết break");
        Assert.True(Calendar.IsWorkingDay(new(2025, 1, 24)));
        Assert.True(Calendar.IsWorkingDay(new(2025, 2, 3)));
    }

    [Fact]
    public void Tet_2026_is_five_weekdays_around_the_lunar_new_year()
    {
        for (var d = new DateOnly(2026, 2, 16); d <= new DateOnly(2026, 2, 20); d = d.AddDays(1))
            Assert.False(Calendar.IsWorkingDay(d), d.ToString());
        Assert.True(Calendar.IsWorkingDay(new(2026, 2, 13)));
        Assert.True(Calendar.IsWorkingDay(new(2026, 2, 23)));
    }

    [Fact]
    public void A_holiday_on_a_sunday_is_taken_on_the_next_working_day()
    {
        var day = Calendar.Day(new(2026, 4, 27)); // Giỗ Tổ 2026 is Sunday 26/4
        Assert.False(day.Working);
        Assert.Contains("Nghỉ bù", day.Reason);
    }

    [Fact]
    public void National_day_takes_two_days()
    {
        Assert.False(Calendar.IsWorkingDay(new(2025, 9, 1)));
        Assert.False(Calendar.IsWorkingDay(new(2025, 9, 2)));
        Assert.True(Calendar.IsWorkingDay(new(2025, 9, 3)));
    }

    [Fact]
    public void The_make_up_saturday_is_a_working_day_and_counts_toward_due_dates()
    {
        Assert.True(Calendar.IsWorkingDay(new(2025, 4, 26)));
        Assert.False(Calendar.IsWorkingDay(new(2025, 5, 2)));
        // Friday 25/4 16:00 + 1 working day: 1 h on Friday, 7 h on the make-up Saturday → by Saturday's closing.
        Assert.Equal(At(2025, 4, 26, 17), Calendar.DueAt(At(2025, 4, 25, 16), 1));
        var exceptional = Calendar.ExceptionalDays(2025);
        Assert.Contains(exceptional, d => d.Date == new DateOnly(2025, 4, 26) && d.Working);
        Assert.Contains(exceptional, d => d.Date == new DateOnly(2025, 5, 2) && !d.Working);
    }

    [Fact]
    public void Due_date_skips_the_tet_break()
    {
        // Friday 24/1/2025 10:00 + 2 days: 5 h that Friday, 8 h on Monday 3/2, the last 3 h on Tuesday morning.
        Assert.Equal(At(2025, 2, 4, 11, 30), Calendar.DueAt(At(2025, 1, 24, 10), 2));
    }

    [Fact]
    public void A_dossier_received_after_closing_counts_from_the_next_working_morning()
    {
        Assert.Equal(At(2025, 1, 7, 17), Calendar.DueAt(At(2025, 1, 6, 17, 30), 1));
        Assert.Equal(Calendar.DueAt(At(2025, 1, 7, 7), 1), Calendar.DueAt(At(2025, 1, 6, 22), 1));
        // Received on a Sunday: from Monday morning.
        Assert.Equal(At(2025, 1, 6, 17), Calendar.DueAt(At(2025, 1, 5, 9), 1));
    }

    [Fact]
    public void Half_a_day_rounds_to_the_end_of_a_session()
    {
        Assert.Equal(At(2025, 1, 6, 17), Calendar.DueAt(At(2025, 1, 6, 9), 0.5m));   // 4 h from 9:00: into the afternoon
        Assert.Equal(At(2025, 1, 6, 11, 30), Calendar.DueAt(At(2025, 1, 6, 7), 0.5m)); // 4 h from 7:00: 11:00, morning
        Assert.Equal(At(2025, 1, 7, 11, 30), Calendar.DueAt(At(2025, 1, 6, 9), 1));     // a full day from 9:00: Tuesday morning
    }

    [Fact]
    public void Same_day_procedures_use_the_cutoff_hour()
    {
        Assert.Equal(At(2025, 1, 6, 17), Calendar.SameDayDueAt(At(2025, 1, 6, 14, 59)));
        Assert.Equal(At(2025, 1, 7, 17), Calendar.SameDayDueAt(At(2025, 1, 6, 15, 1)));
        Assert.Equal(At(2025, 2, 3, 17), Calendar.SameDayDueAt(At(2025, 1, 31, 9))); // during Tết: next working day
    }

    [Fact]
    public void Office_hours_are_the_units_own()
    {
        var early = new WorkingCalendar([], OfficeHours.Default with { MorningStart = new(7, 30), AfternoonEnd = new(16, 30) });
        Assert.Equal(420, early.Hours.MinutesPerDay);
        Assert.Equal(At(2025, 1, 6, 16, 30), early.DueAt(At(2025, 1, 6, 7, 30), 1));
        Assert.NotEmpty((OfficeHours.Default with { MorningEnd = new(14, 0) }).Problems());
    }

    [Fact]
    public void Working_minutes_between_two_times_count_office_hours_only()
    {
        Assert.Equal(480, Calendar.WorkingMinutesBetween(At(2025, 1, 6, 7), At(2025, 1, 6, 17)));
        Assert.Equal(60 + 420, Calendar.WorkingMinutesBetween(At(2025, 1, 24, 16), At(2025, 2, 3, 16)));
    }

    /// <summary>"At least so many working minutes" stops counting early, and answers exactly what counting them all would.</summary>
    [Property(MaxTest = 2000)]
    public bool Having_working_minutes_between_two_times_agrees_with_counting_them(int fromOffset, int length, ushort halfDays)
    {
        var from = new DateTime(2025, 1, 1).AddMinutes(Math.Abs(fromOffset % (2 * 366 * 24 * 60)));
        var to = from.AddMinutes(length % (200 * 24 * 60)); // up to 200 days either way
        var minutes = halfDays % 30 * 240.0 + (halfDays % 7 == 0 ? 0.5 : 0) - (halfDays % 5 == 0 ? 600 : 0); // negative too
        return Calendar.HasWorkingMinutesBetween(from, to, minutes) == (Calendar.WorkingMinutesBetween(from, to) >= minutes)
            // exactly at the boundary too: as many minutes as there are
            && (to < from || Calendar.HasWorkingMinutesBetween(from, to, Calendar.WorkingMinutesBetween(from, to)));
    }

    [Fact]
    public void Subtracting_working_minutes_walks_back_over_days_off()
    {
        // Tết 2025 (25/1 to 2/2) lies between: an hour of Monday 3/2, then the last hour before the holiday, on Friday 24/1.
        Assert.Equal(At(2025, 1, 24, 16), Calendar.SubtractWorkingMinutes(At(2025, 2, 3, 8), 120));
        Assert.Equal(At(2025, 1, 24, 16), Calendar.SubtractWorkingMinutes(At(2025, 2, 3, 16), 480));
        // From the lunch break: the morning session's end is where counting back starts.
        Assert.Equal(At(2025, 1, 6, 10, 30), Calendar.SubtractWorkingMinutes(At(2025, 1, 6, 12, 15), 60));
        // Exactly a session's length lands on its start, never before it.
        Assert.Equal(At(2025, 1, 6, 13, 30), Calendar.SubtractWorkingMinutes(At(2025, 1, 6, 17), 210));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.SubtractWorkingMinutes(At(2025, 1, 6, 17), 0));
    }

    /// <summary>
    /// The instant found by walking back is exactly where "at least so many working minutes before <c>to</c>" stops holding:
    /// every earlier time has them, every later one does not.
    /// </summary>
    [Property(MaxTest = 2000)]
    public bool Subtracting_working_minutes_finds_the_latest_time_that_has_them(int toOffset, int fromBack, ushort halfDays)
    {
        var to = new DateTime(2025, 1, 1).AddMinutes(Math.Abs(toOffset % (2 * 366 * 24 * 60)));
        var from = to.AddMinutes(-Math.Abs(fromBack % (60 * 24 * 60))); // up to 60 days before
        var minutes = 0.5 + halfDays % 40 * 240.0 + (halfDays % 3 == 0 ? 17 : 0);
        var cutoff = Calendar.SubtractWorkingMinutes(to, minutes);
        return Math.Abs(Calendar.WorkingMinutesBetween(cutoff, to) - minutes) < 1e-6
            && Calendar.HasWorkingMinutesBetween(from, to, minutes) == (from <= cutoff)
            && Calendar.HasWorkingMinutesBetween(cutoff, to, minutes - 1e-6) && !Calendar.HasWorkingMinutesBetween(cutoff.AddMinutes(1), to, minutes);
    }

    /// <summary>Any receipt time and any limit: the due date is after the receipt, on a working day, at a session's end, and more days never make it earlier.</summary>
    [Property(MaxTest = 300)]
    public bool Due_dates_are_working_session_ends_and_grow_with_the_limit(int minuteOffset, byte halfDays)
    {
        var received = new DateTime(2025, 1, 1).AddMinutes(Math.Abs(minuteOffset % (2 * 366 * 24 * 60)));
        var days = 0.5m + halfDays % 40 / 2m;
        var due = Calendar.DueAt(received, days);
        var later = Calendar.DueAt(received, days + 0.5m);
        var day = DateOnly.FromDateTime(due);
        var time = TimeOnly.FromDateTime(due);
        return due > received && Calendar.IsWorkingDay(day) && (time == OfficeHours.Default.MorningEnd || time == OfficeHours.Default.AfternoonEnd)
            && later >= due;
    }
}
