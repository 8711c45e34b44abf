using System.Globalization;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>
/// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2: a commune is a jurisdiction (jurisdiction_id =
/// its official code), its petition fields are the services, a petition is a service request. Every endpoint answers in
/// .json or .xml, with the specification's field names and its error format; partner apps file with an api_key.
/// </summary>
public static partial class Open311
{
    private const string Root = "/open311/v2";
    /// <summary>Open311 POSTs: per partner key (a partner's server files all its citizens' reports from one address).</summary>
    public const string PostLimit = "open311-post";

    public static IServiceCollection AddOpen311Limits(this IServiceCollection services) => services
        // Before AddProblemDetails' default writer, so that it is asked first.
        .AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, ProblemWriter>()
        .AddRateLimiter(o =>
    {
        o.AddPolicy(PostLimit, http =>
        {
            var config = http.RequestServices.GetRequiredService<IConfiguration>();
            // The form is already read (RequestGuard), so reading it here does not block.
            var key = http.Request.HasFormContentType && http.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is { } form
                && form.TryGetValue("api_key", out var k) ? InputRules.Blank(k.ToString()) : null;
            // Both windows hold across instances: a partner's allowance is one, whichever instance nginx sends it to.
            var limits = http.RequestServices.GetRequiredService<SharedLimits>();
            return key is { Length: <= 200 }
                ? limits.Window(PostLimit + ":key", key, config.GetValue("Open311:PerKeyPerTenMinutes", 600), TimeSpan.FromMinutes(10))
                : limits.Window(PostLimit + ":ip", ClientLimits.ClientOf(http), ClientLimits.CitizenPermits(config), TimeSpan.FromMinutes(10));
        });
        var pages = o.OnRejected;
        o.OnRejected = async (ctx, ct) =>
        {
            var http = ctx.HttpContext;
            if (!http.Request.Path.StartsWithSegments(Root)) { if (pages is not null) await pages(ctx, ct); return; }
            if (ctx.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retry))
                http.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            // Written by the Open311 problem writer: the specification's error list, in the format asked for.
            await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
                "Too many requests for this api_key; wait and retry (see Retry-After)", page: false);
        };
    });
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static void MapOpen311(this WebApplication app)
    {
        var g = app.MapGroup(Root).WithTags("Open311").DisableAntiforgery();
        g.MapGet("/discovery.{format}", (HttpContext http, string format) => Discovery(http, format));
        g.MapGet("/services.{format}", async (HttpContext http, AppDbContext db, PetitionCatalog catalog, string format, string? jurisdiction_id) =>
        {
            if (Format(format) is not { } f) return BadFormat();
            if (await JurisdictionAsync(db, jurisdiction_id) is not { } unit) return NoJurisdiction(f, jurisdiction_id);
            var list = (await catalog.CategoriesAsync(unit.Id)).Select(c => new Node()
                .Add("service_code", c.Code).Add("service_name", c.Name).Add("description", c.Description ?? c.Name).Add("metadata", true)
                .Add("type", "realtime").Add("keywords", c.Description ?? "").Add("group", "Phản ánh, kiến nghị")).ToList();
            return Write(f, "services", list);
        });
        g.MapGet("/services/{code}.{format}", async (HttpContext http, AppDbContext db, PetitionCatalog catalog, string code, string format, string? jurisdiction_id) =>
        {
            if (Format(format) is not { } f) return BadFormat();
            if (await JurisdictionAsync(db, jurisdiction_id) is not { } unit) return NoJurisdiction(f, jurisdiction_id);
            if ((await catalog.CategoriesAsync(unit.Id)).FirstOrDefault(c => c.Code == code) is not { } c)
                return Error(f, 404, $"service_code {code} not found in jurisdiction {unit.Code}");
            var villages = await catalog.VillagesAsync(unit.Id);
            var attributes = new List<Node>
            {
                Attribute("title", "string", false, 1, "Tiêu đề ngắn của phản ánh (nếu bỏ trống: lấy từ đầu nội dung)", "Tiêu đề"),
                Attribute("village", "singlevaluelist", false, 2, "Thôn, bản nơi xảy ra sự việc", "Thôn, bản",
                    villages.Select(v => new Node().Add("key", v.Code).Add("name", v.Name)).ToList()),
                Attribute("show_name", "singlevaluelist", false, 3, "Cho phép hiện họ tên trên bảng công khai", "Hiện họ tên",
                    [new Node().Add("key", "false").Add("name", "Không"), new Node().Add("key", "true").Add("name", "Có")]),
                Attribute("consent_publish", "singlevaluelist", false, 4, "Đồng ý công khai nội dung và trả lời (không kèm thông tin cá nhân)", "Công khai trả lời",
                    [new Node().Add("key", "true").Add("name", "Có"), new Node().Add("key", "false").Add("name", "Không")]),
            };
            return WriteOne(f, "service_definition", new Node().Add("service_code", c.Code).Add("attributes", attributes));
        });
        g.MapPost("/requests.{format}", PostRequestAsync).RequireRateLimiting(PostLimit);
        g.MapGet("/requests.{format}", GetRequestsAsync);
        g.MapGet("/requests/{id}.{format}", async (HttpContext http, AppDbContext db, PetitionQueries petitions, string id, string format, string? jurisdiction_id) =>
        {
            if (Format(format) is not { } f) return BadFormat();
            var (inJurisdiction, refusal) = await InJurisdictionAsync(db, f, jurisdiction_id);
            if (refusal is not null) return refusal;
            var p = await inJurisdiction.FirstOrDefaultAsync(x => x.Code == id);
            if (p is null) return Error(f, 404, $"service_request_id {id} not found");
            return Write(f, "service_requests", [await RequestNodeAsync(db, petitions, http, p, id)]);
        });
        g.MapGet("/tokens/{token}.{format}", async (AppDbContext db, string token, string format, string? jurisdiction_id) =>
        {
            if (Format(format) is not { } f) return BadFormat();
            var (inJurisdiction, refusal) = await InJurisdictionAsync(db, f, jurisdiction_id);
            if (refusal is not null) return refusal;
            var p = string.IsNullOrEmpty(token) ? null : await inJurisdiction.FirstOrDefaultAsync(x => x.TrackingKey == token);
            if (p is null) return Error(f, 404, $"token {token} not found");
            var original = await OriginalCodeAsync(db, p);
            return Write(f, "service_requests", [new Node().Add("service_request_id", original).Add("token", token)]);
        });
    }

    private static IQueryable<Petition> All(AppDbContext db) => db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking();

    /// <summary>
    /// The requests a single-request lookup may find: those filed in the given jurisdiction (GeoReport v2: a request outside it
    /// is not found there), or in any when none is given (a blank one counts as none).
    /// </summary>
    private static async Task<(IQueryable<Petition> Requests, IResult? Refusal)> InJurisdictionAsync(AppDbContext db, Fmt f, string? jurisdictionId)
    {
        if (InputRules.Blank(jurisdictionId) is not { } id) return (All(db), null);
        if (await JurisdictionAsync(db, id) is not { } unit) return (All(db), NoJurisdiction(f, id));
        return (All(db).Where(p => p.UnitId == unit.Id), null);
    }

    private static Node Attribute(string code, string type, bool required, int order, string description, string label, List<Node>? values = null)
    {
        var n = new Node().Add("variable", true).Add("code", code).Add("datatype", type).Add("required", required)
            .Add("datatype_description", label).Add("order", order).Add("description", description);
        if (values is not null) n.Add("values", values);
        return n;
    }

    private static IResult Discovery(HttpContext http, string format)
    {
        if (Format(format) is not { } f) return BadFormat();
        var url = http.Request.PublicUrl(Root + "/");
        var d = new Node().Add("changeset", "2026-11-25T00:00:00+07:00").Add("contact", "Bộ phận Một cửa của UBND xã; cổng FriendlyGov")
            .Add("key_service", "Liên hệ quản trị hệ thống FriendlyGov để được cấp api_key cho ứng dụng đối tác.")
            .Add("endpoints", new List<Node>
            {
                new Node().Add("specification", "http://wiki.open311.org/GeoReport_v2").Add("url", url).Add("changeset", "2026-11-25T00:00:00+07:00")
                    .Add("type", "production").Add("formats", new List<object?> { "text/xml", "application/json" }),
            });
        return WriteOne(f, "discovery", d);
    }

    private static async Task<IResult> PostRequestAsync(HttpContext http, AppDbContext db, PetitionCatalog catalog, SubmitPetition submit, PetitionQueries petitions, PartnerApps apps, string format)
    {
        if (Format(format) is not { } f) return BadFormat();
        if (!http.Request.HasFormContentType) return Error(f, 400, "Send the request as application/x-www-form-urlencoded or multipart/form-data");
        var form = await http.Request.ReadFormAsync();
        string? V(string k) => form.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        if (await apps.VerifyAsync(V("api_key")) is not { } app) return Error(f, 403, "Invalid api_key received -- can't proceed with create_request.");
        if (await JurisdictionAsync(db, V("jurisdiction_id")) is not { } unit) return NoJurisdiction(f, V("jurisdiction_id"));
        if (V("service_code") is not { } code) return Error(f, 400, "service_code was not provided");
        if ((await catalog.CategoriesAsync(unit.Id)).All(c => c.Code != code)) return Error(f, 404, $"service_code {code} not found");
        double? lat = null, lon = null;
        if (V("lat") is { } la || V("long") is not null)
        {
            if (!double.TryParse(V("lat"), NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                || !double.TryParse(V("long"), NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
                return Error(f, 400, "lat and long must both be given as decimal degrees (WGS-84)");
            (lat, lon) = (a, b);
        }
        var village = V("attribute[village]");
        if (lat is null && V("address_string") is null && V("address_id") is null && village is null)
            return Error(f, 400, "A location is required: lat and long, address_string, address_id or attribute[village]");
        var description = V("description");
        var name = string.Join(' ', new[] { V("first_name"), V("last_name") }.Where(s => s is not null));
        var input = new PetitionInput
        {
            Category = code, Content = description, SenderName = name, SenderPhone = V("phone"), SenderEmail = V("email"),
            Title = V("attribute[title]") ?? TitleFrom(description), Village = village, Latitude = lat, Longitude = lon,
            Place = V("address_string") ?? V("address_id"), ShowName = V("attribute[show_name]") == "true",
            ConsentPublish = V("attribute[consent_publish]") != "false",
        };
        var outcome = await submit.HandleAsync(unit, input, [], new PetitionOrigin(false, app.Id));
        if (!outcome.Ok)
            return Write(f, "errors", outcome.Errors.Select(e => new Node().Add("code", 400).Add("description", $"{Open311Field(e.Field)}: {e.Message}")).ToList(), 400);
        var p = outcome.Value!;
        if (V("media_url") is { } media && Uri.TryCreate(media, UriKind.Absolute, out var m) && m.Scheme is "http" or "https" && media.Length <= 500)
        {
            // Kept as a link for staff to open; the server never fetches what a client names.
            var tracked = await db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]).FirstAsync(x => x.Id == p.Id);
            tracked.MediaUrl = media;
            await db.SaveChangesAsync();
        }
        var notice = $"Đã tiếp nhận phản ánh {p.Code}. UBND trả lời trong {petitions.Deadlines.AnswerDays:0.#} ngày làm việc, chậm nhất {Stamp(p.DueAt)}.";
        return Write(f, "service_requests", [new Node().Add("service_request_id", p.Code).Add("token", p.TrackingKey).Add("service_notice", notice).Add("account_id", null)], 201);
    }

    private static async Task<IResult> GetRequestsAsync(HttpContext http, AppDbContext db, PetitionQueries petitions, string format, string? jurisdiction_id,
        string? service_request_id, string? service_code, string? start_date, string? end_date, string? status)
    {
        if (Format(format) is not { } f) return BadFormat();
        // An empty optional parameter is as if absent (start_date=&status= from a form-built query string).
        (service_request_id, service_code, start_date, end_date, status) =
            (InputRules.Blank(service_request_id), InputRules.Blank(service_code), InputRules.Blank(start_date), InputRules.Blank(end_date), InputRules.Blank(status));
        if (await JurisdictionAsync(db, jurisdiction_id) is not { } unit) return NoJurisdiction(f, jurisdiction_id);
        var q = All(db).Where(p => p.UnitId == unit.Id && p.Status != PetitionStatus.Transferred);
        if (!string.IsNullOrWhiteSpace(service_request_id))
        {
            var ids = service_request_id.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(1000).ToList();
            q = q.Where(p => ids.Contains(p.Code));
        }
        else
        {
            // The specification's defaults: the last 90 days, or 90 days from the start date; at most 1000 requests.
            DateTimeOffset? start = null, end = null;
            if (start_date is not null) { if (!DateTimeOffset.TryParse(start_date, CultureInfo.InvariantCulture, DateTimeStyles.None, out var s)) return Error(f, 400, "start_date must be a w3 date-time"); start = s; }
            if (end_date is not null) { if (!DateTimeOffset.TryParse(end_date, CultureInfo.InvariantCulture, DateTimeStyles.None, out var e)) return Error(f, 400, "end_date must be a w3 date-time"); end = e; }
            var to = (end ?? (start?.AddDays(90) ?? DateTimeOffset.UtcNow)).UtcDateTime;
            var from = (start ?? end?.AddDays(-90) ?? DateTimeOffset.UtcNow.AddDays(-90)).UtcDateTime;
            if (to < from) return Error(f, 400, "end_date must not be before start_date");
            q = q.Where(p => p.SubmittedAt >= from && p.SubmittedAt <= to);
            if (!string.IsNullOrWhiteSpace(service_code))
            {
                var codes = service_code.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                q = q.Where(p => codes.Contains(p.CategoryCode));
            }
            if (!string.IsNullOrWhiteSpace(status))
            {
                var wanted = status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToHashSet();
                if (wanted.Except(["open", "closed"]).Any()) return Error(f, 400, "status is open, closed or both (comma-separated)");
                if (!wanted.Contains("closed")) q = q.Where(p => PetitionLifecycle.OpenStatuses.Contains(p.Status));
                else if (!wanted.Contains("open")) q = q.Where(p => !PetitionLifecycle.OpenStatuses.Contains(p.Status));
            }
        }
        var rows = await q.OrderByDescending(p => p.SubmittedAt).Take(1000).ToListAsync();
        var nodes = new List<Node>();
        foreach (var p in rows) nodes.Add(await RequestNodeAsync(db, petitions, http, p, p.Code));
        return Write(f, "service_requests", nodes);
    }

    /// <summary>
    /// A request as the public may see it: personal data never; what was written, where, and the answer only when
    /// <see cref="PetitionLifecycle.IsPublic"/> (consent, and the answer published).
    /// A transferred petition is followed to where it is handled now, under the id the client knows.
    /// </summary>
    private static async Task<Node> RequestNodeAsync(AppDbContext db, PetitionQueries petitions, HttpContext http, Petition p, string askedId)
    {
        var current = p;
        for (var hop = 0; current.Status == PetitionStatus.Transferred && hop < 10; hop++)
        {
            var next = await All(db).FirstOrDefaultAsync(x => x.TransferredFromId == current.Id);
            if (next is null) break;
            current = next;
        }
        var open = PetitionLifecycle.IsOpen(current.Status);
        var agency = await petitions.UnitNameAsync(current.UnitId);
        var isPublic = PetitionLifecycle.IsPublic(current);
        var notes = current.Status switch
        {
            PetitionStatus.Answered or PetitionStatus.Closed when isPublic => current.Answer,
            PetitionStatus.Rejected => $"{PetitionLifecycle.GroundName(current.RejectionGround ?? RejectionGround.Insufficient)}. {(current.ConsentPublish ? current.RejectionReason : "")}".Trim(),
            _ => PetitionLifecycle.VietnameseName(current.Status) + (current.Id != p.Id ? $" (chuyển đến {agency}, mã {current.Code})" : ""),
        };
        var currentId = current.Id;
        var updated = await db.PetitionEvents.IgnoreQueryFilters([AppDbContext.UnitFilter]).Where(e => e.PetitionId == currentId)
            .MaxAsync(e => (DateTime?)e.At) ?? current.SubmittedAt;
        var photo = await db.PetitionPhotos.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(x => x.PetitionId == current.Id)
            .OrderBy(x => x.Id).Select(x => (long?)x.Id).FirstOrDefaultAsync();
        var mediaUrl = photo is long ph && isPublic
            ? http.Request.PublicUrl($"/phan-anh/anh/{ph}") : null;
        return new Node().Add("service_request_id", askedId).Add("status", open ? "open" : "closed").Add("status_notes", notes)
            .Add("service_name", current.CategoryName).Add("service_code", current.CategoryCode)
            .Add("description", isPublic ? current.Content : null).Add("agency_responsible", $"UBND {agency}")
            .Add("service_notice", open ? $"Hạn trả lời: {Stamp(current.DueAt)}" : null)
            .Add("requested_datetime", Stamp(p.SubmittedAt)).Add("updated_datetime", Stamp(updated))
            .Add("expected_datetime", open ? Stamp(current.DueAt) : null)
            .Add("address", isPublic ? current.Place ?? current.VillageName : null).Add("address_id", null).Add("zipcode", null)
            .Add("lat", isPublic ? current.Latitude : null).Add("long", isPublic ? current.Longitude : null).Add("media_url", mediaUrl);
    }

    private static async Task<string> OriginalCodeAsync(AppDbContext db, Petition p)
    {
        var current = p;
        for (var hop = 0; current.TransferredFromId is int from && hop < 10; hop++)
            current = await All(db).FirstAsync(x => x.Id == from);
        return current.Code;
    }

    private static string TitleFrom(string? description)
    {
        var d = (description ?? "").ReplaceLineEndings(" ").Trim();
        return d.Length <= 80 ? d : d[..77].TrimEnd() + "…";
    }

    private static string Open311Field(string field) => field switch
    {
        nameof(PetitionInput.Content) => "description",
        nameof(PetitionInput.SenderName) => "first_name",
        nameof(PetitionInput.SenderPhone) => "phone",
        nameof(PetitionInput.SenderEmail) => "email",
        nameof(PetitionInput.Title) => "attribute[title]",
        nameof(PetitionInput.Village) => "attribute[village]",
        nameof(PetitionInput.Latitude) => "lat",
        nameof(PetitionInput.Place) => "address_string",
        nameof(PetitionInput.Category) => "service_code",
        _ => field,
    };

    private static async Task<AdministrativeUnit?> JurisdictionAsync(AppDbContext db, string? id) => await db.CommuneByCodeAsync(id);

    public static string Stamp(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Vietnam).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

}
