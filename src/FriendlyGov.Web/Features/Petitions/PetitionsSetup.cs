using Microsoft.AspNetCore.Http.HttpResults;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

public sealed record PetitionEventDto(DateTime At, PetitionAction Action, string ActionName, PetitionStatus Status, string? By, string? Note);

/// <summary>A petition as its handling unit's staff see it. Supervisors reading another unit's petitions get the contact masked.</summary>
public sealed record PetitionDto(string Code, string Unit, PetitionStatus Status, string StatusName, PetitionChannel Channel, string Category,
    string CategoryName, string Title, string Content, string SenderName, string? SenderPhone, string? SenderEmail, string? SenderAddress,
    bool ShowName, bool ConsentPublish, string? Village, string? Place, double? Latitude, double? Longitude, string? Meeting, DateTime SubmittedAt,
    DateTime Due, bool Overdue, bool DueSoon, Escalation Escalation, string? Assignee, string? Answer, DateTime? AnsweredAt, DateTime? PublishedAt,
    RejectionGround? RejectionGround, string? RejectionReason, string? TransferredTo, string? DuplicateOf, bool? SenderSatisfied, int ReopenCount,
    int Photos, int Version, List<PetitionEventDto> Events, List<string> Similar, DateTime RefuseBy, DateTime AskInfoBy);

/// <summary>What the sender's private link shows: their own petition, the steps and the answer; no staff notes beyond those meant for them.</summary>
public sealed record PetitionTrackingDto(string Code, string Unit, PetitionStatus Status, string StatusName, string CategoryName, string Title,
    DateTime SubmittedAt, DateTime Due, bool Paused, string? InfoRequested, string? Answer, DateTime? AnsweredAt, string? RejectionReason,
    string? WayToGo, string? TransferredTo, bool CanConfirm, bool? SenderSatisfied, List<PetitionEventDto> Events, string? ApprovedBy = null);

public sealed record LinkInput(string? To, int Version);

/// <summary>A commune's petition field, as the public and the forms see it.</summary>
public sealed record PetitionCategoryDto(string Code, string Name, string? Description);
/// <summary>A field as its leader saved it, with its routing rule.</summary>
public sealed record SavedCategoryDto(string Code, string Name, bool Active, string? DefaultAssigneeId);
/// <summary>A petition entered by staff: its code, status and the sender's private link (to print or send).</summary>
public sealed record PetitionCreatedDto(string Code, PetitionStatus Status, string TrackingUrl);
/// <summary>A petition in a list, with its clock.</summary>
public sealed record PetitionRowDto(string Code, string Unit, PetitionStatus Status, string Title, string Category, string? Village, DateTime SubmittedAt,
    DateTime Due, bool Overdue, bool DueSoon, Escalation Escalation, string? Assignee);
/// <summary>The petition after a step: its status and the version to send with the next one.</summary>
public sealed record PetitionStepDto(string Code, PetitionStatus Status, int Version);
public sealed record PetitionLinkedDto(string Code, int Version);
public sealed record SenderStepDto(PetitionStatus Status);
public sealed record InfoInput(string? Info);

public static class PetitionsSetup
{

    public static IServiceCollection AddPetitions(this IServiceCollection services)
    {
        services.AddScoped<PetitionQueries>().AddScoped<PetitionCatalog>().AddScoped<SubmitPetition>().AddScoped<ActOnPetition>()
            .AddScoped<LinkPetition>().AddScoped<SenderSteps>().AddScoped<PetitionStats>().AddScoped<PartnerApps>();
        services.AddOpen311Limits();
        services.AddOptions<PetitionDeadlines>().BindConfiguration("Petitions:Deadlines")
            .Validate(d => d.Problems().Count == 0, "Petitions:Deadlines: each limit is 0.5–90 working days; refuse and ask-info ≤ answer.");
        return services;
    }

