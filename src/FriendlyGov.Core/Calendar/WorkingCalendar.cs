namespace FriendlyGov.Core.Domain;

/// <summary>One day as the counter sees it.</summary>
public sealed record CalendarDay(DateOnly Date, bool Working, string Reason);

/// <summary>An entry of the government's yearly table: an extra day off, or a make-up working day (often a Saturday).</summary>
public sealed record CalendarOverride(DateOnly Date, bool Working, string Reason);

/// <summary>A unit's reception hours. Saturday-morning reception opens the counter; it does not make Saturday a working day.</summary>
public sealed record OfficeHours(TimeOnly MorningStart, TimeOnly MorningEnd, TimeOnly AfternoonStart, TimeOnly AfternoonEnd,
    bool SaturdayMorning, TimeOnly SameDayCutoff)
{
    /// <summary>07:00–11:30 and 13:30–17:00; same-day procedures accepted until 15:00 (a provincial rule: configurable).</summary>
    public static readonly OfficeHours Default = new(new(7, 0), new(11, 30), new(13, 30), new(17, 0), false, new(15, 0));

    public int MinutesPerDay => (int)((MorningEnd - MorningStart).TotalMinutes + (AfternoonEnd - AfternoonStart).TotalMinutes);

    public List<string> Problems()
    {
        var p = new List<string>();
        if (!(MorningStart < MorningEnd && MorningEnd <= AfternoonStart && AfternoonStart < AfternoonEnd))
            p.Add("Giờ làm việc phải theo thứ tự: bắt đầu sáng < kết thúc sáng ≤ bắt đầu chiều < kết thúc chiều.");
        if (SameDayCutoff < MorningStart || SameDayCutoff > AfternoonEnd)
            p.Add("Giờ tiếp nhận hồ sơ trả trong ngày phải nằm trong giờ làm việc.");
        return p;
    }
}

/// <summary>
/// The Labour Code 2019 (Art. 112) holidays of a year: 1/1; Tết, 5 days (the last day of the lunar year and the first four
/// of the new one, as computed; the government's table moves them); Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; Quốc khánh
/// 2/9 with the day before or after. A holiday on a weekly rest day is taken on the next working day (Art. 111).
/// </summary>
public static class VietnamHolidays
{
    public static IReadOnlyList<CalendarDay> For(int year)
    {
        var tet = LunarCalendar.NewYear(year);
        var days = new List<(DateOnly Date, string Reason)>
        {
            (new(year, 1, 1), "Tết Dương lịch"),
            (tet.AddDays(-1), "Tết Nguyên đán (ngày cuối năm âm lịch)"),
            (tet, "Tết Nguyên đán (mùng 1)"),
            (tet.AddDays(1), "Tết Nguyên đán (mùng 2)"),
            (tet.AddDays(2), "Tết Nguyên đán (mùng 3)"),
            (tet.AddDays(3), "Tết Nguyên đán (mùng 4)"),
            (LunarCalendar.ToSolar(year, 3, 10), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
            (new(year, 4, 30), "Ngày Chiến thắng (30/4)"),
            (new(year, 5, 1), "Ngày Quốc tế Lao động (1/5)"),
            (new(year, 9, 2), "Quốc khánh (2/9)"),
            // The Prime Minister picks the adjacent day each year; this default (the Monday when 2/9 is a Tuesday, otherwise
            // 3/9) matches 2024 and 2025 and is overridden by the yearly table.
            (new DateOnly(year, 9, 2).DayOfWeek == DayOfWeek.Tuesday ? new(year, 9, 1) : new(year, 9, 3), "Quốc khánh (ngày liền kề)"),
        };
        var taken = days.Select(d => d.Date).ToHashSet();
        var result = new List<CalendarDay>();
        foreach (var (date, reason) in days.OrderBy(d => d.Date))
        {
            result.Add(new CalendarDay(date, false, reason));
            if (!IsWeekend(date)) continue;
            var comp = date.AddDays(1);
            while (IsWeekend(comp) || taken.Contains(comp)) comp = comp.AddDays(1);
            taken.Add(comp);
            result.Add(new CalendarDay(comp, false, $"Nghỉ bù {reason}"));
        }
        return result.OrderBy(d => d.Date).ToList();
    }

    public static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}

/// <summary>
/// Working days and due dates for one unit: weekends and holidays off, the government's table applied on top, and the
/// unit's office hours. Times are Vietnam local time (UTC+7, no daylight saving).
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, CalendarOverride> _overrides;
    // Read for every day a deadline spans, by every request sharing this calendar: lock-free once the year is built.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Dictionary<DateOnly, string>> _holidays = new();

    public WorkingCalendar(IEnumerable<CalendarOverride> overrides, OfficeHours hours)
    {
        _overrides = overrides.GroupBy(o => o.Date).ToDictionary(g => g.Key, g => g.Last());
        Hours = hours;
    }

    public OfficeHours Hours { get; }

