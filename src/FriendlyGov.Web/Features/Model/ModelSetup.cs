using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;

namespace FriendlyGov.Web.Features.Model;

public sealed record TextInput(string? Text);
public sealed record SignInput(string? TypedName);
public sealed record FileInput(ModelFileKind Kind, int? OwnerId, string? FileName, string? ContentBase64);

public static class ModelSetup
{
    public static IServiceCollection AddModelRollout(this IServiceCollection services) =>
        services.AddScoped<Models>().AddScoped<Commitments>().AddScoped<ReplicateModel>().AddScoped<Rollout>().AddScoped<Inspections>().AddScoped<Practices>();

    private static IResult Respond<T>(Outcome<T> o, Func<T, object> ok, int status = StatusCodes.Status200OK) =>
        Problems.Json(o, ok, status, "Không có trong phạm vi của bạn.");

    public static object ToDto(ModelView v) => new
    {
        unit = v.Unit.Code, unitName = v.Unit.FullName, v.Model.Id, v.Model.Name, kind = v.Model.Kind, v.Model.Year, stage = v.Model.Stage,
        stageName = ModelTemplates.StageName(v.Model.Stage), v.Model.PlanStart, v.Model.LaunchedOn, v.Model.LaunchPlace, v.Model.LaunchGuests,
        v.Model.LaunchMinutes, v.Model.BoardName, v.Model.DecisionNumber, v.Model.DecisionDate, v.Model.DecisionSigner, v.Model.Regulation, v.Model.Version,
        board = v.Board.Select(b => new { b.Id, b.FullName, b.Position, role = b.Role, b.From, b.To, b.EndReason, current = b.To == null }),
        tasks = v.Tasks.Select(t => new { t.Id, t.Order, t.Title, t.Owner, t.Due, status = t.Status, t.Progress, t.Evidence, t.Version,
            late = t.Status != PlanTaskStatus.Done && t.Due < DateOnly.FromDateTime(VietnamTime.FromUtc(DateTime.UtcNow)) }),
        readiness = v.Readiness.Select(r => new { r.Id, group = r.Group, r.Condition, rating = r.Rating, r.Gap, r.Needs, r.Version }),
        proposals = v.Proposals.Select(ToDto),
        commitment = v.Commitment is null ? null : new { v.Commitment.Number, v.Commitment.Text, v.Commitment.PublishedAt },
        officials = v.Officials.Select(o => new { o.FullName, o.Title, signed = o.SignedAt is not null, o.SignedAt }),
        figures = v.Figures,
        events = v.Events.Select(ToDto),
        files = v.Files.Select(f => new { f.Id, kind = f.Kind, f.OwnerId, f.FileName, f.ContentType, f.Size, f.UploadedAt, url = f.Url }),
    };

    public static object ToDto(ModelEvent e) => new
    {
        e.Id, kind = e.Kind, e.Date, e.Place, e.Content, audience = e.Audience, e.Village, e.Participants,
        participantList = e.ParticipantList?.Split('\n') ?? [], e.Materials, e.Version,
    };

    public static object ToDto(InspectionView v) => new
    {
        v.Inspection.Id, commune = v.CommuneCode, communeName = v.Commune, inspectingUnit = v.InspectingUnit, v.Inspection.Subject,
        v.Inspection.PlannedOn, v.Inspection.DoneOn, v.Inspection.Team, v.Inspection.Findings, status = v.Inspection.Status, v.Inspection.CancelReason,
        v.Inspection.Version, recommendations = v.Recommendations.Select(ToDto),
    };

    public static object ToDto(InspectionRecommendation r) => new
    {
        r.Id, r.Content, r.Deadline, status = r.Status, overdue = Inspections.Overdue(r, DateOnly.FromDateTime(VietnamTime.FromUtc(DateTime.UtcNow))),
        r.Report, r.ReportedAt, r.ReportedBy, r.ReviewNote, r.ClosedAt, r.Version,
    };

    public static object ToDto(PracticeRow r) => new
    {
        r.Practice.Id, commune = r.CommuneCode, communeName = r.Commune, r.Practice.Title, r.Practice.Field, r.Practice.Description, r.Practice.Results,
        r.Practice.StartedOn, r.Practice.Published, r.Practice.PublishedAt, r.Practice.AdoptedFromId, r.Practice.AdoptedFromUnit, adoptions = r.Adoptions,
        r.Practice.Version,
    };

    public static object ToDto(ModelProposal p) => new
    {
        p.Id, p.Title, p.Content, p.RaisedAt, p.RaisedBy, status = p.Status, p.Answer, p.Decision, p.DecisionDeadline, p.AnsweredAt, p.AnsweredBy,
        p.AnsweringUnit, p.ReadinessItemId, p.Version,
    };

