using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FriendlyGov.Web.Features.Model;

public sealed record TextInput(string? Text);
public sealed record SignInput(string? TypedName);
public sealed record FileInput(ModelFileKind Kind, int? OwnerId, string? FileName, string? ContentBase64);

public static class ModelSetup
{
    public static IServiceCollection AddModelRollout(this IServiceCollection services) =>
        services.AddScoped<Models>().AddScoped<Commitments>().AddScoped<ReplicateModel>().AddScoped<Rollout>().AddScoped<Inspections>().AddScoped<Practices>();

    private const string OutOfScope = "Không có trong phạm vi của bạn.";
    private const string NoCommune = "Không có xã này trong phạm vi của bạn.";

    private static Results<Ok<TOk>, ProblemHttpResult> Ok<T, TOk>(Outcome<T> o, Func<T, TOk> ok) => Problems.Ok(o, ok, OutOfScope);

    private static Results<Created<TOk>, ProblemHttpResult> Created<T, TOk>(Outcome<T> o, Func<T, TOk> ok) => Problems.Created(o, ok, OutOfScope);

    public static RouteGroupBuilder MapModelRollout(this RouteGroupBuilder api)
    {
        var commune = api.MapGroup("/communes/{code}/model").RequireAuthorization(Policies.Staff).WithTags("Model");
        commune.MapGet("/", async (Models models, string code) =>
                Problems.Found(await models.CommuneAsync(code) is { } u && await models.ViewAsync(u) is { } v ? ModelDtos.ToDto(v) : null, "Xã chưa có mô hình hoặc không thuộc phạm vi của bạn."))
            .WithSummary("The commune's model: record, board with history, plan, readiness review, proposals, commitment and who signed.");
        commune.MapPost("/", (Models models, HttpContext http, string code, CreateModelInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Created(await models.CreateAsync(u, input, http.User), m => new ModelCreatedDto(m.Id, m.Name))))
            .WithSummary("The commune leader starts the commune's model from the templates.");
        commune.MapPut("/", (Models models, HttpContext http, string code, ModelRecordInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Ok(await models.UpdateRecordAsync(u, input, http.User), m => new ModelRecordSavedDto(m.Stage, m.Version))))
            .WithSummary("Stage, launch event, founding decision and operating regulation.");
        commune.MapPost("/board", (Models models, HttpContext http, string code, MemberInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Created(await models.AddMemberAsync(u, input, http.User), m => new ModelRecordIdDto(m.Id))));
        commune.MapPost("/board/{id:int}/end", (Models models, HttpContext http, string code, int id, EndMemberInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Ok(await models.EndMemberAsync(u, id, input, http.User), m => new MemberEndedDto(m.Id, m.To))))
            .WithSummary("A member leaves the board; the row stays as history.");
        commune.MapPut("/tasks/{id:int}", (Models models, HttpContext http, string code, int id, TaskInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Ok(await models.UpdateTaskAsync(u, id, input, http.User), t => new TaskSavedDto(t.Id, t.Status, t.Progress, t.Version))));
        commune.MapPut("/readiness/{id:int}", (Models models, HttpContext http, string code, int id, RateInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Ok(await models.RateAsync(u, id, input, http.User), r => new RatedDto(r.Id, r.Rating, r.Version))));
        commune.MapPost("/proposals", (Models models, HttpContext http, string code, ProposalInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Created(await models.RaiseAsync(u, input, http.User), p => new ProposalSavedDto(p.Id, p.Status))))
            .WithSummary("Đề xuất tháo gỡ khó khăn, vướng mắc to the supervising board.");
        commune.MapPost("/commitment", (Models models, Commitments commitments, HttpContext http, string code, TextInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Created(await commitments.PublishTextAsync(u, input.Text, http.User), t => new CommitmentPublishedDto(t.Number))))
            .WithSummary("A new version of the commitment text: every official signs again.");
        commune.MapPost("/commitment/sign", (Models models, Commitments commitments, HttpContext http, string code, SignInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Created(await commitments.SignAsync(u, input.TypedName, http.User), s => new SignedDto(s.SignedAt))))
            .WithSummary("The signed-in official signs the current text, typing their full name.");
        commune.MapPost("/events", (Models models, HttpContext http, string code, EventInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Created(await models.SaveEventAsync(u, null, input, http.User), ModelDtos.ToDto)))
            .WithSummary("Record a training (tập huấn) or propagation (tuyên truyền) event: date, place, content, audience, participants, materials.");
        commune.MapPut("/events/{id:int}", (Models models, HttpContext http, string code, int id, EventInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Ok(await models.SaveEventAsync(u, id, input, http.User), ModelDtos.ToDto)));
        commune.MapPost("/files", (Models models, HttpContext http, string code, FileInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Created(await models.UploadAsync(u, input.Kind, input.OwnerId, FileUploads.FromBase64(input.FileName, input.ContentBase64), http.User), f => new UploadedFileDto(f.Id, f.FileName, f.ContentType, f.Size, f.Url))))
            .WithSummary("Attach a file (base64): launch photo, minutes, decision, regulation, task evidence or event material. Photos are re-encoded; documents must be PDF.");
        commune.MapDelete("/files/{id:long}", (Models models, HttpContext http, string code, long id) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Ok(await models.DeleteFileAsync(u, id, http.User), _ => new FileDeletedDto(id))));

