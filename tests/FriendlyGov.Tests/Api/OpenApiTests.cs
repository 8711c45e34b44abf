using System.Text.Json.Nodes;
using FriendlyGov.Tests.Integration;

namespace FriendlyGov.Tests.Api;

public sealed class OpenApiApp() : AppFixture("Sqlite");

/// <summary>The OpenAPI document tells the truth: each operation's success and the refusals the pipeline really answers.</summary>
public sealed class OpenApiTests(OpenApiApp app) : IClassFixture<OpenApiApp>
{
    private async Task<JsonObject> PathsAsync() =>
        JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();

    private static JsonObject Responses(JsonObject paths, string path, string method) =>
        paths[path]?[method]?["responses"]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"{method.ToUpperInvariant()} {path} is not in the document");

    [Fact]
    public async Task Every_api_operation_lists_a_success_and_its_problem_responses()
    {
        var paths = await PathsAsync();
        var missing = new List<string>();
        foreach (var (path, item) in paths.Where(p => p.Key.StartsWith("/api/v1/")))
            foreach (var (method, op) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch"))
            {
                var codes = op!["responses"]!.AsObject().Select(r => r.Key).ToList();
                if (!codes.Any(c => c.StartsWith('2'))) missing.Add($"{method} {path}: no success");
                if (!codes.Contains("400") || !codes.Contains("503")) missing.Add($"{method} {path}: no refusals");
                if (path.Contains('{') && !codes.Contains("404")) missing.Add($"{method} {path}: no 404 for a record it names");
                if (method != "get" && !codes.Contains("422")) missing.Add($"{method} {path}: no 422");
            }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task The_counter_intake_says_it_creates_a_dossier_and_who_may_call_it()
    {
        var intake = Responses(await PathsAsync(), "/api/v1/communes/{code}/dossiers", "post");
        Assert.Contains("DossierDto", intake["201"]!["content"]!["application/json"]!["schema"]!.ToJsonString());
        Assert.False(intake.ContainsKey("200"));
        foreach (var code in new[] { "401", "403", "404", "409", "422" })
            Assert.Contains("application/problem+json", intake[code]!["content"]!.AsObject().Select(c => c.Key));
    }

    [Fact]
    public async Task Public_tracking_is_anonymous_rate_limited_and_typed()
    {
        var paths = await PathsAsync();
        var byCode = Responses(paths, "/api/v1/tracking", "get");
        Assert.Contains("TrackingDto", byCode["200"]!["content"]!["application/json"]!["schema"]!.ToJsonString());
        Assert.True(byCode.ContainsKey("429"));
        Assert.False(byCode.ContainsKey("401")); // no sign-in asked of a citizen
        Assert.True(byCode.ContainsKey("404")); // the code in the query names a record
        var byKey = Responses(paths, "/api/v1/tracking/{key}", "get");
        Assert.True(byKey.ContainsKey("404"));
        Assert.False(Responses(paths, "/api/v1/me", "get").ContainsKey("404")); // names nothing
        Assert.True(Responses(paths, "/api/v1/me", "get").ContainsKey("401"));
    }

    [Fact]
    public async Task Every_api_success_documents_the_schema_of_what_it_answers()
    {
        var paths = await PathsAsync();
        var untyped = new List<string>();
        foreach (var (path, item) in paths.Where(p => p.Key.StartsWith("/api/v1/")))
            foreach (var (method, op) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch"))
                foreach (var (code, response) in op!["responses"]!.AsObject().Where(r => r.Key.StartsWith('2') && r.Key != "204"))
                {
                    var schema = response?["content"]?.AsObject().FirstOrDefault().Value?["schema"];
                    // No content, or an empty schema ({}), is what an untyped Results.Json answer documents.
                    if (schema is null || schema.AsObject().Count == 0) untyped.Add($"{method.ToUpperInvariant()} {path} {code}");
                }
        Assert.True(untyped.Count == 0, "Successes without a schema:\n" + string.Join("\n", untyped));
    }

    [Theory]
    [InlineData("/api/v1/consultations/{id}", "get", "200", "ConsultationDto")]
    [InlineData("/api/v1/clearance/{id}/households", "get", "200", "StaffHouseholdDto")]
    [InlineData("/api/v1/communes/{code}/model", "get", "200", "ModelDto")]
    [InlineData("/api/v1/model/rollout", "get", "200", "RolloutRow")]
    [InlineData("/api/v1/communes/{code}/disclosures", "get", "200", "DisclosureDto")]
    [InlineData("/api/v1/units", "post", "201", "UnitCodeDto")]
    [InlineData("/api/v1/satisfaction", "get", "200", "SatisfactionReportDto")]
    [InlineData("/api/v1/communes/{code}/clearance/{id}/households", "post", "201", "HouseholdCreatedDto")]
    public async Task A_module_answer_is_documented_with_its_named_schema(string path, string method, string status, string schema)
    {
        var paths = await PathsAsync();
        var response = Responses(paths, path, method)[status] ?? throw new Xunit.Sdk.XunitException($"{method} {path} documents no {status}");
        var text = response.ToJsonString();
        // The schema is referenced by name; follow a reference into the components to find a nested one.
        var components = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!.AsObject();
        var seen = new HashSet<string>();
        var pending = new Queue<string>([text]);
        while (pending.TryDequeue(out var json))
        {
            if (json.Contains(schema)) return;
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(json, "#/components/schemas/([^\"]+)"))
                if (seen.Add(m.Groups[1].Value) && components[m.Groups[1].Value] is { } c) pending.Enqueue(c.ToJsonString());
        }
        Assert.Fail($"{method.ToUpperInvariant()} {path} {status} does not document {schema}: {text}");
    }

    [Theory]
    [InlineData("/api/v1/communes/{code}/petitions")]
    [InlineData("/api/v1/tracking/{key}/rating")]
    [InlineData("/api/v1/communes/{code}/model")]
    [InlineData("/api/v1/communes/{code}/disclosures")]
    [InlineData("/api/v1/units")]
    public async Task A_creation_documents_its_201_not_a_200(string path)
    {
        var post = Responses(await PathsAsync(), path, "post");
        Assert.True(post.ContainsKey("201"), $"POST {path} documents 201");
        Assert.False(post.ContainsKey("200"), $"POST {path} documents no 200");
    }
}
