using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Communes;

public sealed class ProfileInput
{
    [StringLength(300, ErrorMessage = "Địa chỉ tối đa 300 ký tự.")]
    public string? Address { get; set; }

    [RegularExpression(@"^[0-9 .+()-]{8,20}$", ErrorMessage = "Số điện thoại gồm 8–20 chữ số (có thể có dấu cách, chấm, gạch).")]
    public string? Phone { get; set; }

    [EmailAddress(ErrorMessage = "Thư điện tử không hợp lệ.")]
    [StringLength(200, ErrorMessage = "Thư điện tử tối đa 200 ký tự.")]
    public string? Email { get; set; }

    [StringLength(300, ErrorMessage = "Giờ làm việc tối đa 300 ký tự.")]
    public string? OfficeHours { get; set; }

    [StringLength(4000, ErrorMessage = "Giới thiệu tối đa 4000 ký tự.")]
    public string? Introduction { get; set; }

    [StringLength(100, ErrorMessage = "Họ tên tối đa 100 ký tự.")]
    public string? ChairpersonName { get; set; }

    /// <summary>Where the commune's office stands (WGS 84): the supervisors' roll-out map places the commune there.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>A petition's answer waits for a leader's approval before it is sent and published; absent: unchanged.</summary>
    public bool? AnswersNeedApproval { get; set; }

    /// <summary>The version the editor saw; a stale one is refused rather than overwriting someone else's change.</summary>
    public int? Version { get; set; }
}

public sealed record ProfileDto(string UnitCode, string UnitName, string? Address, string? Phone, string? Email, string? OfficeHours,
    string? Introduction, string? ChairpersonName, int Version, double? Latitude = null, double? Longitude = null, bool AnswersNeedApproval = true);

/// <summary>The commune's public profile: everyone reads it; the commune's leader changes it.</summary>
public sealed class CommuneProfiles(AppDbContext db, IAuthorizationService authorization, Calendar.Calendars calendars)
{
    /// <summary>
    /// The hours the commune receives people, as its working calendar has them (the hours its appointments are counted in),
    /// each sentence through <paramref name="format"/> (a localizer, or plain formatting for Vietnamese).
    /// </summary>
    public static string DescribeHours(OfficeHours h, Func<string, object[], string> format)
    {
        static string T(TimeOnly t) => t.ToString("H:mm", System.Globalization.CultureInfo.InvariantCulture);
        var text = format("Sáng {0}–{1}, chiều {2}–{3}, từ thứ Hai đến thứ Sáu", [T(h.MorningStart), T(h.MorningEnd), T(h.AfternoonStart), T(h.AfternoonEnd)]);
        return h.SaturdayMorning ? text + format("; sáng thứ Bảy {0}–{1}", [T(h.MorningStart), T(h.MorningEnd)]) : text;
    }

    /// <summary>The hours in Vietnamese, as the API and a profile without its own text give them.</summary>
    public static string DescribeHours(OfficeHours h) => DescribeHours(h, (f, a) => string.Format(System.Globalization.CultureInfo.InvariantCulture, f, a));

    /// <summary>The hours the commune's calendar counts in (the office hours its leader set, or the usual ones).</summary>
    public async Task<OfficeHours> HoursAsync(string code) =>
        await db.CommuneByCodeAsync(code) is { } unit ? (await calendars.ForUnitAsync(unit.Id)).Hours : OfficeHours.Default;

    /// <summary>Public read: the profile is published information, so the tenant filter is lifted for it alone.</summary>
    public async Task<ProfileDto?> GetPublicAsync(string code)
    {
        var unit = await db.CommuneByCodeAsync(code);
        if (unit is null) return null;
        var p = await db.CommuneProfiles.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().FirstOrDefaultAsync(x => x.UnitId == unit.Id);
        // Without a text of its own, the profile gives the hours the commune's calendar counts appointments in.
        var hours = p?.OfficeHours ?? DescribeHours((await calendars.ForUnitAsync(unit.Id)).Hours);
        return new ProfileDto(unit.Code, unit.FullName, p?.Address, p?.Phone, p?.Email, hours,
            p?.Introduction, p?.ChairpersonName, p?.Version ?? 0, p?.Latitude, p?.Longitude, !(p?.PetitionAnswersWithoutApproval ?? false));
    }

