using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FriendlyGov.Web.Features.NoticeBoard;

public sealed record VersionInput(int Version, string? Reason = null);
public sealed record AttachInput(string? FileName, string? ContentBase64, bool AsTable = false);

/// <summary>A notice as the board and the desk show it, with its state on the board and the day its legal period is fulfilled.</summary>
public sealed record DisclosureDto(int Id, DisclosureCategory Category, string CategoryName, string Title, string? DocumentNumber, DateOnly? DocumentDate,
    string Summary, int PostingDays, DateOnly? PostedOn, DateOnly? FulfilledOn, DisclosureState State, string StateName, string? TakeDownReason, int Number,
    int? PreviousId, int? SupersededById, int Version);
public sealed record DisclosureFileDto(long Id, string FileName, string ContentType, long Size, string Url);
public sealed record DisclosureVersionDto(int Id, int Number, DateOnly? PostedOn, string Title);
/// <summary>A notice with its files, its table (an imported sheet) and its earlier versions.</summary>
public sealed record DisclosureDetailDto(DisclosureDto Disclosure, List<DisclosureFileDto> Files, List<string[]>? Table, List<DisclosureVersionDto> History);
public sealed record DisclosureSavedDto(int Id, int Version);
public sealed record DisclosurePostedDto(int Id, DateOnly? PostedOn, int Version);
public sealed record DisclosureCorrectionDto(int Id, int Number, int Version);
public sealed record AttachedFileDto(long Id, string FileName, string ContentType);

public static class DisclosureSetup
{
    public static IServiceCollection AddDisclosures(this IServiceCollection services) => services.AddScoped<Disclosures>();

    private const string OutOfScope = "Không có trong phạm vi của bạn.";
    private const string NoCommune = "Không có xã này.";

    public static DisclosureDto ToDto(Core.Data.Disclosure d, DisclosureState state) => new(d.Id, d.Category, DisclosureRules.Info(d.Category).Name, d.Title,
        d.DocumentNumber, d.DocumentDate, d.Summary, d.PostingDays, d.PostedOn,
        d.PostedOn is DateOnly on ? DisclosureRules.FulfilledOn(on, d.PostingDays) : null, state, DisclosureRules.StateName(state), d.TakeDownReason, d.Number,
        d.PreviousId, d.SupersededById, d.Version);

    private static DisclosureDetailDto ToDto(DisclosureView v) => new(ToDto(v.Item, v.State),
        v.Files.Select(f => new DisclosureFileDto(f.Id, f.FileName, f.ContentType, f.Size, $"/cong-khai/tep/{f.Id}")).ToList(), v.Table,
        v.History.Select(h => new DisclosureVersionDto(h.Id, h.Number, h.PostedOn, h.Title)).ToList());

    public static RouteGroupBuilder MapDisclosures(this RouteGroupBuilder api)
    {
        // Public: what was posted, with the history.
        api.MapGet("/communes/{code}/disclosures", async (AppDbContext db, Disclosures disclosures, string code, DisclosureCategory? category, int? year, string? q, bool? history) =>
                Problems.Found(await db.CommuneByCodeAsync(code) is { } u
                    ? (await disclosures.PublicListAsync(u.Id, category, year, q, history ?? false)).Select(x => ToDto(x.Item, x.State)).ToList()
                    : null, $"Không có xã, phường mã {code}."))
            .AllowAnonymous().WithTags("Disclosure").WithSummary("The commune's public notice board; history=true adds what was taken down, archived or corrected.");
        api.MapGet("/disclosures/{id:int}", async (Disclosures disclosures, int id) =>
                Problems.Found(await disclosures.ViewAsync(id, staffView: false) is { } v ? ToDto(v) : null, "Không có nội dung công khai này."))
            .AllowAnonymous().WithTags("Disclosure");

        var staff = api.MapGroup("/communes/{code}/disclosures").RequireAuthorization(Policies.CommuneStaff).WithTags("Disclosure");
        staff.MapGet("/drafts", async (AppDbContext db, Disclosures disclosures, UnitAccess access, HttpContext http, string code) =>
                Problems.Found(await db.CommuneByCodeAsync(code) is { } u && await access.MayAsync(http.User, u.Id, UnitOperations.Work)
                    ? (await disclosures.StaffListAsync(u.Id)).Select(x => ToDto(x.Item, x.State)).ToList() : null, "Không có xã này trong phạm vi của bạn."))
            .WithSummary("Everything of the commune, drafts included (its own staff).");
        staff.MapPost("/", (AppDbContext db, Disclosures disclosures, HttpContext http, string code, DisclosureInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Problems.Created(await disclosures.CreateAsync(u, input, http.User), d => new DisclosureSavedDto(d.Id, d.Version), OutOfScope)));
        staff.MapPut("/{id:int}", (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id, DisclosureInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Problems.Ok(await disclosures.UpdateAsync(u, id, input, http.User), d => new DisclosureSavedDto(d.Id, d.Version), OutOfScope)));
        staff.MapPost("/{id:int}/post", (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id, VersionInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Problems.Ok(await disclosures.PostAsync(u, id, input.Version, http.User), d => new DisclosurePostedDto(d.Id, d.PostedOn, d.Version), OutOfScope)))
            .WithSummary("Post today, for the disclosure's period (at least the legal minimum of its category).");
        staff.MapPost("/{id:int}/take-down", (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id, VersionInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Problems.Ok(await disclosures.TakeDownAsync(u, id, input.Reason, input.Version, http.User), d => new DisclosureSavedDto(d.Id, d.Version), OutOfScope)));
        staff.MapPost("/{id:int}/archive", (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id, VersionInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Problems.Ok(await disclosures.ArchiveAsync(u, id, input.Version, http.User), d => new DisclosureSavedDto(d.Id, d.Version), OutOfScope)));
        staff.MapPost("/{id:int}/correct", (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Problems.Created(await disclosures.CorrectAsync(u, id, http.User), d => new DisclosureCorrectionDto(d.Id, d.Number, d.Version), OutOfScope)))
            .WithSummary("A correction: a draft copy to change and post; the posted version stays until then, then shows as superseded.");
        staff.MapPost("/{id:int}/files", (AppDbContext db, Disclosures disclosures, HttpContext http, string code, int id, AttachInput input) =>
                Problems.In(db.CommuneByCodeAsync(code), NoCommune, async u => Problems.Created(await disclosures.AttachAsync(u, id, FileUploads.FromBase64(input.FileName, input.ContentBase64), input.AsTable, http.User), f => new AttachedFileDto(f.Id, f.FileName, f.ContentType), OutOfScope)))
            .WithSummary("Attach a PDF, image or Excel file (base64) to a draft; asTable imports an Excel sheet as the disclosure's table.");
        return api;
    }

    public static void MapDisclosureFiles(this WebApplication app) =>
        app.MapGet("/cong-khai/tep/{id:long}", async (Disclosures disclosures, StoredFiles files, HttpContext http, long id) =>
            {
                if (await disclosures.FileAsync(id) is not { } f) return Results.NotFound();
                http.Response.Headers.XContentTypeOptions = "nosniff";
                // Images (re-encoded on upload) are shown in the page; anything else is downloaded, never rendered by the browser.
                var disposition = f.ContentType.StartsWith("image/") ? "inline" : "attachment";
                http.Response.Headers.ContentDisposition = $"{disposition}; filename*=UTF-8''{Uri.EscapeDataString(f.FileName)}";
                return Results.Bytes(await files.ReadAsync(f, http.RequestAborted), f.ContentType);
            }).ExcludeFromDescription();
}
