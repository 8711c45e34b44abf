using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;

namespace FriendlyGov.Web.Features.Model;

public sealed record TextInput(string? Text);
public sealed record SignInput(string? TypedName);

public static class ModelSetup
{
    public static IServiceCollection AddModelRollout(this IServiceCollection services) => services.AddScoped<Models>();

    private static IResult Respond<T>(Outcome<T> o, Func<T, object> ok, int status = StatusCodes.Status200OK) =>
        o.Missing ? Problems.NotFound("Không có trong phạm vi của bạn.")
        : o.Ok ? Results.Json(ok(o.Value!), statusCode: status)
        : Problems.Unprocessable(o.Errors);

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
            .WithSummary("The commune leader starts the commune's model from the templates.");
        commune.MapPut("/", async (Models models, HttpContext http, string code, ModelRecordInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.UpdateRecordAsync(u, input, http.User), m => new { m.Stage, m.Version }) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("Stage, launch event, founding decision and operating regulation.");
        commune.MapPost("/board", async (Models models, HttpContext http, string code, MemberInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.AddMemberAsync(u, input, http.User), m => new { m.Id }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."));
        commune.MapPost("/board/{id:int}/end", async (Models models, HttpContext http, string code, int id, EndMemberInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.EndMemberAsync(u, id, input, http.User), m => new { m.Id, m.To }) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("A member leaves the board; the row stays as history.");
        commune.MapPut("/tasks/{id:int}", async (Models models, HttpContext http, string code, int id, TaskInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.UpdateTaskAsync(u, id, input, http.User), t => new { t.Id, t.Status, t.Progress, t.Version }) : Problems.NotFound("Không có xã này trong phạm vi của bạn."));
        commune.MapPut("/readiness/{id:int}", async (Models models, HttpContext http, string code, int id, RateInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.RateAsync(u, id, input, http.User), r => new { r.Id, r.Rating, r.Version }) : Problems.NotFound("Không có xã này trong phạm vi của bạn."));
        commune.MapPost("/proposals", async (Models models, HttpContext http, string code, ProposalInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.RaiseAsync(u, input, http.User), p => new { p.Id, p.Status }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("Đề xuất tháo gỡ khó khăn, vướng mắc to the supervising board.");
        commune.MapPost("/commitment", async (Models models, HttpContext http, string code, TextInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.PublishTextAsync(u, input.Text, http.User), t => new { t.Number }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("A new version of the commitment text: every official signs again.");
        commune.MapPost("/commitment/sign", async (Models models, HttpContext http, string code, SignInput input) =>
                await models.CommuneAsync(code) is { } u ? Respond(await models.SignAsync(u, input.TypedName, http.User), s => new { s.SignedAt }, 201) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("The signed-in official signs the current text, typing their full name.");

        var sup = api.MapGroup("/model").RequireAuthorization(Policies.LeaderOrSupervisor).WithTags("Model");
        sup.MapGet("/rollout", async (Models models, SatisfactionReport report, HttpContext http, string? unit) =>
                Respond(await models.RolloutAsync(unit, http.User, report), rows => rows))
            .WithSummary("Every commune of the area: stage, plan progress, readiness, signatures, open proposals, on-time dossiers, satisfaction.");
        sup.MapGet("/proposals", async (Models models) =>
                Results.Ok((await models.ProposalsForSupervisorAsync()).Select(x => new { commune = x.Commune, proposal = ToDto(x.Proposal) })))
            .WithSummary("Proposals of the caller's area, open first.");
        sup.MapPost("/proposals/{id:int}/answer", async (Models models, HttpContext http, int id, AnswerInput input) =>
                Respond(await models.AnswerAsync(id, input, http.User), p => new { p.Id, p.Status, p.Version }))
            .WithSummary("The supervising board answers a proposal: answer, decision, deadline.");
        sup.MapPost("/replicate", async (Models models, HttpContext http, ReplicateInput input) =>
                Respond(await models.ReplicateAsync(input, http.User), r => r))
            .WithSummary("Nhân rộng: give each chosen commune a model from the templates; nothing a commune has is overwritten.");
        return api;
    }
}
