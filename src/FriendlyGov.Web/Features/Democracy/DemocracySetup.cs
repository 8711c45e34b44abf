using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Petitions;
using FriendlyGov.Web.Shared;

namespace FriendlyGov.Web.Features.Democracy;

public sealed record HideInput(string? Reason);
public sealed record ReplyInput(string? Reply);
public sealed record SummaryInput(string? Summary);

public static class DemocracySetup
{
    public static IServiceCollection AddDemocracy(this IServiceCollection services) => services.AddScoped<Clearance>().AddScoped<Consultations>();

    private static IResult Respond<T>(Outcome<T> o, Func<T, object> ok, int status = StatusCodes.Status200OK) =>
        Problems.Json(o, ok, status, "Không có trong phạm vi của bạn.");

    /// <summary>
    /// The public sees counts; names only of households who agreed to be named; phones and reasons never. Phones go only to the
    /// commune's own staff (<paramref name="phones"/>), not to the supervisors above it.
    /// </summary>
    public static object ToDto(ProjectView v, bool staff, bool phones = false) => new
    {
        v.Project.Id, v.Project.Name, v.Project.Purpose, v.Project.Investor, v.Project.Villages, v.Project.AffectedAreaM2, v.Project.MapLink, v.Project.StartOn,
        v.Project.EndOn, plan = v.Plan is null ? null : new { v.Plan.Id, v.Plan.Title, v.Plan.PostedOn }, consensus = v.Consensus,
        byVillage = v.ByVillage.Select(x => new { x.Village, x.Consensus }),
        meetings = v.Meetings.Select(m => new { m.Date, m.Village, m.Attendees, m.Minutes }),
        households = v.Households.Where(h => staff || h.AgreesToBeNamed).Select(h => staff
            ? (object)new { h.Id, h.HeadName, h.Village, h.AffectedAreaM2, h.Assets, phone = phones ? h.Phone : null, status = h.Status, h.NotAgreedReason, h.AgreesToBeNamed, h.Version,
                visits = v.Visits.Where(x => x.HouseholdId == h.Id).Select(x => new { x.Date, x.VisitedBy, x.Notes }) }
            : new { h.HeadName, h.Village, status = h.Status }),
    };

    public static object ToDto(ConsultationView v, bool staff) => new
    {
        v.Item.Id, kind = v.Item.Kind, v.Item.Title, v.Item.Content, v.Item.OpensOn, v.Item.ClosesOn, v.Item.Village, open = v.Open, closed = v.Closed,
        comments = v.Comments.Select(c => staff ? (object)new { c.Id, c.Name, c.Village, c.Content, c.At, hidden = c.HiddenReason != null, c.HiddenReason, c.Reply, c.RepliedAt }
            : new { c.Name, c.Village, c.Content, c.At, c.Reply, c.RepliedAt }),
        summary = v.Item.SummaryPublishedAt is null && !staff ? null : v.Item.Summary, v.Item.SummaryPublishedAt,
        responses = v.Responses.Select(r => new { r.Topic, r.Comments, r.Accepted, r.Explanation }), votes = v.Votes,
    };