    public async Task<Outcome<ProfileDto>> UpdateAsync(string code, ProfileInput input, System.Security.Claims.ClaimsPrincipal actor)
    {
        var unit = await db.CommuneByCodeAsync(code);
        if (unit is null || !(await authorization.AuthorizeAsync(actor, new UnitResource(unit.Id), UnitOperations.Read)).Succeeded)
            return Outcome<ProfileDto>.NotFound();
        // Reading is not changing: a supervisor or another role gets a clear refusal, not a silent no-op.
        if (!actor.IsInRole(Roles.CommuneLeader) && !actor.IsInRole(Roles.Admin)
            || !(await authorization.AuthorizeAsync(actor, new UnitResource(unit.Id), UnitOperations.Change)).Succeeded)
            throw new UnitAccessDeniedException(nameof(CommuneProfile), unit.Id);

        if (Coordinates.Problem(input.Latitude, input.Longitude) is { } where) return Outcome<ProfileDto>.Invalid([new("Latitude", where)]);
        var profile = await db.CommuneProfiles.FirstOrDefaultAsync(p => p.UnitId == unit.Id);
        if (profile is null) db.CommuneProfiles.Add(profile = new CommuneProfile { UnitId = unit.Id });
        else if (input.Version is int seen) RefusedException.IfStale(seen, profile.Version, "Thông tin xã");
        profile.Address = Blank(input.Address);
        profile.Phone = Blank(input.Phone);
        profile.Email = Blank(input.Email);
        // The calendar's own description, sent back as the form (or a GET of the profile) showed it, is not a text of the
        // commune's: stored, it would freeze the hours against the next change of the calendar, in one language.
        var hoursText = Blank(input.OfficeHours);
        profile.OfficeHours = hoursText == DescribeHours((await calendars.ForUnitAsync(unit.Id)).Hours) ? null : hoursText;
        profile.Introduction = Blank(input.Introduction);
        profile.ChairpersonName = Blank(input.ChairpersonName);
        (profile.Latitude, profile.Longitude) = (input.Latitude, input.Longitude);
        if (input.AnswersNeedApproval is bool approval) profile.PetitionAnswersWithoutApproval = !approval;
        await db.SaveChangesAsync();
        return Outcome<ProfileDto>.Success((await GetPublicAsync(code))!);
    }

    /// <summary>Where each commune's office is, for the map of the roll-out (public information).</summary>
    public async Task<Dictionary<int, (double? Latitude, double? Longitude)>> PlacesAsync(IReadOnlyCollection<int> unitIds) =>
        await db.CommuneProfiles.AsNoTracking().Where(p => unitIds.Contains(p.UnitId) && p.Latitude != null)
            .ToDictionaryAsync(p => p.UnitId, p => (p.Latitude, p.Longitude));
}

public static class CommunesSetup
{
    public static IServiceCollection AddCommunes(this IServiceCollection services) => services.AddScoped<CommuneProfiles>();

    public static RouteGroupBuilder MapCommunes(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/communes").WithTags("Communes");
        g.MapGet("/{code}/profile", async (CommuneProfiles profiles, string code) =>
            Problems.Found(await profiles.GetPublicAsync(code), $"Không có xã, phường mã {code}."));
        g.MapPut("/{code}/profile", async (CommuneProfiles profiles, HttpContext http, string code, ProfileInput input) =>
        {
            var outcome = await profiles.UpdateAsync(code, input, http.User);
            return Problems.Ok(outcome, v => v, $"Không có xã, phường mã {code} trong phạm vi của bạn.");
        }).RequireAuthorization(Policies.Staff);
        return api;
    }
}
