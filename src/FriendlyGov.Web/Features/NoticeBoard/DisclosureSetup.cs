using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;

namespace FriendlyGov.Web.Features.NoticeBoard;

public sealed record VersionInput(int Version, string? Reason = null);
public sealed record AttachInput(string? FileName, string? ContentBase64, bool AsTable = false);

public static class DisclosureSetup
{
    public static IServiceCollection AddDisclosures(this IServiceCollection services) => services.AddScoped<Disclosures>();

    private static IResult Respond<T>(Outcome<T> o, Func<T, object> ok, int status = StatusCodes.Status200OK) =>
        Problems.Json(o, ok, status, "Không có trong phạm vi của bạn.");

    public static object ToDto(Core.Data.Disclosure d, DisclosureState state) => new
    {
        d.Id, category = d.Category, categoryName = DisclosureRules.Info(d.Category).Name, d.Title, d.DocumentNumber, d.DocumentDate, d.Summary,
        d.PostingDays, d.PostedOn, fulfilledOn = d.PostedOn is DateOnly on ? DisclosureRules.FulfilledOn(on, d.PostingDays) : (DateOnly?)null,
        state, stateName = DisclosureRules.StateName(state), d.TakeDownReason, d.Number, d.PreviousId, d.SupersededById, d.Version,
    };

    private static object ToDto(DisclosureView v) => new
    {
        disclosure = ToDto(v.Item, v.State), files = v.Files.Select(f => new { f.Id, f.FileName, f.ContentType, f.Size, url = $"/cong-khai/tep/{f.Id}" }),
        table = v.Table, history = v.History.Select(h => new { h.Id, h.Number, h.PostedOn, h.Title }),
    };

    public static RouteGroupBuilder MapDisclosures(this RouteGroupBuilder api)
    {
        // Public: what was posted, with the history.
        api.MapGet("/communes/{code}/disclosures", async (AppDbContext db, Disclosures disclosures, string code, DisclosureCategory? category, int? year, string? q, bool? history) =>
                await db.CommuneByCodeAsync(code) is { } u
                    ? Results.Ok((await disclosures.PublicListAsync(u.Id, category, year, q, history ?? false)).Select(x => ToDto(x.Item, x.State)))
                    : Problems.NotFound($"Không có xã, phường mã {code}."))
            .AllowAnonymous().WithTags("Disclosure").WithSummary("The commune's public notice board; history=true adds what was taken down, archived or corrected.");
        api.MapGet("/disclosures/{id:int}", async (Disclosures disclosures, int id) =>
                await disclosures.ViewAsync(id, staffView: false) is { } v ? Results.Ok(ToDto(v)) : Problems.NotFound("Không có nội dung công khai này."))
            .AllowAnonymous().WithTags("Disclosure");

        var staff = api.MapGroup("/communes/{code}/disclosures").RequireAuthorization(Policies.CommuneStaff).WithTags("Disclosure");
        staff.MapGet("/drafts", async (AppDbContext db, Disclosures disclosures, HttpContext http, string code) =>
                await db.CommuneByCodeAsync(code) is { } u && http.User.UnitId() == u.Id
                    ? Results.Ok((await disclosures.StaffListAsync(u.Id)).Select(x => ToDto(x.Item, x.State))) : Problems.NotFound("Không có xã này trong phạm vi của bạn."))
            .WithSummary("Everything of the commune, drafts included (its own staff).");
        staff.MapPost("/", async (AppDbContext db, Disclosures disclosures, HttpContext http, string code, DisclosureInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await disclosures.CreateAsync(u, input, http.User), d => new { d.Id, d.Version }, 201) : Problems.NotFound("Không có xã này."))
            .Produces(StatusCodes.Status201Created);
        staff.MapPut("/{id:int}", async (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id, DisclosureInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await disclosures.UpdateAsync(u, id, input, http.User), d => new { d.Id, d.Version }) : Problems.NotFound("Không có xã này."));
        staff.MapPost("/{id:int}/post", async (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id, VersionInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await disclosures.PostAsync(u, id, input.Version, http.User), d => new { d.Id, d.PostedOn, d.Version }) : Problems.NotFound("Không có xã này."))
            .WithSummary("Post today, for the disclosure's period (at least the legal minimum of its category).");
        staff.MapPost("/{id:int}/take-down", async (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id, VersionInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await disclosures.TakeDownAsync(u, id, input.Reason, input.Version, http.User), d => new { d.Id, d.Version }) : Problems.NotFound("Không có xã này."));
        staff.MapPost("/{id:int}/archive", async (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id, VersionInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await disclosures.ArchiveAsync(u, id, input.Version, http.User), d => new { d.Id, d.Version }) : Problems.NotFound("Không có xã này."));
        staff.MapPost("/{id:int}/correct", async (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await disclosures.CorrectAsync(u, id, http.User), d => new { d.Id, d.Number, d.Version }, 201) : Problems.NotFound("Không có xã này."))
            .WithSummary("A correction: a draft copy to change and post; the posted version stays until then, then shows as superseded.")
            .Produces(StatusCodes.Status201Created);
        staff.MapPost("/{id:int}/files", async (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id, AttachInput input) =>
                await db.CommuneByCodeAsync(code) is { } u ? Respond(await disclosures.AttachAsync(u, id, FileUploads.FromBase64(input.FileName, input.ContentBase64), input.AsTable, http.User), f => new { f.Id, f.FileName, f.ContentType }, 201) : Problems.NotFound("Không có xã này."))
            .WithSummary("Attach a PDF, image or Excel file (base64) to a draft; asTable imports an Excel sheet as the disclosure's table.")
            .Produces(StatusCodes.Status201Created);
        return api;
    }

    public static void MapDisclosureFiles(this WebApplication app) =>
        app.MapGet("/cong-khai/tep/{id:long}", async (Disclosures disclosures, HttpContext http, long id) =>
            {
                if (await disclosures.FileAsync(id) is not { } f) return Results.NotFound();
                http.Response.Headers.XContentTypeOptions = "nosniff";
                // Images (re-encoded on upload) are shown in the page; anything else is downloaded, never rendered by the browser.
                var disposition = f.ContentType.StartsWith("image/") ? "inline" : "attachment";
                http.Response.Headers.ContentDisposition = $"{disposition}; filename*=UTF-8''{Uri.EscapeDataString(f.FileName)}";
                return Results.Bytes(f.Content, f.ContentType);
            }).ExcludeFromDescription();
}
