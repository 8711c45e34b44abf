using System.Security.Claims;
using System.Threading.RateLimiting;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Satisfaction;

public sealed record RatingDto(long Id, DateTime At, RatingSource Source, SatisfactionLevel Overall, string OverallName,
    Dictionary<string, string?> Aspects, List<string> Code, string? Comment, string? Official, string? Procedure, string Commune,
    FollowUpStatus? FollowUp, string? DossierCode, string? ContactName, string? ContactPhone, bool WantsReply);

public sealed record FollowUpDto(long Id, long RatingId, string Commune, FollowUpStatus Status, DateTime OpenedAt, DateTime DueAt, bool Overdue,
    SatisfactionLevel Overall, string? Comment, string? ContactName, string? ContactPhone, string? ContactNote, string? Explanation,
    string? Changes, DateTime? ClosedAt, string? HandledBy, int Version);

/// <summary>A rating just given: its id, and whether it opened a follow-up (an unhappy rating the leader must answer).</summary>
public sealed record RatingCreatedDto(long Id, bool FollowUp);
public sealed record FollowUpSavedDto(long Id, FollowUpStatus Status, int Version);
public sealed record KioskRatingDto(long Id);

public static class SatisfactionSetup
{
    public const string KioskScheme = "Kiosk";
    public const string KioskPolicy = "kiosk";
    public const string KioskClaim = "fg:kiosk";
    /// <summary>Public ratings per client address: generous for the commune house's shared Wi-Fi, not for a flood.</summary>
    public const string RatingLimit = "rating";