    public static RouteGroupBuilder MapModelRollout(this RouteGroupBuilder api)
    {
        var commune = api.MapGroup("/communes/{code}/model").RequireAuthorization(Policies.Staff).WithTags("Model");
        commune.MapGet("/", async (Models models, string code) =>
                await models.CommuneAsync(code) is { } u && await models.ViewAsync(u) is { } v ? Results.Ok(ToDto(v)) : Problems.NotFound("Xã chưa có mô hình hoặc không thuộc phạm vi của bạn."))
            .WithSummary("The commune's model: record, board with history, plan, readiness review, proposals, commitment and who signed.");
        commune.MapPost("/", async (Models models, HttpContext http, string code, CreateModelInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.CreateAsync(u, input, http.User), m => new { m.Id, m.Name }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("The commune leader starts the commune's model from the templates.")
            .Produces(StatusCodes.Status201Created);
        commune.MapPut("/", async (Models models, HttpContext http, string code, ModelRecordInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.UpdateRecordAsync(u, input, http.User), m => new { m.Stage, m.Version }) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("Stage, launch event, founding decision and operating regulation.");
        commune.MapPost("/board", async (Models models, HttpContext http, string code, MemberInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.AddMemberAsync(u, input, http.User), m => new { m.Id }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .Produces(StatusCodes.Status201Created);
        commune.MapPost("/board/{id:int}/end", async (Models models, HttpContext http, string code, int id, EndMemberInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.EndMemberAsync(u, id, input, http.User), m => new { m.Id, m.To }) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("A member leaves the board; the row stays as history.");
        commune.MapPut("/tasks/{id:int}", async (Models models, HttpContext http, string code, int id, TaskInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.UpdateTaskAsync(u, id, input, http.User), t => new { t.Id, t.Status, t.Progress, t.Version }) : Problems.NotFound("Không có xã này trong phạm vi của bạn."));
        commune.MapPut("/readiness/{id:int}", async (Models models, HttpContext http, string code, int id, RateInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.RateAsync(u, id, input, http.User), r => new { r.Id, r.Rating, r.Version }) : Problems.NotFound("Không có xã này trong phạm vi của bạn."));
        commune.MapPost("/proposals", async (Models models, HttpContext http, string code, ProposalInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.RaiseAsync(u, input, http.User), p => new { p.Id, p.Status }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("Đề xuất tháo gỡ khó khăn, vướng mắc to the supervising board.")
            .Produces(StatusCodes.Status201Created);
        commune.MapPost("/commitment", async (Models models, Commitments commitments, HttpContext http, string code, TextInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await commitments.PublishTextAsync(u, input.Text, http.User), t => new { t.Number }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("A new version of the commitment text: every official signs again.")
            .Produces(StatusCodes.Status201Created);
        commune.MapPost("/commitment/sign", async (Models models, Commitments commitments, HttpContext http, string code, SignInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await commitments.SignAsync(u, input.TypedName, http.User), s => new { s.SignedAt }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("The signed-in official signs the current text, typing their full name.")
            .Produces(StatusCodes.Status201Created);
        commune.MapPost("/events", async (Models models, HttpContext http, string code, EventInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.SaveEventAsync(u, null, input, http.User), e => ToDto(e), 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("Record a training (tập huấn) or propagation (tuyên truyền) event: date, place, content, audience, participants, materials.")
            .Produces(StatusCodes.Status201Created);
        commune.MapPut("/events/{id:int}", async (Models models, HttpContext http, string code, int id, EventInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.SaveEventAsync(u, id, input, http.User), e => ToDto(e)) : Problems.NotFound("Không có xã này trong phạm vi của bạn."));
        commune.MapPost("/files", async (Models models, HttpContext http, string code, FileInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.UploadAsync(u, input.Kind, input.OwnerId, FileUploads.FromBase64(input.FileName, input.ContentBase64), http.User), f => new { f.Id, f.FileName, f.ContentType, f.Size, url = f.Url }, 201)
                    : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("Attach a file (base64): launch photo, minutes, decision, regulation, task evidence or event material. Photos are re-encoded; documents must be PDF.")
            .Produces(StatusCodes.Status201Created);
        commune.MapDelete("/files/{id:long}", async (Models models, HttpContext http, string code, long id) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.DeleteFileAsync(u, id, http.User), _ => new { deleted = id }) : Problems.NotFound("Không có xã này trong phạm vi của bạn."));

        var insp = api.MapGroup("").RequireAuthorization(Policies.Staff).WithTags("Model");
        insp.MapGet("/communes/{code}/inspections", async (Models models, Inspections inspections, string code) =>
                await models.CommuneAsync(code) is { } u ? Results.Ok((await inspections.ListAsync(u.Id)).Select(ToDto)) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("The commune's inspections with their recommendations: its own staff and the supervisors of its area.");
        insp.MapPost("/communes/{code}/inspections", async (Inspections inspections, HttpContext http, string code, InspectionPlanInput input) =>
                Respond(await inspections.PlanAsync(code, input, http.User), i => new { i.Id, i.Status, i.Version }, 201))
            .WithSummary("The supervising board plans a visit (kiểm tra, giám sát).")
            .Produces(StatusCodes.Status201Created);
        insp.MapGet("/inspections", async (Inspections inspections) => Results.Ok((await inspections.ListAsync()).Select(ToDto)))
            .WithSummary("Every inspection the caller can see, newest first.");
        insp.MapPut("/inspections/{id:int}", async (Inspections inspections, HttpContext http, int id, InspectionResultInput input) =>
                Respond(await inspections.RecordAsync(id, input, http.User), i => new { i.Id, i.Status, i.Version }))
            .WithSummary("Record the visit (date, team, findings) or cancel it with the reason.");
        insp.MapPost("/inspections/{id:int}/recommendations", async (Inspections inspections, HttpContext http, int id, RecommendationInput input) =>
                Respond(await inspections.RecommendAsync(id, input, http.User), r => ToDto(r), 201))
            .WithSummary("A recommendation after the visit, with its deadline.")
            .Produces(StatusCodes.Status201Created);
        insp.MapPost("/recommendations/{id:int}/report", async (Inspections inspections, HttpContext http, int id, ReportInput input) =>
                Respond(await inspections.ReportAsync(id, input, http.User), r => ToDto(r)))
            .WithSummary("The commune's leader reports what was done.");
        insp.MapPost("/recommendations/{id:int}/review", async (Inspections inspections, HttpContext http, int id, ReviewInput input) =>
                Respond(await inspections.ReviewAsync(id, input, http.User), r => ToDto(r)))
            .WithSummary("The board accepts the report (closed) or sends it back with a note.");

        api.MapGet("/good-practices", async (Practices practices, string? q) => Results.Ok((await practices.PublishedAsync(q)).Select(ToDto)))
            .AllowAnonymous().WithTags("Model").WithSummary("Published good practices (cách làm hay) of every commune; q searches with or without diacritics.");
        insp.MapGet("/communes/{code}/good-practices", async (Models models, Practices practices, string code) =>
                await models.CommuneAsync(code) is { } u ? Results.Ok((await practices.OwnAsync(u.Id)).Select(ToDto)) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("A commune's own register, drafts included.");
        insp.MapPost("/communes/{code}/good-practices", async (Models models, Practices practices, HttpContext http, string code, PracticeInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await practices.SaveAsync(u, null, input, http.User), p => new { p.Id, p.Published, p.Version }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .Produces(StatusCodes.Status201Created);
        insp.MapPut("/communes/{code}/good-practices/{id:int}", async (Models models, Practices practices, HttpContext http, string code, int id, PracticeInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await practices.SaveAsync(u, id, input, http.User), p => new { p.Id, p.Published, p.Version }) : Problems.NotFound("Không có xã này trong phạm vi của bạn."));
        insp.MapPost("/communes/{code}/good-practices/adopt/{id:int}", async (Models models, Practices practices, HttpContext http, string code, int id) =>
                await models.CommuneAsync(code) is { } u ? Respond(await practices.AdoptAsync(u, id, http.User), p => new { p.Id, p.AdoptedFromId }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("Áp dụng: copy another commune's published practice into this commune's register as a draft.")
            .Produces(StatusCodes.Status201Created);

        var sup = api.MapGroup("/model").RequireAuthorization(Policies.LeaderOrSupervisor).WithTags("Model");
        sup.MapGet("/rollout", async (Rollout rollout, HttpContext http, string? unit) =>
                Respond(await rollout.BuildAsync(unit, http.User), rows => rows))
            .WithMetadata(new ReadsMayLagAttribute())
            .WithSummary("Every commune of the area: stage, plan progress, readiness, signatures, open proposals, on-time dossiers, satisfaction.");
        sup.MapGet("/proposals", async (Models models) =>
                Results.Ok((await models.ProposalsForSupervisorAsync()).Select(x => new { commune = x.Commune, proposal = ToDto(x.Proposal) })))
            .WithSummary("Proposals of the caller's area, open first.");
        sup.MapPost("/proposals/{id:int}/answer", async (Models models, HttpContext http, int id, AnswerInput input) =>
                Respond(await models.AnswerAsync(id, input, http.User), p => new { p.Id, p.Status, p.Version }))
            .WithSummary("The supervising board answers a proposal: answer, decision, deadline.");
        sup.MapPost("/replicate", async (ReplicateModel replicate, HttpContext http, ReplicateInput input) =>
                Respond(await replicate.HandleAsync(input, http.User), r => r))
            .WithSummary("Nhân rộng: give each chosen commune a model from the templates; nothing a commune has is overwritten.");
        return api;
    }

    /// <summary>The model's files: the commune's staff and the supervisors of its area (the tenant filter decides), never the public.</summary>
    public static void MapModelFiles(this WebApplication app)
    {
        app.MapGet("/can-bo/mo-hinh/tep/{id:long}", async (Models models, HttpContext http, long id) =>
            {
                if (await models.FileAsync(id) is not { } f) return Results.NotFound();
                http.Response.Headers.CacheControl = "private, max-age=3600";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.File(f.Content, f.ContentType, f.FileName, enableRangeProcessing: false);
            }).RequireAuthorization(Policies.Staff).ExcludeFromDescription();
    }
}
