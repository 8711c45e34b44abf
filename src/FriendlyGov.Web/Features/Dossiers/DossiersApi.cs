using System.Threading.RateLimiting;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Procedures;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace FriendlyGov.Web.Features.Dossiers;

public sealed record DossierDto(string Code, string ProcedureCode, string ProcedureName, DossierStatus Status, string StatusName, DossierChannel Channel,
    string ApplicantName, string CitizenId, string Phone, string Address, DateTime ReceivedAt, DateTime? AppointedAt, string? MissingDocuments,
    string? RefusalReason, string TrackingUrl, int Version, string? AssigneeId);

public sealed record VersionInput(int Version);

/// <summary>One official's reading of a dossier, for its citizen: when, who, in which role, what, and whether the personal details were shown in full.</summary>
public sealed record ReadingDto(DateTime At, string Official, string? Role, string RoleName, string View, string ViewName, bool InFull);

/// <summary>The applicant's ID number, phone and address as one reader may see them (<see cref="DossiersSetup.SeesApplicant"/>).</summary>
public sealed record ApplicantDetails(string CitizenId, string Phone, string Address, bool InFull)
{
    public static ApplicantDetails Of(Dossier d, bool inFull) => inFull ? new(d.CitizenId, d.Phone, d.Address, true)
        : new(Masking.CitizenId(d.CitizenId), Masking.Contact(d.Phone), PersonalData.Hidden, false);
}

/// <summary>One line of the control slip (Mẫu 06).</summary>
public sealed record DossierStepDto(DateTime At, DossierAction Action, DossierStatus Status, string? By, string? To, string? ToUserId, HandOverResult? Verdict, string? Note);

public static class DossiersSetup
{
    /// <summary>Lookups by code and phone digits are throttled per client: four digits must not be guessable by brute force.</summary>
    public const string TrackingLimit = "tracking";
    /// <summary>Online submissions per client: generous for a family, not for a flood.</summary>
    public const string SubmitLimit = "submit";

