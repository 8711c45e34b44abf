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
