using System.Net;
using System.Net.Http.Json;
using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Tenant isolation, probed over HTTP with real sign-ins. Commune A = xã Chiềng Sinh (03298, Điện Biên),
/// commune B = xã Quang Lộc (16060, Thanh Hóa). A user of another commune gets 403/404 and none of the data;
/// a supervisor reads their subtree and changes nothing of a commune's.
/// </summary>
public abstract partial class IsolationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string AStaff = "Lò Thị Hoa";     // counter officer of Chiềng Sinh
    private const string BStaff = "Nguyễn Thị Lan"; // counter officer of Quang Lộc
    private const string ACommentary = "cán bộ đi họp"; // the demo's unhappy comment about Chiềng Sinh (follow-up #1)
    private const string AContact = "0912000111";     // the phone its writer left for the leader
    private const string APetition = "Hới Ná";          // Chiềng Sinh's demo landslide petitions
    private const string APetitionVillage = "Hới Ná";
    private const string BPetition = "thôn Trung";      // Quang Lộc's demo petition about lorries, still open
    private const string ABoardHead = "Lò Văn Hùng";     // head of Chiềng Sinh's demo board
    private const string AProposal = "Internet";          // Chiềng Sinh's demo proposal to the province
    private const string AInspection = "6 tháng sau ra mắt"; // the province's demo inspection of Chiềng Sinh
    private const string ADraftDisclosure = "hộ nghèo, cận nghèo"; // Chiềng Sinh's demo draft disclosure
    private const string AUnnamedHousehold = "Lường Văn Xôm"; // a Chiềng Sinh household that did not agree to be named
    private const string APhoneOfDonorBoard = "Hộ không nêu tên";  // a donor who asked not to be named
    private const string AHouseholdPhone = "0912 406 318"; // the phone of that household: for the commune's staff only
    private const string APractice = "tiếng Thái, tiếng Mông"; // Chiềng Sinh's published good practice
    private const string Denied = "denied";         // 403, or the cookie scheme's redirect to the access-denied page
    private const string Login = "login";           // 401 (API) or redirect to the login page
    private const string Refused = "refused";       // 400, 403 or 404: refused before any data is read or written

    public sealed record Probe(string User, string Method, string Path, string Expect, string? MustContain = null, string? MustNotContain = null)
    {
        public override string ToString() => $"{User} {Method} {Path} → {Expect}";
    }

    private static readonly object Profile = new { address = "Địa chỉ giả mạo", phone = "0912 345 678" };

    public static TheoryData<Probe> Probes() => [.. Matrix];

    private readonly Dictionary<string, HttpClient> _clients = [];

    private async Task<HttpClient> ClientAsync(string user)
    {
        if (!_clients.TryGetValue(user, out var c))
            _clients[user] = c = user == "" ? app.Anonymous() : await app.LoginAsync(user);
        return c;
    }

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Probe_gets_only_what_the_role_and_unit_allow(Probe probe)
    {
        var client = await ClientAsync(probe.User);
        var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        if (probe.Method is "PUT" or "POST") request.Content = JsonContent.Create(Profile);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location?.ToString() ?? "";

        switch (probe.Expect)
        {
            case Denied:
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                    || response.StatusCode == HttpStatusCode.Redirect && location.Contains("/khong-co-quyen"), $"{probe}: got {(int)response.StatusCode} {location} {body[..Math.Min(body.Length, 400)]}");
                break;
            case Login:
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized
                    || response.StatusCode == HttpStatusCode.Redirect && location.Contains("/dang-nhap"), $"{probe}: got {(int)response.StatusCode} {location} {body[..Math.Min(body.Length, 400)]}");
                break;
            case Refused:
                Assert.True((int)response.StatusCode is 400 or 403 or 404, $"{probe}: got {(int)response.StatusCode}");
                break;
            default:
                Assert.Equal(int.Parse(probe.Expect), (int)response.StatusCode);
                break;
        }
        if (probe.MustContain is not null) Assert.Contains(probe.MustContain, body);
        if (probe.MustNotContain is not null) Assert.DoesNotContain(probe.MustNotContain, body);
    }

    [Fact]
    public async Task Nothing_of_another_commune_changes_when_its_neighbour_or_supervisor_tries()
    {
        var b = await ClientAsync("quangloc.lanhdao");
        var sup = await ClientAsync("giamsat.dienbien");
        await b.PutAsJsonAsync("/api/v1/communes/03298/profile", Profile);
        await sup.PutAsJsonAsync("/api/v1/communes/03298/profile", Profile);
        // Lock attempts on A's officer through the staff page, by B's leader and by A's supervisor.
        foreach (var c in new[] { b, sup })
            await c.PostAsync("/can-bo/nhan-su?handler=Lock", await AppFixture.FormAsync(c, "/can-bo/nhan-su",
                new() { ["userName"] = "chiengsinh.tiepnhan", ["locked"] = "true" }));
        // B's leader tries to create an account inside A.
        var create = await b.PostAsync("/can-bo/nhan-su?handler=Create", await AppFixture.FormAsync(b, "/can-bo/nhan-su", new()
        {
            ["Input.FullName"] = "Kẻ Xâm Nhập", ["Input.UserName"] = "xam.nhap", ["Input.Role"] = Roles.CounterOfficer,
            ["Input.UnitCode"] = "03298", ["Input.Password"] = "Xam.Nhap2025!",
        }));
        Assert.Contains("Bạn không quản lý đơn vị này.", await create.Content.ReadAsStringAsync());

        await using var db = app.OpenDb();
        var aId = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
        var profile = await db.CommuneProfiles.SingleAsync(p => p.UnitId == aId);
        Assert.DoesNotContain("giả mạo", profile.Address);
        var officer = await db.Users.SingleAsync(u => u.UserName == "chiengsinh.tiepnhan");
        Assert.Null(officer.LockoutEnd);
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "xam.nhap"));
    }

    [Fact]
    public async Task The_query_filter_itself_hides_other_communes_rows()
    {
        await using var db = app.OpenDb();
        var a = await db.Units.SingleAsync(u => u.Code == "03298");
        var b = await db.Units.SingleAsync(u => u.Code == "16060");
        await using var asA = app.OpenDb(new FixedScope([a.Id]));
        Assert.All(await asA.CommuneProfiles.ToListAsync(), p => Assert.Equal(a.Id, p.UnitId));
        Assert.All(await asA.AuditEntries.ToListAsync(), e => Assert.Equal(a.Id, e.UnitId));
        Assert.NotEmpty(await asA.AuditEntries.ToListAsync());
        // Writing a row of B from A's scope is refused by the save guard, and nothing is written.
        var bProfile = await asA.CommuneProfiles.IgnoreQueryFilters().SingleAsync(p => p.UnitId == b.Id);
        bProfile.Address = "đổi trộm";
        await Assert.ThrowsAsync<UnitAccessDeniedException>(() => asA.SaveChangesAsync());
        await using var check = app.OpenDb();
        Assert.NotEqual("đổi trộm", (await check.CommuneProfiles.SingleAsync(p => p.UnitId == b.Id)).Address);
    }

    /// <summary>What anyone may call: "METHOD route", * for pages (all methods).</summary>
    public static readonly string[] PublicRoutes =
    [
        "* ", "* bao-ve-du-lieu", "* xa/{code}", "* dang-nhap", "* dang-xuat", "* dang-ky", "* quen-mat-khau", "* khong-co-quyen", "* loi/{code:int?}", "POST ngon-ngu",
        "* health", "GET openapi/{documentName}.json", "GET api/v1/units", "GET api/v1/units/{code}", "GET api/v1/communes/{code}/profile",
        "GET api/v1/calendar/due-date", "GET api/v1/calendar/{year:int}",
        "* xa/{code}/thu-tuc", "* xa/{code}/thu-tuc/{procedure}", "* xa/{code}/thu-tuc/{procedure}/niem-yet",
        "GET api/v1/communes/{code}/procedures", "GET api/v1/communes/{code}/procedures/{procedure}",
        "* tra-cuu", "* tra-cuu/{key}", "* tra-cuu/{key}/luot-xem", "* xa/{code}/thu-tuc/{procedure}/nop-truc-tuyen", "GET api/v1/tracking/{key}", "GET api/v1/tracking/{key}/readings", "GET api/v1/tracking",
        "* danh-gia/{key}", "* xa/{code}/danh-gia", "POST api/v1/tracking/{key}/rating",
        "* xa/{code}/phan-anh", "* xa/{code}/phan-anh-kien-nghi", "* phan-anh/{key}", "GET phan-anh/anh/{id:long}",
        "GET api/v1/communes/{code}/petition-categories", "GET api/v1/petition-tracking/{key}", "POST api/v1/petition-tracking/{key}/info",
        "POST api/v1/petition-tracking/{key}/confirm",
        "GET open311/v2/discovery.{format}", "GET open311/v2/services.{format}", "GET open311/v2/services/{code}.{format}",
        "POST open311/v2/requests.{format}", "GET open311/v2/requests.{format}", "GET open311/v2/requests/{id}.{format}",
        "GET open311/v2/tokens/{token}.{format}",
        "GET api/v1/good-practices", "* cach-lam-hay",
        "GET api/v1/communes/{code}/disclosures", "GET api/v1/disclosures/{id:int}", "GET cong-khai/tep/{id:long}",
        "* xa/{code}/cong-khai", "* xa/{code}/cong-khai/{id:int}", "* xa/{code}/cong-khai/{id:int}/niem-yet",
        "GET api/v1/communes/{code}/consultations", "GET api/v1/consultations/{id:int}", "POST api/v1/consultations/{id:int}/comments",
        "GET api/v1/communes/{code}/clearance", "GET api/v1/clearance/{id:int}", "GET api/v1/communes/{code}/land-donations",
        "* xa/{code}/gop-y", "* xa/{code}/gop-y/{id:int}",
        "* health/live", "* health/ready", "* thong-bao/tu-choi", "* thong-bao/xac-nhan", "* xa/{code}/nhan-tin",
        "GET api/v1/notifications/callbacks/esms", "POST api/v1/notifications/callbacks/zalo",
    ];

    [Fact]
    public void Every_endpoint_outside_the_public_list_requires_authorization_and_is_probed_by_the_matrix()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (Key: $"{m} {(e.RoutePattern.RawText ?? "").Trim('/')}", e.Metadata)))
            .Where(e => !e.Key.EndsWith("Index") && !e.Key.Contains(" Shared/"))
            .ToList();
        Assert.True(endpoints.Count > 20, "the endpoint list looks incomplete");
        var probed = Matrix.Select(p => $"{p.Method} {p.Path.Split('?')[0].Trim('/')}").ToHashSet();
        foreach (var (key, metadata) in endpoints)
        {
            var authorized = metadata.GetOrderedMetadata<IAuthorizeData>().Any() && !metadata.GetOrderedMetadata<IAllowAnonymous>().Any();
            if (PublicRoutes.Contains(key))
            {
                Assert.False(authorized, $"{key} is listed public but requires authorization");
                continue;
            }
            Assert.True(authorized, $"{key} is neither public nor protected by authorization");
            // A route template matches probes by segment: literals exactly, a constrained parameter only with values its
            // regex accepts ({paper:regex(^(kiem-soat|xin-loi)$)}), any other parameter with any one segment.
            var method = key[..key.IndexOf(' ')];
            var pattern = "^" + string.Join("/", key[(key.IndexOf(' ') + 1)..].Split('/').Select(seg =>
                !seg.StartsWith('{') ? System.Text.RegularExpressions.Regex.Escape(seg)
                : seg.Contains(":regex(") ? "(?:" + seg[(seg.IndexOf(":regex(") + 7)..seg.LastIndexOf(')')].Trim('^', '$') + ")"
                : "[^/]+")) + "$";
            Assert.True(probed.Any(p => (method == "*" || p.StartsWith(method + " ")) && System.Text.RegularExpressions.Regex.IsMatch(p[(p.IndexOf(' ') + 1)..], pattern)),
                $"{key} is not probed by the isolation matrix");
        }
    }
}

public sealed class IsolationTestsSqlite(SqliteApp app) : IsolationTests<SqliteApp>(app);
public sealed class IsolationTestsPostgres(PostgresApp app) : IsolationTests<PostgresApp>(app);