    public static IServiceCollection AddDossiers(this IServiceCollection services)
    {
        services.AddScoped<Intake>().AddScoped<Tracking>().AddScoped<Processing>().AddSingleton<TrackingLimits>();
        services.AddSingleton<CacheBus>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheBus>());
        services.AddSingleton<ReferenceInvalidation>();
        services.AddSingleton<ICommitListener>(sp => sp.GetRequiredService<ReferenceInvalidation>());
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            return new TrackingCache(sp.GetRequiredService<CacheBus>(), config.GetValue("Tracking:CachedDossiers", TrackingCache.DefaultCachedDossiers),
                sp.GetService<System.Diagnostics.Metrics.IMeterFactory>())
            {
                Enabled = config.GetValue("Tracking:Cache", true),
            };
        });
        services.AddSingleton<ICommitListener>(sp => sp.GetRequiredService<TrackingCache>());
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(TrackingLimit, http => ClientLimits.PerClient(http, 20, TimeSpan.FromMinutes(1)));
            o.AddPolicy(SubmitLimit, http => ClientLimits.PostsPerClient(http, SubmitLimit, 10, TimeSpan.FromMinutes(10)));
        });
        return services;
    }

    public static DossierDto ToDto(Dossier d, HttpRequest request, ApplicantDetails applicant) => new(d.Code, d.ProcedureCode, d.ProcedureName, d.Status,
        DossierLifecycle.VietnameseName(d.Status), d.Channel, d.ApplicantName, applicant.CitizenId, applicant.Phone, applicant.Address, d.ReceivedAt,
        d.AppointedAt, d.MissingDocuments, d.RefusalReason, TrackingUrl(request, d.TrackingKey), d.Version, d.AssigneeId);

    /// <summary>The dossier as this reader may see it: the applicant's details in full only where their work needs them.</summary>
    public static async Task<DossierDto> ToDtoAsync(Dossier d, HttpContext http) =>
        ToDto(d, http.Request, ApplicantDetails.Of(d, await SeesApplicantAsync(http.RequestServices.GetRequiredService<AppDbContext>(), http.User, d)));

    /// <summary>
    /// Who sees an applicant's ID number, phone and address in full: those whose work on the dossier needs them (Decree
    /// 13/2023). In the commune that received it (the tenant filter keeps every other reader out), the counter officers
    /// (they receive, call and return) and the leaders (they assign and sign); a specialist only for a dossier they hold or
    /// have acted on. Any other colleague reads the dossier with these details masked.
    /// </summary>
    public static bool SeesApplicant(ClaimsPrincipal user, Dossier d, IEnumerable<DossierStep> steps) =>
        user.ReadsEveryContact() || user.FindFirstValue(ClaimTypes.NameIdentifier) is { } me && (d.AssigneeId == me || steps.Any(s => s.ByUserId == me));

    /// <summary>
    /// <see cref="SeesApplicant"/> as a query: these dossiers narrowed to those whose applicant's details this reader sees in
    /// full (a search by phone or ID number must not tell a specialist whose dossier a number is).
    /// </summary>
    public static IQueryable<Dossier> WhereApplicantSeen(this IQueryable<Dossier> q, AppDbContext db, ClaimsPrincipal user)
    {
        if (user.ReadsEveryContact()) return q;
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return q.Where(d => d.AssigneeId == me || db.DossierSteps.Any(s => s.DossierId == d.Id && s.ByUserId == me));
    }

    /// <summary><see cref="SeesApplicant"/> for one dossier whose steps are not loaded: they are asked of the database.</summary>
    public static async Task<bool> SeesApplicantAsync(AppDbContext db, ClaimsPrincipal user, Dossier d) =>
        (await ApplicantsSeenAsync(db, user, [d])).Contains(d.Id);

    /// <summary>The ids, among these dossiers, whose applicant's details this reader sees in full (a specialist: held or acted on).</summary>
    public static async Task<HashSet<int>> ApplicantsSeenAsync(AppDbContext db, ClaimsPrincipal user, IReadOnlyCollection<Dossier> dossiers)
    {
        if (user.ReadsEveryContact()) return [.. dossiers.Select(d => d.Id)];
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } me) return [];
        var ids = dossiers.Select(d => d.Id).ToList();
        var actedOn = await db.DossierSteps.AsNoTracking().Where(s => ids.Contains(s.DossierId) && s.ByUserId == me).Select(s => s.DossierId).Distinct().ToListAsync();
        return [.. actedOn.Concat(dossiers.Where(d => d.AssigneeId == me).Select(d => d.Id))];
    }

    private static async Task<Results<Ok<DossierDto>, ProblemHttpResult>> RespondAsync(Outcome<Dossier> outcome, HttpContext http) =>
        outcome.Failure is { } failure ? Problems.Of(failure, "Không có hồ sơ này trong phạm vi của bạn.") : TypedResults.Ok(await ToDtoAsync(outcome.Value!, http));

    public static string TrackingUrl(HttpRequest request, string key) => request.PublicUrl($"/tra-cuu/{key}");

    public static RouteGroupBuilder MapDossiers(this RouteGroupBuilder api)
    {
        api.MapPost("/communes/{code}/dossiers", async Task<Results<Created<DossierDto>, ProblemHttpResult>> (AppDbContext db, UnitAccess access, Intake intake, HttpContext http, string code, IntakeInput input) =>
        {
            // The counter receives for its own commune only; another commune's code is simply not found.
            if (await db.CommuneByCodeAsync(code) is not { } unit || !await access.MayAsync(http.User, unit.Id, UnitOperations.Work))
                return Problems.NotFound($"Không có xã, phường mã {code} trong phạm vi của bạn.");
            var outcome = await intake.ReceiveAsync(unit.Id, input, DossierChannel.InPerson, knownUnit: unit);
            // The counter officer who received it sees what they typed.
            return Problems.Typed(outcome, d => TypedResults.Created($"/api/v1/dossiers/{d.Code}", ToDto(d, http.Request, ApplicantDetails.Of(d, true))));
        }).RequireAuthorization(Policies.CommuneStaff).WithTags("Dossiers").WithSummary("Receive a dossier at the counter: accept (Mẫu 01), incomplete (Mẫu 02) or refuse (Mẫu 03).");

        api.MapGet("/dossiers/{code}", async Task<Results<Ok<DossierDto>, ProblemHttpResult>> (AppDbContext db, HttpContext http, string code) =>
        {
            if (await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code) is not { } d) return Problems.NotFound($"Không có hồ sơ {code} trong phạm vi của bạn.");
            var inFull = await SeesApplicantAsync(db, http.User, d);
            await Readings.RecordAsync(db, http.User, d, Readings.Api, inFull, http.RequestAborted);
            return TypedResults.Ok(ToDto(d, http.Request, ApplicantDetails.Of(d, inFull)));
        })
            .RequireAuthorization(Policies.CommuneStaff).WithTags("Dossiers");

        var staff = api.MapGroup("/dossiers/{code}").RequireAuthorization(Policies.CommuneStaff).WithTags("Dossiers");
        staff.MapGet("/steps", async (Processing processing, string code) =>
            Problems.Found((await processing.ViewAsync(code))?.Steps
                    .Select(s => new DossierStepDto(s.At, s.Action, s.Status, s.ByName, s.ToRole, s.ToUserId, s.Verdict, s.Note)).ToList(),
                $"Không có hồ sơ {code} trong phạm vi của bạn."))
            .WithSummary("The control slip (Mẫu 06): every hand-over with its verdict.");
        staff.MapPost("/actions", async (Processing processing, HttpContext http, string code, ActionInput input) =>
            await RespondAsync(await processing.ActAsync(code, input, http.User), http))
            .WithSummary("One step of the dossier's life (accept, hand over, request supplement, complete, return…), with the version last read.");
        staff.MapPost("/assignee", async (Processing processing, HttpContext http, string code, AssignInput input) =>
            await RespondAsync(await processing.AssignAsync(code, input, http.User), http))
            .WithSummary("Take the dossier at its current step (no assigneeId), pass it to a colleague, or (the leader) take it over or reassign it.");
        staff.MapPost("/apology", async (Processing processing, HttpContext http, string code, ApologyInput input) =>
            await RespondAsync(await processing.DraftApologyAsync(code, input, http.User), http))
            .WithSummary("Draft the apology for a late dossier (Mẫu 04): reason and new date.");
        staff.MapPost("/apology/approve", async (Processing processing, HttpContext http, string code, VersionInput input) =>
            await RespondAsync(await processing.ApproveApologyAsync(code, input.Version, http.User), http));

        api.MapGet("/me/queue", async (Staff.WorkQueue queue, HttpContext http, bool? commune) =>
            TypedResults.Ok(commune == true && http.User.IsInRole(Roles.CommuneLeader) ? await queue.CommuneAsync(http.User) : await queue.MineAsync(http.User)))
            .RequireAuthorization(Policies.CommuneStaff).WithTags("Dossiers")
            .WithSummary("The dossiers and petitions waiting for me (held by me, or unassigned at my step), late first; commune=true: the leader's whole commune.");

        api.MapGet("/tracking/{key}", async (Tracking tracking, string key) => Problems.Found(await tracking.ByKeyAsync(key), "Không tìm thấy hồ sơ."))
            .WithTags("Tracking").WithSummary("Public tracking by the receipt's QR key: a timeline without personal data.");

        api.MapGet("/tracking/{key}/readings", async Task<Results<Ok<List<ReadingDto>>, ProblemHttpResult>> (AppDbContext db, Tracking tracking, HttpContext http, string key) =>
            {
                if (await tracking.DossierByKeyAsync(key) is not { } d) return Problems.NotFound("Không tìm thấy hồ sơ.");
                var reads = await Readings.OfAsync(db, d, ct: http.RequestAborted);
                return TypedResults.Ok(reads.Select(r => new ReadingDto(r.At, r.Official, r.Role, Readings.RoleName(r.Role), r.What, Readings.WhatName(r.What), r.InFull)).ToList());
            })
            .WithTags("Tracking").WithSummary("For the holder of the receipt's key: every official's reading of the dossier, newest first (who, role, what, whether in full).");

        api.MapGet("/tracking", async Task<Results<Ok<TrackingDto>, ProblemHttpResult>> (Tracking tracking, string? code, string? phoneLast4) =>
            await tracking.ByCodeAsync(code, phoneLast4) switch
            {
                { Limited: true } => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Tra cứu quá nhiều lần",
                    detail: "Mã hồ sơ này đã được tra cứu quá nhiều lần trong một giờ; vui lòng thử lại sau."),
                { Dossier: { } t } => TypedResults.Ok(t),
                _ => Problems.NotFound("Không tìm thấy hồ sơ với mã và 4 số cuối điện thoại này."),
            })
            .RequireRateLimiting(TrackingLimit).WithTags("Tracking")
            .WithSummary("Tracking by code and the phone's last four digits: the timeline, without the receipt's key (rating needs the receipt).");
        return api;
    }
}