    public static RouteGroupBuilder MapDemocracy(this RouteGroupBuilder api)
    {
        // Public reading.
        api.MapGet("/communes/{code}/consultations", async (AppDbContext db, Consultations consultations, string code) =>
                await db.CommuneByCodeAsync(code) is { } u ? Results.Ok((await consultations.ListAsync(u.Id)).Select(c => new { c.Id, kind = c.Kind, c.Title, c.OpensOn, c.ClosesOn, c.Village, summaryPublished = c.SummaryPublishedAt != null }))
                    : Problems.NotFound($"Không có xã, phường mã {code}."))
            .AllowAnonymous().WithTags("Democracy").WithSummary("Drafts put to the people's comment (dân bàn, góp ý).");
        api.MapGet("/consultations/{id:int}", async (Consultations consultations, int id) =>
                await consultations.ViewAsync(id, staff: false) is { } v ? Results.Ok(ToDto(v, staff: false)) : Problems.NotFound("Không có nội dung lấy ý kiến này."))
            .AllowAnonymous().WithTags("Democracy");
        api.MapPost("/consultations/{id:int}/comments", async (Consultations consultations, HttpContext http, int id, CommentInput input) =>
                Respond(await consultations.CommentAsync(id, input, http.Connection.RemoteIpAddress?.ToString()), c => new { c.Id, c.At }, 201))
            .AllowAnonymous().RequireRateLimiting(Shared.ClientLimits.CitizenSubmissions).WithTags("Democracy").WithSummary("A citizen's comment while the consultation is open.")
            .Produces(StatusCodes.Status201Created);
        api.MapGet("/communes/{code}/clearance", async (AppDbContext db, Clearance clearance, string code) =>
                await db.CommuneByCodeAsync(code) is { } u ? Results.Ok((await clearance.ProjectsAsync(u.Id, publicView: true)).Select(p => new { p.Project.Id, p.Project.Name, p.Project.Villages, consensus = p.Consensus }))
                    : Problems.NotFound($"Không có xã, phường mã {code}."))
            .AllowAnonymous().WithTags("Democracy").WithSummary("Land clearance projects with their consensus figures (counts only).");
        api.MapGet("/clearance/{id:int}", async (Clearance clearance, int id) =>
                await clearance.ProjectAsync(id, publicView: true) is { } v ? Results.Ok(ToDto(v, staff: false)) : Problems.NotFound("Không có dự án này."))
            .AllowAnonymous().WithTags("Democracy");
        api.MapGet("/communes/{code}/land-donations", async (AppDbContext db, Clearance clearance, string code) =>
            {
                if (await db.CommuneByCodeAsync(code) is not { } u) return Problems.NotFound($"Không có xã, phường mã {code}.");
                var (named, byVillage, byRoad, all) = await clearance.ThanksAsync(u.Id);
                return Results.Ok(new { donors = named.Select(d => new { d.HeadName, d.Village, d.Road, d.AreaM2, d.WallsMovedM, d.TreesStructures, d.AgreementDate }), byVillage, byRoad, total = all,
                    unnamed = all.Donors - named.Count });
            })
            .AllowAnonymous().WithTags("Democracy").WithSummary("The thank-you board (biết cảm ơn): donors who agreed to be named, how many chose not to be, totals per village and road.");

        // The commune's staff; leaders and supervisors read through the staff view of a project.
        var staff = api.MapGroup("/communes/{code}").RequireAuthorization(Policies.CommuneStaff).WithTags("Democracy");
        staff.MapPost("/consultations", async (AppDbContext db, Consultations consultations, HttpContext http, string code, ConsultationInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await consultations.CreateAsync(u, input, http.User), c => new { c.Id }, 201) : Problems.NotFound("Không có xã này."))
            .Produces(StatusCodes.Status201Created);
        staff.MapPost("/consultation-comments/{id:long}/reply", async (AppDbContext db, Consultations consultations, HttpContext http, string code, long id, ReplyInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await consultations.ReplyAsync(u, id, input.Reply, http.User), c => new { c.Id, c.Reply, c.RepliedAt }) : Problems.NotFound("Không có xã này."))
            .WithSummary("Answer a citizen's comment on a draft in public, under the comment.");
        staff.MapPost("/consultation-comments/{id:long}/hide", async (AppDbContext db, Consultations consultations, HttpContext http, string code, long id, HideInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await consultations.HideAsync(u, id, input.Reason, http.User), c => new { c.Id }) : Problems.NotFound("Không có xã này."));
        staff.MapPost("/consultations/{id:int}/responses", async (AppDbContext db, Consultations consultations, HttpContext http, string code, int id, ResponseInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await consultations.RespondAsync(u, id, input, http.User), r => new { r.Id }, 201) : Problems.NotFound("Không có xã này."))
            .Produces(StatusCodes.Status201Created);
        staff.MapPost("/consultations/{id:int}/summary", async (AppDbContext db, Consultations consultations, HttpContext http, string code, int id, SummaryInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await consultations.PublishSummaryAsync(u, id, input.Summary, http.User), c => new { c.Id, c.SummaryPublishedAt }) : Problems.NotFound("Không có xã này."));
        staff.MapPost("/consultations/{id:int}/votes", async (AppDbContext db, Consultations consultations, HttpContext http, string code, int id, VoteInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await consultations.VoteAsync(u, id, input, http.User), v => new { v.Id }, 201) : Problems.NotFound("Không có xã này."))
            .Produces(StatusCodes.Status201Created);
        staff.MapPost("/clearance", async (AppDbContext db, Clearance clearance, HttpContext http, string code, ProjectInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await clearance.CreateProjectAsync(u, input, http.User), p => new { p.Id }, 201) : Problems.NotFound("Không có xã này."))
            .Produces(StatusCodes.Status201Created);
        staff.MapPost("/clearance/{id:int}/meetings", async (AppDbContext db, Clearance clearance, HttpContext http, string code, int id, MeetingInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await clearance.AddMeetingAsync(u, id, input, http.User), m => new { m.Id }, 201) : Problems.NotFound("Không có xã này."))
            .Produces(StatusCodes.Status201Created);
        staff.MapPost("/clearance/{id:int}/households", async (AppDbContext db, Clearance clearance, HttpContext http, string code, int id, HouseholdInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await clearance.AddHouseholdAsync(u, id, input, http.User), h => new { h.Id, h.Version }, 201) : Problems.NotFound("Không có xã này."))
            .Produces(StatusCodes.Status201Created);
        staff.MapPost("/households/{id:int}/status", async (AppDbContext db, Clearance clearance, HttpContext http, string code, int id, StatusInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await clearance.MoveAsync(u, id, input, http.User), h => new { h.Id, status = h.Status, h.Version }) : Problems.NotFound("Không có xã này."));
        staff.MapPost("/households/{id:int}/visits", async (AppDbContext db, Clearance clearance, HttpContext http, string code, int id, VisitInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await clearance.VisitAsync(u, id, input, http.User), v => new { v.Id }, 201) : Problems.NotFound("Không có xã này."))
            .Produces(StatusCodes.Status201Created);
        staff.MapPost("/land-donations", async (AppDbContext db, Clearance clearance, HttpContext http, string code, DonationInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await clearance.DonateAsync(u, input, http.User), d => new { d.Id }, 201) : Problems.NotFound("Không có xã này."))
            .Produces(StatusCodes.Status201Created);

        // Leaders and supervisors (their subtree) read a project with its households; the tenant filter decides.
        api.MapGet("/clearance/{id:int}/households", async (Clearance clearance, HttpContext http, int id) =>
                await clearance.ProjectAsync(id, publicView: false) is { } v ? Results.Ok(ToDto(v, staff: true, phones: http.User.UnitId() == v.Project.UnitId)) : Problems.NotFound("Không có dự án này trong phạm vi của bạn."))
            .RequireAuthorization(Policies.Staff).WithTags("Democracy").WithSummary("The project with each household, its status, reasons and follow-up visits (staff of the commune and supervisors).");
        api.MapGet("/clearance", async (Clearance clearance) =>
            {
                var (projects, donations) = await clearance.OverviewAsync();
                return Results.Ok(new
                {
                    projects = projects.Select(r => new
                    {
                        commune = r.Commune.Code, communeName = r.Commune.Name, r.Project.Id, r.Project.Name, r.Project.Villages, consensus = r.Consensus,
                        byVillage = r.ByVillage.Select(x => new { x.Village, x.Consensus }), r.HandedOver, r.Meetings, r.LastMeeting, r.Visits, r.LastVisit,
                        notAgreedUnvisited = r.NotAgreedUnvisited,
                    }),
                    donations = donations.Select(d => new { commune = d.Commune.Code, communeName = d.Commune.Name, d.Totals.Donors, d.Totals.AreaM2, d.Totals.WallsMovedM }),
                });
            })
            .RequireAuthorization(Policies.LeaderOrSupervisor).WithTags("Democracy")
            .WithSummary("Every clearance project of the reader's commune or area with its consensus, meetings and visits; land donations per commune.");
        return api;
    }
}
