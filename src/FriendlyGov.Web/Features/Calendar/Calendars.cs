using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Calendar;

public sealed record DueDateDto(string Unit, DateTime Received, decimal? WorkingDays, bool SameDay, DateTime Due, string DueText);
public sealed record CalendarYearDto(int Year, string Unit, OfficeHoursDto OfficeHours, List<CalendarDayDto> Days);
public sealed record CalendarDayDto(DateOnly Date, string DayName, bool Working, string Reason);
public sealed record OfficeHoursDto(string MorningStart, string MorningEnd, string AfternoonStart, string AfternoonEnd, bool SaturdayMorning, string SameDayCutoff);

/// <summary>The working calendar of a commune: the national table plus the commune's office hours.</summary>
public sealed class Calendars(AppDbContext db, ReferenceCache cache)
{
    /// <summary>
    /// Shared across requests (an intake does not read the national table and the office hours each time) until this process
    /// saves a day off or office hours. Office hours are public information: read past the tenant filter, for this table alone.
    /// </summary>
    public async Task<WorkingCalendar> ForUnitAsync(int unitId) =>
        (await cache.GetOrLoadAsync("calendar:" + unitId, async () =>
        {
            var overrides = await db.CalendarOverrides.AsNoTracking().Select(o => new CalendarOverride(o.Date, o.Working, o.Reason)).ToListAsync();
            var hours = await db.OfficeHours.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().FirstOrDefaultAsync(h => h.UnitId == unitId);
            return new WorkingCalendar(overrides, hours?.ToDomain() ?? OfficeHours.Default);
        }))!;

    public async Task<Outcome<DueDateDto>> DueDateAsync(string? unitCode, string? from, decimal? workingDays, bool sameDay)
    {
        var errors = new List<RuleViolation>();
        var unit = await db.CommuneByCodeAsync(unitCode);
        if (unit is null) errors.Add(new("unit", "Không có xã, phường với mã này."));
        if (!TryParseLocal(from, out var received)) errors.Add(new("from", "Nhập thời điểm tiếp nhận theo dạng 2025-01-24T10:00 (giờ Việt Nam)."));
        if (!sameDay && (workingDays is null || workingDays <= 0 || workingDays > 365 || workingDays * 2 != Math.Floor(workingDays.Value * 2)))
            errors.Add(new("workingDays", "Số ngày làm việc từ 0,5 đến 365, tính theo nửa ngày."));
        if (errors.Count > 0) return Outcome<DueDateDto>.Invalid(errors);
        var calendar = await ForUnitAsync(unit!.Id);
        var due = sameDay ? calendar.SameDayDueAt(received) : calendar.DueAt(received, workingDays!.Value);
        return Outcome<DueDateDto>.Success(new DueDateDto(unit.Code, received, sameDay ? null : workingDays, sameDay, due, VietnameseDates.Long(due)));
    }

    public async Task<CalendarYearDto> YearAsync(AdministrativeUnit unit, int year)
    {
        var calendar = await ForUnitAsync(unit.Id);
        var h = calendar.Hours;
        return new CalendarYearDto(year, unit.Code,
            new OfficeHoursDto(T(h.MorningStart), T(h.MorningEnd), T(h.AfternoonStart), T(h.AfternoonEnd), h.SaturdayMorning, T(h.SameDayCutoff)),
            calendar.ExceptionalDays(year).Select(d => new CalendarDayDto(d.Date, VietnameseDates.DayName(d.Date), d.Working, d.Reason)).ToList());
    }

    /// <summary>A local Vietnam time; a time with an offset is converted to Vietnam time.</summary>
    public static bool TryParseLocal(string? text, out DateTime local)
    {
        local = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
        {
            local = VietnamTime.FromUtc(withOffset.UtcDateTime);
            return true;
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        local = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        return true;
    }

    private static string T(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The announced days already known go into the table once, so an administrator edits them like any other.</summary>
    public static async Task EnsureAnnouncedDaysAsync(AppDbContext db)
    {
        if (await db.CalendarOverrides.AnyAsync()) return;
        db.CalendarOverrides.AddRange(AnnouncedDays.Known.Select(o => new CalendarDayOverride { Date = o.Date, Working = o.Working, Reason = o.Reason }));
        await db.SaveChangesAsync();
    }
}

public static class CalendarSetup
{
    public static IServiceCollection AddCalendar(this IServiceCollection services) =>
        services.AddScoped<Calendars>();

    public static RouteGroupBuilder MapCalendar(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/calendar").WithTags("Calendar");
        g.MapGet("/due-date", async Task<Results<Ok<DueDateDto>, ValidationProblem>> (Calendars calendars, string? unit, string? from, decimal? workingDays, bool? sameDay) =>
        {
            var outcome = await calendars.DueDateAsync(unit, from, workingDays, sameDay ?? false);
            return outcome.Ok ? TypedResults.Ok(outcome.Value) : BadRequest(outcome.Errors);
        }).WithSummary("Due date of a dossier received at `from` (Vietnam local time) after `workingDays` working days, or same day (`sameDay=true`).");

        g.MapGet("/{year:int}", async Task<Results<Ok<CalendarYearDto>, ValidationProblem, ProblemHttpResult>> (Calendars calendars, AppDbContext db, int year, string? unit) =>
        {
            if (year is < 1990 or > 2100) return BadRequest([new("year", "Năm từ 1990 đến 2100.")]);
            var commune = await db.CommuneByCodeAsync(unit);
            if (commune is null) return Problems.NotFound($"Không có xã, phường mã {unit}.");
            return TypedResults.Ok(await calendars.YearAsync(commune, year));
        }).WithSummary("Days off on weekdays and working weekends of a year, with the commune's office hours.");
        return api;
    }

    /// <summary>Bad query parameters are a 400 validation problem, like the framework's own.</summary>
    private static ValidationProblem BadRequest(IEnumerable<RuleViolation> errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "Dữ liệu không hợp lệ");
}