    public CalendarDay Day(DateOnly date)
    {
        if (_overrides.TryGetValue(date, out var o)) return new CalendarDay(date, o.Working, o.Reason);
        if (HolidaysOf(date.Year).TryGetValue(date, out var reason)) return new CalendarDay(date, false, reason);
        if (VietnamHolidays.IsWeekend(date)) return new CalendarDay(date, false, date.DayOfWeek == DayOfWeek.Saturday ? "Thứ Bảy" : "Chủ nhật");
        return new CalendarDay(date, true, "Ngày làm việc");
    }

    /// <summary>Same answer as <see cref="Day"/>, without building the day's description: deadlines ask this for every day they span.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_overrides.TryGetValue(date, out var o)) return o.Working;
        if (HolidaysOf(date.Year).ContainsKey(date)) return false;
        return !VietnamHolidays.IsWeekend(date);
    }

    /// <summary>The days of a year that differ from an ordinary week: holidays and days off on weekdays, and working weekends.</summary>
    public List<CalendarDay> ExceptionalDays(int year)
    {
        var result = new List<CalendarDay>();
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            var day = Day(d);
            if (day.Working == VietnamHolidays.IsWeekend(d)) result.Add(day);
        }
        return result;
    }

    /// <summary>
    /// When a dossier received at <paramref name="received"/> is due after <paramref name="workingDays"/> working days
    /// (halves allowed): the working time is counted in office hours only, from the receipt (or the next opening, for a
    /// dossier received after closing or on a day off), and the result is rounded up to the end of its half-day.
    /// </summary>
    public DateTime DueAt(DateTime received, decimal workingDays)
    {
        if (workingDays <= 0) throw new ArgumentOutOfRangeException(nameof(workingDays), "Thời hạn phải lớn hơn 0.");
        var exact = AddWorkingMinutes(received, (double)workingDays * Hours.MinutesPerDay);
        return SessionAtOrAfter(exact.AddTicks(-1)).End; // half-day precision: due by the end of the session in which the time runs out
    }

    /// <summary>The instant when <paramref name="minutes"/> of office time have passed after <paramref name="from"/>.</summary>
    public DateTime AddWorkingMinutes(DateTime from, double minutes)
    {
        var remaining = minutes;
        var cursor = from;
        while (true)
        {
            var (start, end) = SessionAtOrAfter(cursor);
            if (cursor < start) cursor = start;
            var available = (end - cursor).TotalMinutes;
            if (remaining <= available + 1e-9) return cursor.AddMinutes(remaining);
            remaining -= available;
            cursor = end;
        }
    }

    /// <summary>
    /// The latest instant from which <paramref name="minutes"/> (more than 0) of office time have passed by <paramref name="to"/>:
    /// <c>HasWorkingMinutesBetween(t, to, minutes)</c> holds exactly for the times t up to it. One walk back from
    /// <paramref name="to"/> answers the question for every deadline of a calendar at once (a desk counts the petitions
    /// escalated to the province in the database, as those due by this instant).
    /// </summary>
    public DateTime SubtractWorkingMinutes(DateTime to, double minutes)
    {
        if (minutes <= 0) throw new ArgumentOutOfRangeException(nameof(minutes), "Số phút phải lớn hơn 0.");
        var remaining = minutes;
        var cursor = to;
        while (true)
        {
            var (start, end) = SessionBefore(cursor);
            if (cursor > end) cursor = end;
            var available = (cursor - start).TotalMinutes;
            if (remaining <= available + 1e-9) return cursor.AddMinutes(-remaining);
            remaining -= available;
            cursor = start;
        }
    }

    /// <summary>"Trong ngày": due at closing the same working day, or the next one when received after the cut-off.</summary>
    public DateTime SameDayDueAt(DateTime received)
    {
        var day = DateOnly.FromDateTime(received);
        var time = TimeOnly.FromDateTime(received);
        if (!IsWorkingDay(day) || time > Hours.SameDayCutoff) day = NextWorkingDay(day);
        return day.ToDateTime(Hours.AfternoonEnd);
    }

    public DateOnly NextWorkingDay(DateOnly after)
    {
        var d = after.AddDays(1);
        for (var guard = 0; !IsWorkingDay(d); guard++, d = d.AddDays(1))
            if (guard > 60) throw new InvalidOperationException("No working day within 60 days: check the calendar table.");
        return d;
    }

    /// <summary>Working minutes between two local times (office hours of working days only); negative when reversed.</summary>
    public double WorkingMinutesBetween(DateTime from, DateTime to) => to < from ? -Sum(to, from, double.PositiveInfinity) : Sum(from, to, double.PositiveInfinity);

    /// <summary>
    /// Whether <c>WorkingMinutesBetween(from, to) &gt;= minutes</c>, forward counting stopped once the sum gets there (a
    /// petition overdue for months asks only whether it is a few days late, not how many).
    /// </summary>
    public bool HasWorkingMinutesBetween(DateTime from, DateTime to, double minutes) =>
        to < from ? WorkingMinutesBetween(from, to) >= minutes : Sum(from, to, minutes) >= minutes;

    /// <summary>Working minutes from <paramref name="from"/> to a later <paramref name="to"/>, or the first partial sum reaching <paramref name="stopAt"/>.</summary>
    private double Sum(DateTime from, DateTime to, double stopAt)
    {
        double total = 0;
        var cursor = from;
        while (cursor < to && total < stopAt)
        {
            var (start, end) = SessionAtOrAfter(cursor);
            if (start >= to) break;
            if (cursor < start) cursor = start;
            var stop = end < to ? end : to;
            total += (stop - cursor).TotalMinutes;
            cursor = end;
        }
        return total;
    }

    /// <summary>The office session (morning or afternoon of a working day) containing <paramref name="t"/>, or the next one.</summary>
    private (DateTime Start, DateTime End) SessionAtOrAfter(DateTime t)
    {
        var day = DateOnly.FromDateTime(t);
        for (var guard = 0; guard < 120; guard++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day)) continue;
            var morningEnd = day.ToDateTime(Hours.MorningEnd);
            if (t < morningEnd) return (day.ToDateTime(Hours.MorningStart), morningEnd);
            var afternoonEnd = day.ToDateTime(Hours.AfternoonEnd);
            if (t < afternoonEnd) return (day.ToDateTime(Hours.AfternoonStart), afternoonEnd);
        }
        throw new InvalidOperationException("No working session within 120 days: check the calendar table.");
    }

    /// <summary>The office session that started before <paramref name="t"/> (containing it, or the latest one before it).</summary>
    private (DateTime Start, DateTime End) SessionBefore(DateTime t)
    {
        var day = DateOnly.FromDateTime(t);
        for (var guard = 0; guard < 120; guard++, day = day.AddDays(-1))
        {
            if (!IsWorkingDay(day)) continue;
            var afternoonStart = day.ToDateTime(Hours.AfternoonStart);
            if (t > afternoonStart) return (afternoonStart, day.ToDateTime(Hours.AfternoonEnd));
            var morningStart = day.ToDateTime(Hours.MorningStart);
            if (t > morningStart) return (morningStart, day.ToDateTime(Hours.MorningEnd));
        }
        throw new InvalidOperationException("No working session within 120 days: check the calendar table.");
    }

    private Dictionary<DateOnly, string> HolidaysOf(int year) =>
        _holidays.GetOrAdd(year, y => VietnamHolidays.For(y).GroupBy(d => d.Date).ToDictionary(g => g.Key, g => g.First().Reason));
}