    public static IServiceCollection AddSatisfaction(this IServiceCollection services)
    {
        services.AddScoped<Ratings>().AddScoped<FollowUps>().AddScoped<SatisfactionReport>().AddScoped<Kiosks>();
        // The kiosk's own cookie, valid under /kiosk only: the tablet holds no officer's sign-in and reaches nothing else.
        services.AddAuthentication().AddCookie(KioskScheme, o =>
        {
            o.Cookie.Name = "fg.kiosk";
            o.Cookie.Path = "/kiosk";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(14);
            o.LoginPath = "/dang-nhap";
            o.AccessDeniedPath = "/can-bo/kiosk";
            o.Events.OnValidatePrincipal = async ctx =>
            {
                var kiosks = ctx.HttpContext.RequestServices.GetRequiredService<Kiosks>();
                if (await kiosks.ActiveAsync(ctx.Principal) is null)
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(KioskScheme);
                }
            };
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/kiosk/gui")) ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else ctx.Response.Redirect("/dang-nhap?ReturnUrl=%2Fcan-bo%2Fkiosk"); // an officer signs in and starts the kiosk
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(KioskPolicy, p => p.AddAuthenticationSchemes(KioskScheme).RequireClaim(KioskClaim));
        services.AddRateLimiter(o => o.AddPolicy(RatingLimit, http => ClientLimits.ConfiguredPostsPerClient(http, RatingLimit, "Ratings:PerClientPerTenMinutes", 20)));
        return services;
    }

    public static RouteGroupBuilder MapSatisfaction(this RouteGroupBuilder api)
    {
        api.MapPost("/tracking/{key}/rating", async (Ratings ratings, HttpContext http, string key, RatingInput input) =>
                Problems.Typed(await ratings.ForDossierAsync(key, input, http.Connection.RemoteIpAddress?.ToString()),
                    r => TypedResults.Created($"/api/v1/tracking/{key}", new RatingCreatedDto(r.Id, SatisfactionLevels.NeedsFollowUp(r.Overall, r.CodeAnswers)))))
            .RequireRateLimiting(RatingLimit).WithTags("Satisfaction")
            .WithSummary("Rate a dossier once its result is returned (one rating per dossier).");

        var staff = api.MapGroup("/satisfaction").RequireAuthorization(Policies.Staff).WithTags("Satisfaction");
        staff.MapGet("/", async Task<Results<Ok<SatisfactionReportDto>, ProblemHttpResult>> (SatisfactionReport report, HttpContext http, string? unit, DateOnly? from, DateOnly? to, string? groupBy) =>
            {
                ReportGrouping? grouping = null;
                if (!string.IsNullOrWhiteSpace(groupBy))
                {
                    if (!Enum.TryParse<ReportGrouping>(groupBy.Trim(), ignoreCase: true, out var g) || !Enum.IsDefined(g))
                        return Problems.Unprocessable([new("groupBy", "Nhóm theo: commune, official, procedure, month, quarter hoặc year.")]);
                    grouping = g;
                }
                return Problems.Ok(await report.BuildAsync(new ReportRequest(unit, from, to, grouping), http.User), r => r);
            })
            .WithMetadata(new ReadsMayLagAttribute())
            .WithSummary("Satisfaction indices of a commune or a supervisor's area, grouped by commune, official, procedure, month, quarter or year.");
        staff.MapGet("/ratings", async (AppDbContext db, HttpContext http, string? unit, DateOnly? from, DateOnly? to) =>
                Problems.Ok(await RatingListAsync(db, http, unit, from, to), r => r))
            .WithSummary("Ratings and comments: an official sees their own, without who rated; a leader sees the commune's, with the contact left.");
        var leader = api.MapGroup("/satisfaction/follow-ups").RequireAuthorization(Policies.Leader).WithTags("Satisfaction");
        leader.MapGet("/", async (FollowUps followUps, bool? open) =>
            TypedResults.Ok((await followUps.ListAsync(open ?? false)).Select(ToDto).ToList()));
        leader.MapPost("/{id:long}", async (FollowUps followUps, long id, FollowUpInput input) =>
            Problems.Ok(await followUps.UpdateAsync(id, input), f => new FollowUpSavedDto(f.Id, f.Status, f.Version)))
            .WithSummary("Record the contact, the explanation or apology and what changed; close the follow-up.");
        return api;
    }

    /// <summary>The kiosk's background sender: JSON, the kiosk cookie and an antiforgery header.</summary>
    public static void MapKiosk(this WebApplication app)
    {
        app.MapPost("/kiosk/gui", async Task<IResult> (Kiosks kiosks, Ratings ratings, IAntiforgery antiforgery, HttpContext http, RatingInput input) =>
            {
                if (!await antiforgery.IsRequestValidAsync(http))
                    return TypedResults.Problem(title: "Phiên làm việc đã hết hạn, hãy tải lại trang", statusCode: StatusCodes.Status400BadRequest);
                if (await kiosks.ActiveAsync(http.User) is not { } session) return Results.Unauthorized();
                return Problems.Ok(await ratings.AtKioskAsync(session, input), r => new KioskRatingDto(r.Id));
            })
            .RequireAuthorization(KioskPolicy).DisableAntiforgery().ExcludeFromDescription();
    }

    public static FollowUpDto ToDto(FollowUpView v) => new(v.FollowUp.Id, v.Rating.Id, v.Commune, v.FollowUp.Status, v.FollowUp.OpenedAt,
        v.FollowUp.DueAt, v.Overdue, v.Rating.Overall, v.Rating.Comment, v.Rating.ContactName, v.Rating.ContactPhone, v.FollowUp.ContactNote,
        v.FollowUp.Explanation, v.FollowUp.Changes, v.FollowUp.ClosedAt, v.FollowUp.HandledByName, v.FollowUp.Version);

    /// <summary>
    /// Ratings of a commune (or area) in a period, newest first. Who rated stays hidden from the official rated: no dossier
    /// code, no contact. Only the commune's leader, who must call the citizen back, sees the contact they left.
    /// </summary>
    public static async Task<Outcome<List<RatingDto>>> RatingListAsync(AppDbContext db, HttpContext http, string? unit, DateOnly? from, DateOnly? to)
    {
        var user = http.User;
        var access = http.RequestServices.GetRequiredService<UnitAccess>();
        var units = http.RequestServices.GetRequiredService<UnitDirectory>();
        AdministrativeUnit? target = string.IsNullOrWhiteSpace(unit)
            ? user.UnitId() is int home ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == home) : null
            : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unit.Trim());
        if (target is null || !await access.MayAsync(user, target.Id, UnitOperations.Read)) return Outcome<List<RatingDto>>.NotFound();
        var ids = units.Graph.Owners(target.Level == UnitLevel.Commune ? units.Graph.CommuneScope(target.Id) : units.Graph.Subtree(target.Id));
        var q = db.Ratings.AsNoTracking().Where(r => ids.Contains(r.UnitId));
        if (from is DateOnly f) { var t = VietnamTime.ToUtc(f.ToDateTime(TimeOnly.MinValue)); q = q.Where(r => r.At >= t); }
        if (to is DateOnly e) { var t = VietnamTime.ToUtc(e.AddDays(1).ToDateTime(TimeOnly.MinValue)); q = q.Where(r => r.At < t); }
        var seesAll = SatisfactionReport.SeesEveryOfficial(user);
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!seesAll) q = q.Where(r => r.OfficialId == me);
        var leader = user.IsInRole(Roles.CommuneLeader);
        var rows = await q.OrderByDescending(r => r.At).Take(500).Select(r => new
        {
            Rating = r,
            FollowUp = db.FollowUps.Where(x => x.RatingId == r.Id).Select(x => (FollowUpStatus?)x.Status).FirstOrDefault(),
            DossierCode = db.Dossiers.Where(d => d.Id == r.DossierId).Select(d => d.Code).FirstOrDefault(),
        }).ToListAsync();
        var names = await db.UnitNamesAsync(ids);
        return Outcome<List<RatingDto>>.Success(rows.Select(x =>
        {
            var r = x.Rating;
            return new RatingDto(r.Id, r.At, r.Source, r.Overall, SatisfactionLevels.VietnameseName(r.Overall),
                Enum.GetValues<SipasAspect>().ToDictionary(a => a.ToString(), a => r.Aspect(a) is { } l ? SatisfactionLevels.VietnameseName(l) : null),
                r.CodeAnswers.Select(a => a.ToString()).ToList(), r.Comment, r.OfficialName, r.ProcedureName, names.GetValueOrDefault(r.UnitId, ""),
                x.FollowUp, leader ? x.DossierCode : null, leader ? r.ContactName : null, leader ? r.ContactPhone : null, r.WantsReply);
        }).ToList());
    }
}