    /// <summary>Events a sender may read: no internal assignment notes, only what concerns them.</summary>
    /// <summary>What the sender's timeline shows: not the internal linking of duplicates, nor a draft answer's way to the leader.</summary>
    public static bool IsForSender(PetitionAction a) => a is not (PetitionAction.Linked or PetitionAction.AnswerProposed or PetitionAction.AnswerReturned);

    public static PetitionDto ToDto(PetitionView v, bool seesContact)
    {
        var p = v.Petition;
        return new PetitionDto(p.Code, v.UnitName, p.Status, PetitionLifecycle.VietnameseName(p.Status), p.Channel, p.CategoryCode, p.CategoryName,
            p.Title, p.Content, p.SenderName, seesContact ? p.SenderPhone : Masking.Contact(p.SenderPhone), seesContact ? p.SenderEmail : Masking.Contact(p.SenderEmail),
            seesContact ? p.SenderAddress : null, p.ShowName, p.ConsentPublish, p.VillageName, p.Place, p.Latitude, p.Longitude, p.Meeting, p.SubmittedAt,
            v.Due, v.Overdue, v.DueSoon, v.Escalation, p.AssigneeName, p.Answer, p.AnsweredAt, p.PublishedAt, p.RejectionGround, p.RejectionReason,
            v.TransferredToName, null, p.SenderSatisfied, p.ReopenCount, v.PhotoIds.Count, p.Version,
            v.Events.Select(ToDto).ToList(), v.Similar.Select(s => s.Code).ToList(), v.RefuseBy, v.AskInfoBy);
    }

    public static PetitionEventDto ToDto(PetitionEvent e) => new(e.At, e.Action, PetitionLifecycle.ActionName(e.Action), e.Status, e.ByName, e.Note);

    public static PetitionTrackingDto ToTracking(PetitionView v)
    {
        var p = v.Petition;
        var info = p.Status == PetitionStatus.NeedsInfo ? v.Events.LastOrDefault(e => e.Action == PetitionAction.InfoRequested)?.Note : null;
        return new PetitionTrackingDto(p.Code, v.UnitName, p.Status, PetitionLifecycle.VietnameseName(p.Status), p.CategoryName, p.Title, p.SubmittedAt,
            v.Due, p.Status == PetitionStatus.NeedsInfo, info, p.Answer, p.AnsweredAt, p.RejectionReason,
            p.RejectionGround is { } g ? PetitionLifecycle.WayToGo(g) : null, v.TransferredToName, p.Status == PetitionStatus.Answered, p.SenderSatisfied,
            // The sender hears from the commune, not from an account: no official's login in what they are sent.
            v.Events.Where(e => IsForSender(e.Action)).Select(e => ToDto(e) with { By = null }).ToList(), p.Answer is null ? null : p.AnswerApprovedBy);
    }