        var insp = api.MapGroup("").RequireAuthorization(Policies.Staff).WithTags("Model");
        insp.MapGet("/communes/{code}/inspections", async (Models models, Inspections inspections, string code) =>
                Problems.Found(await models.CommuneAsync(code) is { } u ? (await inspections.ListAsync(u.Id)).Select(ModelDtos.ToDto).ToList() : null, NoCommune))
            .WithSummary("The commune's inspections with their recommendations: its own staff and the supervisors of its area.");
        insp.MapPost("/communes/{code}/inspections", async (Inspections inspections, HttpContext http, string code, InspectionPlanInput input) =>
                Created(await inspections.PlanAsync(code, input, http.User), i => new InspectionSavedDto(i.Id, i.Status, i.Version)))
            .WithSummary("The supervising board plans a visit (kiểm tra, giám sát).");
        insp.MapGet("/inspections", async (Inspections inspections) => TypedResults.Ok((await inspections.ListAsync()).Select(ModelDtos.ToDto).ToList()))
            .WithSummary("Every inspection the caller can see, newest first.");
        insp.MapPut("/inspections/{id:int}", async (Inspections inspections, HttpContext http, int id, InspectionResultInput input) =>
                Ok(await inspections.RecordAsync(id, input, http.User), i => new InspectionSavedDto(i.Id, i.Status, i.Version)))
            .WithSummary("Record the visit (date, team, findings) or cancel it with the reason.");
        insp.MapPost("/inspections/{id:int}/recommendations", async (Inspections inspections, HttpContext http, int id, RecommendationInput input) =>
                Created(await inspections.RecommendAsync(id, input, http.User), ModelDtos.ToDto))
            .WithSummary("A recommendation after the visit, with its deadline.");
        insp.MapPost("/recommendations/{id:int}/report", async (Inspections inspections, HttpContext http, int id, ReportInput input) =>
                Ok(await inspections.ReportAsync(id, input, http.User), ModelDtos.ToDto))
            .WithSummary("The commune's leader reports what was done.");
        insp.MapPost("/recommendations/{id:int}/review", async (Inspections inspections, HttpContext http, int id, ReviewInput input) =>
                Ok(await inspections.ReviewAsync(id, input, http.User), ModelDtos.ToDto))
            .WithSummary("The board accepts the report (closed) or sends it back with a note.");

        api.MapGet("/good-practices", async (Practices practices, string? q) => TypedResults.Ok((await practices.PublishedAsync(q)).Select(ModelDtos.ToDto).ToList()))
            .AllowAnonymous().WithTags("Model").WithSummary("Published good practices (cách làm hay) of every commune; q searches with or without diacritics.");
        insp.MapGet("/communes/{code}/good-practices", async (Models models, Practices practices, string code) =>
                Problems.Found(await models.CommuneAsync(code) is { } u ? (await practices.OwnAsync(u.Id)).Select(ModelDtos.ToDto).ToList() : null, NoCommune))
            .WithSummary("A commune's own register, drafts included.");
        insp.MapPost("/communes/{code}/good-practices", (Models models, Practices practices, HttpContext http, string code, PracticeInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Created(await practices.SaveAsync(u, null, input, http.User), p => new PracticeSavedDto(p.Id, p.Published, p.Version))));
        insp.MapPut("/communes/{code}/good-practices/{id:int}", (Models models, Practices practices, HttpContext http, string code, int id, PracticeInput input) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Ok(await practices.SaveAsync(u, id, input, http.User), p => new PracticeSavedDto(p.Id, p.Published, p.Version))));
        insp.MapPost("/communes/{code}/good-practices/adopt/{id:int}", (Models models, Practices practices, HttpContext http, string code, int id) =>
                Problems.In(models.CommuneAsync(code), NoCommune, async u => Created(await practices.AdoptAsync(u, id, http.User), p => new PracticeAdoptedDto(p.Id, p.AdoptedFromId))))
            .WithSummary("Áp dụng: copy another commune's published practice into this commune's register as a draft.");

        var sup = api.MapGroup("/model").RequireAuthorization(Policies.LeaderOrSupervisor).WithTags("Model");
        sup.MapGet("/rollout", async (Rollout rollout, HttpContext http, string? unit) =>
                Ok(await rollout.BuildAsync(unit, http.User), rows => rows))
            .WithMetadata(new ReadsMayLagAttribute())
            .WithSummary("Every commune of the area: stage, plan progress, readiness, signatures, open proposals, on-time dossiers, satisfaction.");
        sup.MapGet("/proposals", async (Models models) =>
                TypedResults.Ok((await models.ProposalsForSupervisorAsync()).Select(x => new AreaProposalDto(x.Commune, ModelDtos.ToDto(x.Proposal))).ToList()))
            .WithSummary("Proposals of the caller's area, open first.");
        sup.MapPost("/proposals/{id:int}/answer", async (Models models, HttpContext http, int id, AnswerInput input) =>
                Ok(await models.AnswerAsync(id, input, http.User), p => new ProposalAnsweredDto(p.Id, p.Status, p.Version)))
            .WithSummary("The supervising board answers a proposal: answer, decision, deadline.");
        sup.MapPost("/replicate", async (ReplicateModel replicate, HttpContext http, ReplicateInput input) =>
                Ok(await replicate.HandleAsync(input, http.User), r => r))
            .WithSummary("Nhân rộng: give each chosen commune a model from the templates; nothing a commune has is overwritten.");
        return api;
    }

    /// <summary>The model's files: the commune's staff and the supervisors of its area (the tenant filter decides), never the public.</summary>
    public static void MapModelFiles(this WebApplication app)
    {
        app.MapGet("/can-bo/mo-hinh/tep/{id:long}", async (Models models, StoredFiles files, HttpContext http, long id) =>
            {
                if (await models.FileAsync(id) is not { } f) return Results.NotFound();
                http.Response.Headers.CacheControl = "private, max-age=3600";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.File(await files.ReadAsync(f, http.RequestAborted), f.ContentType, f.FileName, enableRangeProcessing: false);
            }).RequireAuthorization(Policies.Staff).ExcludeFromDescription();
    }
}