/// <summary>Vietnam's clock: UTC+7 all year.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);
    public static DateTime FromUtc(DateTime utc) => DateTime.SpecifyKind(utc.Add(Offset), DateTimeKind.Unspecified);
    public static DateTime ToUtc(DateTime local) => DateTime.SpecifyKind(local.Subtract(Offset), DateTimeKind.Utc);
}

/// <summary>
/// The government's announced arrangements already known, loaded into the editable table on first start. Later years
/// are added by an administrator when the Prime Minister's notice comes out.
/// </summary>
public static class AnnouncedDays
{
    public static readonly IReadOnlyList<CalendarOverride> Known =
    [
        // Tết Ất Tỵ 2025: 9 days off, 25/1–2/2; the five Tết days were 27–31/1, so 3/2 is worked.
        new(new(2025, 1, 27), false, "Nghỉ Tết Ất Tỵ theo thông báo của Chính phủ"),
        new(new(2025, 2, 3), true, "Đi làm: ngày nghỉ Tết đã bố trí vào 27/1/2025"),
        // 30/4–1/5/2025: 2/5 off, worked on Saturday 26/4.
        new(new(2025, 5, 2), false, "Nghỉ hoán đổi dịp 30/4–1/5/2025"),
        new(new(2025, 4, 26), true, "Làm bù cho ngày 2/5/2025"),
    ];
}

public static class VietnameseDates
{
    /// <summary>
    /// The form's wording: "11 giờ 30 phút, ngày 04 tháng 02 năm 2025"; for a reader who chose English, "11:30, 4 February 2025"
    /// (printed forms are rendered in Vietnamese whatever the choice).
    /// </summary>
    public static string Long(DateTime local) =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
            ? local.ToString("HH:mm, d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))
            : $"{local:HH} giờ {local:mm} phút, ngày {local:dd} tháng {local:MM} năm {local:yyyy}";

    public static string DayName(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Monday => "Thứ Hai", DayOfWeek.Tuesday => "Thứ Ba", DayOfWeek.Wednesday => "Thứ Tư", DayOfWeek.Thursday => "Thứ Năm",
        DayOfWeek.Friday => "Thứ Sáu", DayOfWeek.Saturday => "Thứ Bảy", _ => "Chủ nhật",
    };
}