    /// <summary>
    /// Who sees the sender's phone, e-mail and address in full: only those whose work on the petition needs them (Decree
    /// 13/2023). In the commune handling it, the counter officers (they receive and call back) and the leaders (they assign
    /// and answer); a specialist only for a petition they hold or have worked on. The province's staff for a petition filed
    /// with the province, and the administrator. Everyone else who may read the petition sees the contact masked.
    /// </summary>
    public static bool SeesContact(HttpContext http, PetitionView v)
    {
        var (user, p) = (http.User, v.Petition);
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor) && user.UnitId() == p.UnitId) return true;
        if (!Roles.CommuneStaff.Any(user.IsInRole) || user.UnitId() is not int u
            || !http.RequestServices.GetRequiredService<UnitDirectory>().Graph.CommuneScope(u).Contains(p.UnitId)) return false;
        if (user.ReadsEveryContact()) return true;
        var me = user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        return me is not null && (p.AssigneeId == me || v.Events.Any(e => e.ByUserId == me));
    }

    private static Results<TOk, ProblemHttpResult> Respond<TOk>(Outcome<Petition> outcome, Func<Petition, TOk> ok) where TOk : IResult =>
        Problems.Typed(outcome, ok, "Không có phản ánh này trong phạm vi của bạn.");

    public static string TrackingUrl(HttpRequest request, string key) => request.PublicUrl($"/phan-anh/{key}");

    public static RouteGroupBuilder MapPetitions(this RouteGroupBuilder api)
    {
        api.MapGet("/communes/{code}/petition-categories", async (AppDbContext db, PetitionCatalog catalog, string code) =>
                Problems.Found(await db.CommuneByCodeAsync(code) is { } unit
                    ? (await catalog.CategoriesAsync(unit.Id)).Select(c => new PetitionCategoryDto(c.Code, c.Name, c.Description)).ToList() : null,
                    $"Không có xã, phường mã {code}."))
            .WithTags("Petitions").WithSummary("The commune's petition fields (public).");

        api.MapPut("/communes/{code}/petition-categories", async Task<Results<Ok<List<SavedCategoryDto>>, ProblemHttpResult>> (AppDbContext db,
                PetitionCatalog catalog, HttpContext http, string code, List<CategoryInput> input) =>
            {
                if (await db.CommuneByCodeAsync(code) is not { } unit || http.User.UnitId() != unit.Id) return Problems.NotFound($"Không có xã, phường mã {code} trong phạm vi của bạn.");
                var outcome = await catalog.SaveCategoriesAsync(unit.Id, input);
                return Problems.Typed(outcome, v => TypedResults.Ok(v.Select(c => new SavedCategoryDto(c.Code, c.Name, c.Active, c.DefaultAssigneeId)).ToList()),
                    "Không có xã này trong phạm vi của bạn.");
            })
            .RequireAuthorization(Policies.Leader).WithTags("Petitions").WithSummary("Rename, add or retire fields; set the default official (routing rule).");

        api.MapPost("/communes/{code}/petitions", async Task<Results<Created<PetitionCreatedDto>, ProblemHttpResult>> (AppDbContext db, SubmitPetition submit,
                HttpContext http, string code, PetitionInput input) =>
            {
                if (await db.CommuneByCodeAsync(code) is not { } unit || http.User.UnitId() != unit.Id)
                    return Problems.NotFound($"Không có xã, phường mã {code} trong phạm vi của bạn.");
                return Respond(await submit.HandleAsync(unit, input, [], new PetitionOrigin(ByStaff: true)),
                    p => TypedResults.Created($"/api/v1/petitions/{p.Code}", new PetitionCreatedDto(p.Code, p.Status, TrackingUrl(http.Request, p.TrackingKey))));
            })
            .RequireAuthorization(Policies.CommuneStaff).WithTags("Petitions")
            .WithSummary("Enter a petition received at the counter, by the hotline, or at a village meeting or a meeting with voters.");

        var staff = api.MapGroup("/petitions").RequireAuthorization(Policies.Staff).WithTags("Petitions");
        staff.MapGet("/", async (PetitionQueries petitions, HttpContext http, string? status, string? category, string? village, string? q, bool? mine,
                bool? overdue, bool? escalated) =>
            {
                var rows = await petitions.ListAsync(new PetitionFilter(status, category, village, q, mine ?? false, overdue ?? false, escalated ?? false), http.User);
                return TypedResults.Ok(rows.Select(r => new PetitionRowDto(r.Petition.Code, r.UnitName, r.Petition.Status, r.Petition.Title,
                    r.Petition.CategoryName, r.Petition.VillageName, r.Petition.SubmittedAt, r.Due, r.Overdue, r.DueSoon, r.Escalation, r.Petition.AssigneeName)).ToList());
            })
            .WithSummary("Petitions in the caller's scope: status (or 'open'), field, village, text; mine, overdue, escalated.");
        staff.MapGet("/{code}", async Task<Results<Ok<PetitionDto>, ProblemHttpResult>> (PetitionQueries petitions, AppDbContext db, HttpContext http, string code) =>
            {
                if (await petitions.ViewAsync(code) is not { } v) return Problems.NotFound($"Không có phản ánh {code} trong phạm vi của bạn.");
                var inFull = SeesContact(http, v);
                await Readings.RecordAsync(db, http.User, v.Petition, Readings.Api, inFull, http.RequestAborted);
                return TypedResults.Ok(ToDto(v, inFull));
            })
            .WithSummary("One petition with its history, deadline, escalation and similar open petitions.");
        staff.MapPost("/{code}/actions", async (ActOnPetition act, HttpContext http, string code, PetitionActInput input) =>
                Respond(await act.HandleAsync(code, input, http.User), p => TypedResults.Ok(new PetitionStepDto(p.Code, p.Status, p.Version))))
            .WithSummary("A handling step: Assigned, Started, InfoRequested, InfoProvided, Answered, Rejected, TransferredOut, Closed, Reopened.");
        staff.MapPost("/{code}/link", async (LinkPetition link, HttpContext http, string code, LinkInput input) =>
                Respond(await link.HandleAsync(code, input.To ?? "", input.Version, http.User), p => TypedResults.Ok(new PetitionLinkedDto(p.Code, p.Version))))
            .WithSummary("Link a duplicate to an open petition on the same matter: one answer serves both.");
        staff.MapGet("/stats", async (PetitionStats stats, HttpContext http, string? unit, DateOnly? from, DateOnly? to) =>
            {
                var outcome = await stats.BuildAsync(unit, from, to, http.User);
                return Problems.Typed(outcome, v => TypedResults.Ok(v), "Không có đơn vị này trong phạm vi của bạn.");
            })
            .RequireAuthorization(Policies.LeaderOrSupervisor)
            .WithSummary("\"Dân vận khéo\": what the people raise, by field, village and month; hot spots; on-time and satisfaction rates.");

        var sender = api.MapGroup("/petition-tracking/{key}").WithTags("Petitions");
        sender.MapGet("/", async (PetitionQueries petitions, string key) =>
                Problems.Found(await petitions.ByKeyAsync(key) is { } p ? ToTracking(await petitions.ViewOfAsync(p)) : null, "Không tìm thấy phản ánh."))
            .WithSummary("The sender's private link: status, deadline, answer.");
        sender.MapPost("/info", async (SenderSteps sender, string key, InfoInput input) =>
                Respond(await sender.ProvideInfoAsync(key, input.Info), p => TypedResults.Ok(new SenderStepDto(p.Status))))
            .RequireRateLimiting(ClientLimits.CitizenSubmissions).WithSummary("The sender adds the information the commune asked for: the deadline runs again.");
        sender.MapPost("/confirm", async (SenderSteps sender, HttpContext http, string key, RatingInput input) =>
                Respond(await sender.ConfirmAsync(key, input, http.Connection.RemoteIpAddress?.ToString()), p => TypedResults.Ok(new SenderStepDto(p.Status))))
            .RequireRateLimiting(ClientLimits.CitizenSubmissions).WithSummary("The sender rates the answer: satisfied closes it; not satisfied reopens it for the leader once.");
        return api;
    }

    /// <summary>Photos: the sender through their link, the unit's staff, or anyone once the petition is public (PetitionLifecycle.IsPublic).</summary>
    public static void MapPetitionPhotos(this WebApplication app)
    {
        app.MapGet("/phan-anh/anh/{id:long}", async (AppDbContext db, IUnitScope scope, StoredFiles files, long id, string? key) =>
            {
                var photo = await db.PetitionPhotos.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
                if (photo is null) return Results.NotFound();
                var p = await db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().FirstAsync(x => x.Id == photo.PetitionId);
                var allowed = scope.IsRestricted && scope.ReadableUnitIds.Contains(p.UnitId) || !scope.IsRestricted && scope.ActorId is not null
                    || key is not null && key == p.TrackingKey || PetitionLifecycle.IsPublic(p);
                if (!allowed) return Results.NotFound();
                return Results.File(await files.ReadAsync(photo), "image/jpeg", $"anh-{id}.jpg");
            }).ExcludeFromDescription();
    }
}
