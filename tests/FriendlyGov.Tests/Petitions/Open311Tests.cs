using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Petitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Open311 GeoReport v2 conformance: each endpoint's fields, formats and errors against the specification's own examples
/// (http://wiki.open311.org/GeoReport_v2), as a third-party client would see them: form-encoded POST, .json and .xml.
/// </summary>
public abstract class Open311Tests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string V2 = "/open311/v2";

    // Field names and order of the specification's examples.
    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
    private static readonly string[] AttributeFields = ["variable", "code", "datatype", "required", "datatype_description", "order", "description"];
    private static readonly string[] RequestFields = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
        "lat", "long", "media_url"];

    private static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    private static (string, string)[] Valid(string key = DemoPetitions.PartnerKey, string code = "moi-truong") =>
    [
        ("api_key", key), ("jurisdiction_id", "03298"), ("service_code", code), ("lat", "21.5901"), ("long", "103.4102"),
        ("address_string", "Cầu treo bản Hới Nọ"), ("first_name", "Lò Văn"), ("last_name", "Khánh"), ("phone", "0911000222"),
        ("email", "khanh@example.vn"), ("description", "Rác thải chất đống ở đầu cầu treo bản Hới Nọ, bốc mùi."), ("media_url", "https://example.vn/anh/1.jpg"),
        ("attribute[village]", "03298.02"),
    ];

    private static void AssertW3Date(string? s) =>
        Assert.True(DateTimeOffset.TryParseExact(s, "yyyy-MM-dd'T'HH:mm:sszzz", null, System.Globalization.DateTimeStyles.None, out _), $"not a w3 date-time: {s}");

    private static async Task<XElement> XmlAsync(HttpResponseMessage r)
    {
        Assert.Equal("text/xml", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", r.Content.Headers.ContentType?.CharSet, ignoreCase: true);
        var text = await r.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", text);
        return XDocument.Parse(text).Root!;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r)
    {
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Discovery_lists_the_v2_endpoint_and_both_formats()
    {
        var c = app.Anonymous();
        var json = await JsonAsync(await c.GetAsync($"{V2}/discovery.json"));
        foreach (var f in new[] { "changeset", "contact", "key_service", "endpoints" }) Assert.True(json.TryGetProperty(f, out _), f);
        var endpoint = json.GetProperty("endpoints")[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.EndsWith("/open311/v2/", endpoint.GetProperty("url").GetString());
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(x => x.GetString()).ToArray());
        var xml = await XmlAsync(await c.GetAsync($"{V2}/discovery.xml"));
        Assert.Equal("discovery", xml.Name.LocalName);
        Assert.Equal(["text/xml", "application/json"], xml.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Select(e => e.Value).ToArray());
    }

    [Fact]
    public async Task Services_are_the_communes_fields_with_the_specifications_fields()
    {
        var c = app.Anonymous();
        var json = await JsonAsync(await c.GetAsync($"{V2}/services.json?jurisdiction_id=03298"));
        Assert.True(json.GetArrayLength() >= 5);
        foreach (var s in json.EnumerateArray())
        {
            Assert.Equal(ServiceFields, s.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Contains(s.GetProperty("type").GetString(), new[] { "realtime", "batch", "blackbox" });
            Assert.Equal(JsonValueKind.True, s.GetProperty("metadata").ValueKind);
        }
        Assert.Contains(json.EnumerateArray(), s => s.GetProperty("service_name").GetString() == "Môi trường"); // UTF-8, not escaped away
        var xml = await XmlAsync(await c.GetAsync($"{V2}/services.xml?jurisdiction_id=03298"));
        Assert.Equal("services", xml.Name.LocalName);
        Assert.Equal(ServiceFields, xml.Elements("service").First().Elements().Select(e => e.Name.LocalName).ToArray());
        Assert.Equal("true", xml.Elements("service").First().Element("metadata")!.Value);

        // Errors in the specification's format: a list of {code, description}, in the format asked for.
        var missing = await c.GetAsync($"{V2}/services.json");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var err = (await JsonAsync(missing))[0];
        Assert.Equal(["code", "description"], err.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(400, err.GetProperty("code").GetInt32());
        var unknown = await c.GetAsync($"{V2}/services.xml?jurisdiction_id=99999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var xerr = await XmlAsync(unknown);
        Assert.Equal("errors", xerr.Name.LocalName);
        Assert.Equal("404", xerr.Element("error")!.Element("code")!.Value);
        Assert.Equal(HttpStatusCode.BadRequest, (await c.GetAsync($"{V2}/services.csv?jurisdiction_id=03298")).StatusCode);
    }

    [Fact]
    public async Task A_service_definition_lists_its_attributes_with_values_for_lists()
    {
        var c = app.Anonymous();
        var json = await JsonAsync(await c.GetAsync($"{V2}/services/moi-truong.json?jurisdiction_id=03298"));
        Assert.Equal("moi-truong", json.GetProperty("service_code").GetString());
        var attributes = json.GetProperty("attributes").EnumerateArray().ToList();
        Assert.NotEmpty(attributes);
        foreach (var a in attributes)
        {
            Assert.Equal(AttributeFields, a.EnumerateObject().Select(p => p.Name).Take(AttributeFields.Length).ToArray());
            Assert.Contains(a.GetProperty("datatype").GetString(), new[] { "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist" });
            if (a.GetProperty("datatype").GetString()!.EndsWith("list"))
                Assert.All(a.GetProperty("values").EnumerateArray(), v => Assert.Equal(["key", "name"], v.EnumerateObject().Select(p => p.Name).ToArray()));
        }
        var village = attributes.Single(a => a.GetProperty("code").GetString() == "village");
        Assert.Contains(village.GetProperty("values").EnumerateArray(), v => v.GetProperty("key").GetString() == "03298.02" && v.GetProperty("name").GetString() == "Hới Nọ");
        var xml = await XmlAsync(await c.GetAsync($"{V2}/services/moi-truong.xml?jurisdiction_id=03298"));
        Assert.Equal("service_definition", xml.Name.LocalName);
        var xv = xml.Element("attributes")!.Elements("attribute").Single(a => a.Element("code")!.Value == "village");
        Assert.Equal("Hới Nọ", xv.Element("values")!.Elements("value").Single(v => v.Element("key")!.Value == "03298.02").Element("name")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{V2}/services/khong-co.json?jurisdiction_id=03298")).StatusCode);
    }

    [Fact]
    public async Task A_partner_app_files_and_follows_a_request_which_the_commune_then_handles()
    {
        var c = app.Anonymous();
        // Without a valid api_key: 403, and nothing is stored.
        await using var db = app.OpenDb();
        var before = await db.Petitions.CountAsync();
        var forbidden = await c.PostAsync($"{V2}/requests.json", Form([.. Valid(key: "sai-khoa")]));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(403, (await JsonAsync(forbidden))[0].GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await c.PostAsync($"{V2}/requests.json", Form([.. Valid().Where(f => f.Item1 != "service_code")]))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.PostAsync($"{V2}/requests.json", Form([.. Valid(code: "khong-co")]))).StatusCode);
        var noPlace = await c.PostAsync($"{V2}/requests.json",
            Form([.. Valid().Where(f => f.Item1 is not ("lat" or "long" or "address_string" or "attribute[village]"))]));
        Assert.Equal(HttpStatusCode.BadRequest, noPlace.StatusCode);
        var noName = await c.PostAsync($"{V2}/requests.json", Form([.. Valid().Where(f => f.Item1 is not ("first_name" or "last_name"))]));
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("first_name", (await JsonAsync(noName))[0].GetProperty("description").GetString());
        Assert.Equal(before, await db.Petitions.CountAsync());

        // Filed: the id at once (realtime), a token, and a notice with the legal deadline.
        var created = await c.PostAsync($"{V2}/requests.xml", Form(Valid()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var x = (await XmlAsync(created)).Element("request")!;
        var id = x.Element("service_request_id")!.Value;
        var token = x.Element("token")!.Value;
        Assert.StartsWith("PA-03298-", id);
        Assert.Contains("15 ngày làm việc", x.Element("service_notice")!.Value);
        Assert.NotNull(x.Element("account_id"));
        var stored = await db.Petitions.SingleAsync(p => p.Code == id);
        Assert.Equal((Core.Domain.PetitionChannel.Api, "Lò Văn Khánh", "Hới Nọ", "https://example.vn/anh/1.jpg"),
            (stored.Channel, stored.SenderName, stored.VillageName, stored.MediaUrl));
        Assert.NotNull(stored.PartnerAppId);

        // tokens/{token} resolves to the id.
        var t = (await JsonAsync(await c.GetAsync($"{V2}/tokens/{token}.json")))[0];
        Assert.Equal((id, token), (t.GetProperty("service_request_id").GetString(), t.GetProperty("token").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{V2}/tokens/khong-co.json")).StatusCode);

        // requests/{id}: the spec's fields in its order, open, no personal data.
        var one = await c.GetAsync($"{V2}/requests/{id}.json");
        var r = (await JsonAsync(one))[0];
        Assert.Equal(RequestFields, r.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("open", r.GetProperty("status").GetString());
        Assert.Equal("moi-truong", r.GetProperty("service_code").GetString());
        // Consented, but not answered yet: nothing of what was written, nor where, until the answer is published.
        Assert.Equal(JsonValueKind.Null, r.GetProperty("lat").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("address").ValueKind);
        AssertW3Date(r.GetProperty("requested_datetime").GetString());
        AssertW3Date(r.GetProperty("expected_datetime").GetString());
        var raw = await one.Content.ReadAsStringAsync();
        Assert.DoesNotContain("0911000222", raw);
        Assert.DoesNotContain("khanh@example.vn", raw);
        Assert.DoesNotContain("Khánh", raw);
        var xr = (await XmlAsync(await c.GetAsync($"{V2}/requests/{id}.xml"))).Element("request")!;
        Assert.Equal(RequestFields, xr.Elements().Select(e => e.Name.LocalName).ToArray());

        // The commune answers; the request closes with the answer as status_notes.
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var version = (await leader.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{id}")).GetProperty("version").GetInt32();
        var act = await leader.PostAsJsonAsync($"/api/v1/petitions/{id}/actions", new { action = "Answered", note = "Tổ vệ sinh môi trường bản đã thu gom rác ngày 25/11.", version });
        Assert.Equal(HttpStatusCode.OK, act.StatusCode);
        r = (await JsonAsync(await c.GetAsync($"{V2}/requests/{id}.json")))[0];
        Assert.Equal("closed", r.GetProperty("status").GetString());
        Assert.Equal("Tổ vệ sinh môi trường bản đã thu gom rác ngày 25/11.", r.GetProperty("status_notes").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("expected_datetime").ValueKind);
        // Answered and published, with consent: now the place and the content are public, as on the board.
        Assert.Equal(21.5901, r.GetProperty("lat").GetDouble());
        Assert.Contains("Rác thải", r.GetProperty("description").GetString());

        // A lookup names its jurisdiction: a request of another commune is not found there; a blank one is as if absent.
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{V2}/requests/{id}.json?jurisdiction_id=16060")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{V2}/tokens/{token}.json?jurisdiction_id=16060")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{V2}/requests/{id}.xml?jurisdiction_id=99999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync($"{V2}/requests/{id}.json?jurisdiction_id=03298")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync($"{V2}/tokens/{token}.json?jurisdiction_id=")).StatusCode);
    }

    [Fact]
    public async Task Empty_optional_parameters_behave_as_if_absent()
    {
        var c = app.Anonymous();
        var plain = await (await c.GetAsync($"{V2}/requests.json?jurisdiction_id=03298")).Content.ReadAsStringAsync();
        var blanks = await c.GetAsync($"{V2}/requests.json?jurisdiction_id=03298&start_date=&end_date=&status=&service_code=&service_request_id=");
        Assert.Equal(HttpStatusCode.OK, blanks.StatusCode);
        Assert.Equal(plain, await blanks.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_are_listed_with_the_specifications_filters()
    {
        var c = app.Anonymous();
        var all = await JsonAsync(await c.GetAsync($"{V2}/requests.json?jurisdiction_id=03298"));
        Assert.NotEmpty(all.EnumerateArray());
        Assert.All(all.EnumerateArray(), r => Assert.StartsWith("PA-03298-", r.GetProperty("service_request_id").GetString()));
        var open = await JsonAsync(await c.GetAsync($"{V2}/requests.json?jurisdiction_id=03298&status=open"));
        Assert.All(open.EnumerateArray(), r => Assert.Equal("open", r.GetProperty("status").GetString()));
        var closed = await JsonAsync(await c.GetAsync($"{V2}/requests.json?jurisdiction_id=03298&status=closed"));
        Assert.All(closed.EnumerateArray(), r => Assert.Equal("closed", r.GetProperty("status").GetString()));
        Assert.Equal(all.GetArrayLength(), open.GetArrayLength() + closed.GetArrayLength());
        var roads = await JsonAsync(await c.GetAsync($"{V2}/requests.json?jurisdiction_id=03298&service_code=giao-thong,moi-truong"));
        Assert.All(roads.EnumerateArray(), r => Assert.Contains(r.GetProperty("service_code").GetString(), new[] { "giao-thong", "moi-truong" }));
        Assert.Contains(roads.EnumerateArray(), r => r.GetProperty("service_code").GetString() == "giao-thong");
        // A window in the past holds nothing; an id list returns just those.
        var old = await JsonAsync(await c.GetAsync($"{V2}/requests.json?jurisdiction_id=03298&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z"));
        Assert.Equal(0, old.GetArrayLength());
        var firstId = all[0].GetProperty("service_request_id").GetString();
        var byId = await JsonAsync(await c.GetAsync($"{V2}/requests.json?jurisdiction_id=03298&service_request_id={firstId}"));
        Assert.Equal(firstId, byId.EnumerateArray().Single().GetProperty("service_request_id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await c.GetAsync($"{V2}/requests.json?jurisdiction_id=03298&status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await c.GetAsync($"{V2}/requests.json?jurisdiction_id=03298&start_date=hom-qua")).StatusCode);
        var xml = await XmlAsync(await c.GetAsync($"{V2}/requests.xml?jurisdiction_id=16060"));
        Assert.Equal("service_requests", xml.Name.LocalName);
        Assert.All(xml.Elements("request"), r => Assert.StartsWith("PA-16060-", r.Element("service_request_id")!.Value));
    }

    [Fact]
    public async Task What_is_refused_before_any_endpoint_answers_is_an_Open311_error_list_in_the_asked_format()
    {
        var client = app.Anonymous();
        HttpRequestMessage Post(string path, string body, string type) => new(HttpMethod.Post, V2 + path)
            { Content = new StringContent(body, System.Text.Encoding.UTF8) { Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type) } } };
        var refusals = new (HttpRequestMessage Request, HttpStatusCode Status)[]
        {
            (new(HttpMethod.Delete, $"{V2}/services.xml"), HttpStatusCode.MethodNotAllowed), // routing
            (new(HttpMethod.Get, $"{V2}/no-such-thing.xml"), HttpStatusCode.NotFound), // routing
            (new(HttpMethod.Get, $"{V2}/requests.json?jurisdiction_id=03298&service_request_id=%00"), HttpStatusCode.BadRequest), // the request guard: NUL
            (Post("/requests.xml", "x", "multipart/form-data"), HttpStatusCode.BadRequest), // the request guard: a form without its boundary
            (Post("/requests.json", "x", "application/x-www-form-urlencoded; charset=no-such-charset"), HttpStatusCode.UnsupportedMediaType), // the guard: charset
        };
        foreach (var (request, status) in refusals)
        {
            var what = $"{request.Method} {request.RequestUri}";
            var r = await client.SendAsync(request);
            Assert.True(status == r.StatusCode, $"{what}: {(int)r.StatusCode}");
            var body = await r.Content.ReadAsStringAsync();
            if (request.RequestUri!.ToString().Contains(".xml"))
            {
                Assert.Equal("text/xml", r.Content.Headers.ContentType?.MediaType);
                var error = XDocument.Parse(body).Root!;
                Assert.Equal("errors", error.Name.LocalName);
                Assert.Equal(((int)status).ToString(), error.Element("error")!.Element("code")!.Value);
                Assert.False(string.IsNullOrWhiteSpace(error.Element("error")!.Element("description")!.Value), what);
            }
            else
            {
                Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
                var error = Assert.Single(JsonDocument.Parse(body).RootElement.EnumerateArray());
                Assert.Equal((int)status, error.GetProperty("code").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()), what);
            }
        }
        // The rest of the API keeps RFC 7807.
        var api = await client.GetAsync("/api/v1/no-such-thing");
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Nothing_personal_or_unconsented_is_published()
    {
        await using var db = app.OpenDb();
        var cs = await db.Units.SingleAsync(u => u.Code == "03298");
        var unconsented = new Petition
        {
            UnitId = cs.Id, Code = "PA-03298-200101-999", TrackingKey = "o311-private", CategoryCode = "khac", CategoryName = "Khác",
            Title = "Việc riêng", Content = "Nội dung riêng tư không công khai", SenderName = "Người Kín Đáo", SenderPhone = "0900000009",
            ConsentPublish = false, SubmittedAt = DateTime.UtcNow, Place = "Nhà riêng ở bản Hới Nọ", Latitude = 21.6001, Longitude = 103.4001,
        };
        unconsented.StartClock(DateTime.UtcNow, DateTime.UtcNow.AddDays(20));
        Assert.Null(unconsented.GiveAnswer(Core.Domain.PetitionAction.Answered, "Trả lời riêng", DateTime.UtcNow, "Cán bộ", approvedBy: null));
        db.Petitions.Add(unconsented);
        await db.SaveChangesAsync();
        var raw = await app.Anonymous().GetStringAsync($"{V2}/requests/PA-03298-200101-999.json")
            + await app.Anonymous().GetStringAsync($"{V2}/requests.json?jurisdiction_id=03298&service_request_id=PA-03298-200101-999");
        Assert.Contains("PA-03298-200101-999", raw);
        Assert.DoesNotContain("riêng tư", raw);
        Assert.DoesNotContain("Trả lời riêng", raw);
        Assert.DoesNotContain("Người Kín Đáo", raw);
        Assert.DoesNotContain("0900000009", raw);
        Assert.DoesNotContain("Nhà riêng", raw);
        Assert.DoesNotContain("21.6001", raw);
    }
}

/// <summary>Open311 with a small per-partner limit: a partner's server sends all its citizens' reports from one address.</summary>
public sealed class Open311LimitApp() : AppFixture("Sqlite")
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Open311:PerKeyPerTenMinutes", "3");
    }
}

public sealed class Open311LimitTests(Open311LimitApp app) : IClassFixture<Open311LimitApp>
{
    private static FormUrlEncodedContent Report(string key) => new(new Dictionary<string, string>
    {
        ["api_key"] = key, ["jurisdiction_id"] = "03298", ["service_code"] = "moi-truong", ["address_string"] = "Đầu cầu treo",
        ["first_name"] = "Lò Văn", ["last_name"] = "Khánh", ["phone"] = "0911000222", ["description"] = "Rác thải chất đống ở đầu cầu treo, bốc mùi.",
    });

    [Fact]
    public async Task The_limit_is_per_partner_key_and_its_429_is_an_Open311_error_in_the_asked_format()
    {
        string keyA, keyB;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var apps = scope.ServiceProvider.GetRequiredService<PartnerApps>();
            keyA = (await apps.RegisterAsync("Ứng dụng A " + Guid.NewGuid().ToString("N")[..4], null)).Key;
            keyB = (await apps.RegisterAsync("Ứng dụng B " + Guid.NewGuid().ToString("N")[..4], null)).Key;
        }
        var server = app.Anonymous(); // both partners' servers come from the same address here
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, (await server.PostAsync("/open311/v2/requests.json", Report(keyA))).StatusCode);
        var limited = await server.PostAsync("/open311/v2/requests.xml", Report(keyA));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("text/xml", limited.Content.Headers.ContentType?.MediaType);
        var error = XDocument.Parse(await limited.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("errors", error.Name.LocalName);
        Assert.Equal("429", error.Element("error")!.Element("code")!.Value);
        var json = await server.PostAsync("/open311/v2/requests.json", Report(keyA));
        Assert.Equal(429, JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
        // Another partner, same address: its own allowance.
        Assert.Equal(HttpStatusCode.Created, (await server.PostAsync("/open311/v2/requests.json", Report(keyB))).StatusCode);
    }
}

public sealed class Open311TestsSqlite(SqliteApp app) : Open311Tests<SqliteApp>(app);
public sealed class Open311TestsPostgres(PostgresApp app) : Open311Tests<PostgresApp>(app);
