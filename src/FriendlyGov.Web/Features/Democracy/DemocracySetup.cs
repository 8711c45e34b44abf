using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Petitions;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FriendlyGov.Web.Features.Democracy;

public sealed record HideInput(string? Reason);
public sealed record ReplyInput(string? Reply);
public sealed record SummaryInput(string? Summary);

public static class DemocracySetup
{
    public static IServiceCollection AddDemocracy(this IServiceCollection services) => services.AddScoped<Clearance>().AddScoped<Consultations>();

    private const string OutOfScope = "Không có trong phạm vi của bạn.";
    private const string NoCommune = "Không có xã này.";

    private static Results<Ok<TOk>, ProblemHttpResult> Ok<T, TOk>(Outcome<T> o, Func<T, TOk> ok) => Problems.Ok(o, ok, OutOfScope);

    private static Results<Created<RecordIdDto>, ProblemHttpResult> Created<T>(Outcome<T> o, Func<T, long> id) => Problems.Created(o, v => new RecordIdDto(id(v)), OutOfScope);

    public static RouteGroupBuilder MapDemocracy(this RouteGroupBuilder api)
    {
        // Public reading.
        api.MapGet("/communes/{code}/consultations", async (AppDbContext db, Consultations consultations, string code) =>
                Problems.Found(await db.CommuneByCodeAsync(code) is { } u ? (await consultations.ListAsync(u.Id)).Select(DemocracyDtos.ToRow).ToList() : null,
                    $"Không có xã, phường mã {code}."))
            .AllowAnonymous().WithTags("Democracy").WithSummary("Drafts put to the people's comment (dân bàn, góp ý).");
        api.MapGet("/consultations/{id:int}", async (Consultations consultations, int id) =>
                Problems.Found(await consultations.ViewAsync(id, staff: false) is { } v ? DemocracyDtos.ToPublic(v) : null, "Không có nội dung lấy ý kiến này."))
            .AllowAnonymous().WithTags("Democracy");
        api.MapPost("/consultations/{id:int}/comments", async (Consultations consultations, HttpContext http, int id, CommentInput input) =>
                Problems.Created(await consultations.CommentAsync(id, input, http.Connection.RemoteIpAddress?.ToString()), c => new CommentCreatedDto(c.Id, c.At), OutOfScope))
            .AllowAnonymous().RequireRateLimiting(Shared.ClientLimits.CitizenSubmissions).WithTags("Democracy").WithSummary("A citizen's comment while the consultation is open.");
        api.MapGet("/communes/{code}/clearance", async (AppDbContext db, Clearance clearance, string code) =>
                Problems.Found(await db.CommuneByCodeAsync(code) is { } u
                    ? (await clearance.ProjectsAsync(u.Id, publicView: true)).Select(p => new ProjectRowDto(p.Project.Id, p.Project.Name, p.Project.Villages, p.Consensus)).ToList()
                    : null, $"Không có xã, phường mã {code}."))
            .AllowAnonymous().WithTags("Democracy").WithSummary("Land clearance projects with their consensus figures (counts only).");
        api.MapGet("/clearance/{id:int}", async (Clearance clearance, int id) =>
                Problems.Found(await clearance.ProjectAsync(id, publicView: true) is { } v ? DemocracyDtos.ToPublic(v) : null, "Không có dự án này."))
            .AllowAnonymous().WithTags("Democracy");
        api.MapGet("/communes/{code}/land-donations", async (AppDbContext db, Clearance clearance, string code) =>
                Problems.Found(await db.CommuneByCodeAsync(code) is { } u ? DemocracyDtos.ToDto(await clearance.ThanksAsync(u.Id)) : null, $"Không có xã, phường mã {code}."))
            .AllowAnonymous().WithTags("Democracy").WithSummary("The thank-you board (biết cảm ơn): donors who agreed to be named, how many chose not to be, totals per village and road.");

        // The commune's staff; leaders and supervisors read through the staff view of a project.
        var staff = api.MapGroup("/communes/{code}").RequireAuthorization(Policies.CommuneStaff).WithTags("Democracy");
        staff.MapPost("/consultations", (AppDbContext db, Consultations consultations, HttpContext http, string code, ConsultationInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Created(await consultations.CreateAsync(u, input, http.User), c => c.Id)));
        staff.MapPost("/consultation-comments/{id:long}/reply", (AppDbContext db, Consultations consultations, HttpContext http, string code, long id, ReplyInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Ok(await consultations.ReplyAsync(u, id, input.Reply, http.User), c => new CommentRepliedDto(c.Id, c.Reply, c.RepliedAt))))
            .WithSummary("Answer a citizen's comment on a draft in public, under the comment.");
        staff.MapPost("/consultation-comments/{id:long}/hide", (AppDbContext db, Consultations consultations, HttpContext http, string code, long id, HideInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Ok(await consultations.HideAsync(u, id, input.Reason, http.User), c => new RecordIdDto(c.Id))));
        staff.MapPost("/consultations/{id:int}/responses", (AppDbContext db, Consultations consultations, HttpContext http, string code, int id, ResponseInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Created(await consultations.RespondAsync(u, id, input, http.User), r => r.Id)));
        staff.MapPost("/consultations/{id:int}/summary", (AppDbContext db, Consultations consultations, HttpContext http, string code, int id, SummaryInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Ok(await consultations.PublishSummaryAsync(u, id, input.Summary, http.User), c => new SummaryPublishedDto(c.Id, c.SummaryPublishedAt))));
        staff.MapPost("/consultations/{id:int}/votes", (AppDbContext db, Consultations consultations, HttpContext http, string code, int id, VoteInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Created(await consultations.VoteAsync(u, id, input, http.User), v => v.Id)));
        staff.MapPost("/clearance", (AppDbContext db, Clearance clearance, HttpContext http, string code, ProjectInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Created(await clearance.CreateProjectAsync(u, input, http.User), p => p.Id)));
        staff.MapPost("/clearance/{id:int}/meetings", (AppDbContext db, Clearance clearance, HttpContext http, string code, int id, MeetingInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Created(await clearance.AddMeetingAsync(u, id, input, http.User), m => m.Id)));
        staff.MapPost("/clearance/{id:int}/households", (AppDbContext db, Clearance clearance, HttpContext http, string code, int id, HouseholdInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Problems.Created(await clearance.AddHouseholdAsync(u, id, input, http.User), h => new HouseholdCreatedDto(h.Id, h.Version), OutOfScope)));
        staff.MapPost("/households/{id:int}/status", (AppDbContext db, Clearance clearance, HttpContext http, string code, int id, StatusInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Ok(await clearance.MoveAsync(u, id, input, http.User), h => new HouseholdMovedDto(h.Id, h.Status, h.Version))));
        staff.MapPost("/households/{id:int}/visits", (AppDbContext db, Clearance clearance, HttpContext http, string code, int id, VisitInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Created(await clearance.VisitAsync(u, id, input, http.User), v => v.Id)));
        staff.MapPost("/land-donations", (AppDbContext db, Clearance clearance, HttpContext http, string code, DonationInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Created(await clearance.DonateAsync(u, input, http.User), d => d.Id)));

        // Leaders and supervisors (their subtree) read a project with its households; the tenant filter decides.
        api.MapGet("/clearance/{id:int}/households", async (Clearance clearance, AppDbContext db, HttpContext http, int id) =>
            {
                const string none = "Không có dự án này trong phạm vi của bạn.";
                if (await clearance.ProjectAsync(id, publicView: false) is not { } v) return Problems.Found<ProjectDto<StaffHouseholdDto>>(null, none);
                var phones = await clearance.ShowsPhonesAsync(http.User, v.Project.UnitId);
                await Readings.RecordAsync(db, http.User, v.Project, v.Households.Count, phones, http.RequestAborted);
                return Problems.Found(DemocracyDtos.ToStaff(v, phones), none);
            })
            .RequireAuthorization(Policies.Staff).WithTags("Democracy").WithSummary("The project with each household, its status, reasons and follow-up visits (staff of the commune and supervisors).");
        api.MapGet("/clearance", async (Clearance clearance) => TypedResults.Ok(DemocracyDtos.ToDto(await clearance.OverviewAsync())))
            .RequireAuthorization(Policies.LeaderOrSupervisor).WithTags("Democracy")
            .WithSummary("Every clearance project of the reader's commune or area with its consensus, meetings and visits; land donations per commune.");
        return api;
    }
}
