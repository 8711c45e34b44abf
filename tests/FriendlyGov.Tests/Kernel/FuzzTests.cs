using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FriendlyGov.Tests.Integration;

/// <summary>Every log entry at Error or above, with its exception: an unhandled exception is a failure even when answered 4xx.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();
    public ILogger CreateLogger(string category) => new Sink(this, category);
    public void Dispose() { }

    private sealed class Sink(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => level >= LogLevel.Error;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? ex, Func<TState, Exception?, string> format)
        {
            if (level >= LogLevel.Error) log.Entries.Enqueue($"{ex?.GetType().Name}: {ex?.Message} ({category}: {format(state, ex)})");
        }
    }
}

/// <summary>The app for fuzzing: its own database, and every error the server logs kept for the test to read.</summary>
public class FuzzApp(string provider) : AppFixture(provider)
{
    public ErrorLog Errors { get; } = new();
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The errors are read from here; the console would print each stack trace again.
        builder.ConfigureLogging(l => { l.ClearProviders(); l.AddProvider(Errors); });
    }
}
public sealed class SqliteFuzzApp() : FuzzApp("Sqlite");
public sealed class PostgresFuzzApp() : FuzzApp("Postgres");

/// <summary>
/// Walks every operation of the OpenAPI document and every Razor page (its GET with its bound query values, each of its POST
/// handlers with its bound form fields) with generated hostile values, as anonymous and as each staff role, and fails on any
/// 5xx or any error the server logged. A new route is fuzzed the day it is added: nothing here names one, except the few the
/// walk cannot reach (<see cref="OutsideTheWalk"/>), each named with the test of its input.
/// </summary>
public abstract class FuzzTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : FuzzApp
{
    private static readonly string[] Users = ["", "chiengsinh.tiepnhan", "chiengsinh.chuyenvien", "chiengsinh.lanhdao", "giamsat.dienbien", "quantri"];
    private const int VariantsPerOperation = 10;
    /// <summary>A fixed seed, so a failure replays; FRIENDLYGOV_FUZZ_SEED explores others.</summary>
    private static int Seed(int fixedSeed) => int.TryParse(Environment.GetEnvironmentVariable("FRIENDLYGOV_FUZZ_SEED"), out var s) ? s + fixedSeed % 2 : fixedSeed;

    /// <summary>Plausible values for path parameters, so the fuzz reaches past "not found" half the time.</summary>
    private static string Plausible(string name, Hostile h) => name switch
    {
        "code" => h.Chance(2) ? "03298" : "16060",
        "format" => h.Chance(2) ? "json" : "xml",
        "year" => "2026",
        "paper" => h.Chance(2) ? "kiem-soat" : "xin-loi",
        _ => h.Chance(2) ? "1" : "2",
    };

    private sealed record Finding(string Request, string Outcome);

    private readonly List<Finding> _findings = [];
    private int _seed;
    private int _requests;

    private async Task SendAsync(HttpClient client, HttpRequestMessage request, string describe)
    {
        var before = app.Errors.Entries.Count;
        HttpResponseMessage response;
        try { response = await client.SendAsync(request); }
        catch (Exception e) { _findings.Add(new(describe, $"transport {e.GetType().Name}: {e.Message}")); return; }
        _requests++;
        if ((int)response.StatusCode >= 500)
            _findings.Add(new(describe, $"{(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}"));
        if (app.Errors.Entries.Count > before)
            _findings.Add(new(describe, "logged: " + string.Join(" | ", app.Errors.Entries.Skip(before).Select(Shorten))));
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s;

    /// <summary>
    /// A signed-in client whose fuzzed requests come from an address of their own (through the loopback proxy): the walk's
    /// failed sign-ins hold back that address, not the loopback one the next role signs in from.
    /// </summary>
    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = user == "" ? app.Anonymous() : await app.LoginAsync(user);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.18.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}");
        return client;
    }

    /// <summary>
    /// The endpoints the generated walk cannot reach, being neither in the OpenAPI document nor Razor pages, each with the test
    /// that sends it malformed input. A new one fails the test below until it is named here with its own.
    /// </summary>
    private static readonly Dictionary<string, string> OutsideTheWalk = new()
    {
        ["POST ngon-ngu"] = "AccountsAndShellTests.Language_switch_turns_the_interface_english_and_back",
        ["POST kiosk/gui"] = "SatisfactionTests.A_counter_kiosk_holds_no_officer_sign_in_stores_a_resent_rating_once_and_is_throttled",
        ["GET api/v1/notifications/callbacks/esms"] = "NotificationTests.An_sms_goes_through_eSMS_without_diacritics_and_its_delivery_report_marks_it_delivered",
        ["POST api/v1/notifications/callbacks/zalo"] = "NotificationTests.A_zalo_webhook_of_an_unexpected_shape_is_refused_or_ignored_never_a_server_error",
        ["GET phan-anh/anh/{id:long}"] = "a numeric id (route constraint) and an optional key compared as a string",
        ["GET cong-khai/tep/{id:long}"] = "a numeric id (route constraint)",
        ["GET can-bo/mo-hinh/tep/{id:long}"] = "a numeric id (route constraint), staff only",
        ["GET openapi/{documentName}.json"] = "the framework's own document endpoint: one name segment, nothing else read",
    };

    [Fact]
    public void Every_endpoint_outside_the_generated_walk_is_named_with_the_test_of_its_input()
    {
        var outside = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
                && e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {(e.RoutePattern.RawText ?? "").Trim('/')}"))
            .Where(key => !key.Contains(" bench/", StringComparison.Ordinal)) // the benchmark's bare baselines, mapped only when it asks
            .ToHashSet();
        Assert.True(outside.Count >= 5, $"the list looks incomplete ({outside.Count})");
        var unnamed = outside.Where(k => !OutsideTheWalk.ContainsKey(k)).ToList();
        Assert.True(unnamed.Count == 0, "Not in the generated walk and not named with a test of its input:\n" + string.Join("\n", unnamed));
    }

    [Fact]
    public async Task Every_API_operation_answers_generated_hostile_input_without_a_server_error()
    {
        var doc = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();
        Assert.True(paths.Count > 50, "the OpenAPI document lists the API");
        var h = new Hostile(_seed = Seed(20261201));
        foreach (var user in Users)
        {
            var client = await ClientAsync(user);
            foreach (var (path, ops) in paths)
                foreach (var (method, op) in ops!.AsObject())
                    for (var v = 0; v < VariantsPerOperation; v++)
                    {
                        var url = path;
                        var query = new List<string>();
                        foreach (var p in op!["parameters"]?.AsArray() ?? [])
                        {
                            var (name, where) = ((string)p!["name"]!, (string)p["in"]!);
                            var (type, format) = SchemaType(p["schema"]);
                            var value = where == "path" && h.Chance(2) ? Plausible(name, h) : h.For(type, format);
                            if (where == "path") url = url.Replace("{" + name + "}", Uri.EscapeDataString(value.Replace("\0", "")));
                            else if (where == "query" && !h.Chance(4)) query.Add($"{name}={Uri.EscapeDataString(value)}");
                        }
                        if (query.Count > 0) url += "?" + string.Join("&", query);
                        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                        var body = op["requestBody"]?["content"]?.AsObject();
                        string shown = "";
                        if (body is not null)
                        {
                            var json = body["application/json"]?["schema"];
                            if (json is not null || !body.Any()) (request.Content, shown) = JsonBody(json, doc, h);
                            else (request.Content, shown) = FormBody(body.First().Value?["schema"], doc, h);
                        }
                        else if (method is "post" or "put" && h.Chance(3)) (request.Content, shown) = JsonBody(null, doc, h);
                        await SendAsync(client, request, $"{user} {method.ToUpperInvariant()} {url} {Shorten(shown)}");
                    }
        }
        Report();
    }

    [Fact]
    public async Task Every_page_and_form_answers_generated_hostile_input_without_a_server_error()
    {
        var pages = await PagesAsync();
        Assert.True(pages.Count > 40, "the pages were found");
        var h = new Hostile(_seed = Seed(20261202));
        foreach (var user in Users)
        {
            var client = await ClientAsync(user);
            var token = await TokenAsync(client, user);
            foreach (var page in pages)
                for (var v = 0; v < VariantsPerOperation; v++)
                {
                    var url = RouteValues(page.Route, h);
                    // GET with the values the page binds from the query string. (No NUL in a path: the in-memory server throws on it before
                    // the app sees the request, where Kestrel answers 400.)
                    var query = page.Get.Where(_ => !h.Chance(4)).Select(f => $"{f.Name}={Uri.EscapeDataString(h.For(f.Type))}").ToList();
                    var getUrl = query.Count > 0 ? url + "?" + string.Join("&", query) : url;
                    await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, getUrl), $"{user} GET {getUrl}");
                    foreach (var handler in page.PostHandlers)
                    {
                        // The logout form ends the session this walk signs in with; it is posted once, at the end.
                        if (page.Route == "dang-xuat") continue;
                        var postUrl = handler.Length == 0 ? url : $"{url}?handler={handler}";
                        var request = new HttpRequestMessage(HttpMethod.Post, postUrl) { Content = PageForm(page.Post, token, h, out var shown) };
                        await SendAsync(client, request, $"{user} POST {postUrl} {Shorten(shown)}");
                    }
                }
            if (user != "") await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/dang-xuat")
            { Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]) }, $"{user} POST /dang-xuat");
        }
        Report();
    }

    /// <summary>Findings grouped by what went wrong (exception and message), one example request each.</summary>
    private void Report()
    {
        TestContext.Current.SendDiagnosticMessage($"{typeof(TApp).Name}: {_requests} fuzzed requests, {_findings.Count} findings (seed {_seed})");
        var groups = _findings.GroupBy(f => Regex.Replace(f.Outcome, @"[0-9]+|'[^']*'", "#") is var k && k.Length > 160 ? k[..160] : k).ToList();
        Assert.True(_findings.Count == 0, $"{_findings.Count} of {_requests} requests failed on the server, {groups.Count} kinds:\n"
            + string.Join("\n", groups.Select(g => $"[{g.Count()}×] {g.First().Request}\n    → {g.First().Outcome}")));
    }

    private static async Task<string> TokenAsync(HttpClient client, string user)
    {
        var html = await client.GetStringAsync(user == "" ? "/dang-nhap" : "/tai-khoan/doi-mat-khau");
        return AppFixture.Token(html);
    }

    private static string RouteValues(string template, Hostile h) =>
        "/" + Regex.Replace(template, @"\{(\w+)(:[^}]*)?\??\}", m => Uri.EscapeDataString(
            m.Groups[1].Value == "paper" ? Plausible("paper", h) : h.Chance(2) ? Plausible(m.Groups[1].Value, h) : h.Text().Replace("\0", "")));

    private static (string? Type, string? Format) SchemaType(JsonNode? schema)
    {
        if (schema is null) return (null, null);
        var type = schema["type"] switch
        {
            JsonArray a => a.Select(x => (string?)x).FirstOrDefault(x => x is not "null" and not "string") ?? "string",
            JsonValue one => (string?)one,
            _ => null,
        };
        return (type, (string?)schema["format"]);
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonNode doc)
    {
        for (var i = 0; i < 5 && schema?["$ref"] is JsonValue r; i++)
            schema = doc["components"]!["schemas"]![((string)r!).Split('/')[^1]];
        if (schema?["oneOf"] is JsonArray one) return Resolve(one.FirstOrDefault(s => (string?)s?["type"] != "null") ?? one[0], doc);
        if (schema?["anyOf"] is JsonArray any) return Resolve(any.FirstOrDefault(s => (string?)s?["type"] != "null") ?? any[0], doc);
        return schema;
    }

    private static JsonNode? Value(JsonNode? schema, JsonNode doc, Hostile h, int depth)
    {
        schema = Resolve(schema, doc);
        if (h.Chance(15)) return null;
        var (type, format) = SchemaType(schema);
        if (schema?["enum"] is JsonArray values && values.Count > 0 && h.Chance(2)) return values[h.Next(values.Count)]?.DeepClone();
        if (type == "object" || schema?["properties"] is not null)
        {
            var o = new JsonObject();
            if (depth > 3) return o;
            foreach (var (name, prop) in schema?["properties"]?.AsObject() ?? [])
                if (!h.Chance(5)) o[name] = Value(prop, doc, h, depth + 1);
            return o;
        }
        if (type == "array")
        {
            var a = new JsonArray();
            if (depth > 3) return a;
            for (var i = h.Next(4); i > 0; i--) a.Add(Value(schema?["items"], doc, h, depth + 1));
            return a;
        }
        var s = h.For(type, format);
        // Numbers and booleans as JSON literals when they parse as such, otherwise as strings (the wrong type).
        if (type is "integer" or "number" && AsJsonNumber(s) is { } number) return number;
        if (type == "boolean" && s is "true" or "false") return JsonValue.Create(s == "true");
        return JsonValue.Create(s);
    }

    private static JsonNode? AsJsonNumber(string s)
    {
        try { return JsonNode.Parse(s) is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v : null; }
        catch (JsonException) { return null; }
    }

    private static (HttpContent, string) JsonBody(JsonNode? schema, JsonNode doc, Hostile h)
    {
        var text = h.Next(10) switch
        {
            0 => "{\"a\":",
            1 => "[" + string.Join(",", Enumerable.Repeat("[", 70)) + "]",
            2 => "\"" + h.Text() + "\"",
            _ => Value(schema, doc, h, 0)?.ToJsonString() ?? "null",
        };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", h.Next(6) switch
        {
            0 => h.Chance(2) ? "application/json; charset=x-unknown-" + h.Next(1000) : "application/json; charset=",
            1 => "application/json; charset=utf-16",
            2 => "text/plain",
            _ => "application/json",
        });
        return (content, text);
    }

    private static (HttpContent, string) FormBody(JsonNode? schema, JsonNode doc, Hostile h)
    {
        schema = Resolve(schema, doc);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (name, prop) in schema?["properties"]?.AsObject() ?? [])
            if (!h.Chance(4)) { var (t, f) = SchemaType(Resolve(prop, doc)); fields.Add(new(name, h.For(t, f))); }
        foreach (var extra in new[] { "api_key", "jurisdiction_id", "service_code", "lat", "long", "description", "start_date", "attribute[village]" })
            if (h.Chance(2)) fields.Add(new(extra, h.Chance(2) && extra == "jurisdiction_id" ? "03298" : h.Text()));
        var shown = string.Join("&", fields.Select(f => $"{f.Key}={Shorten(f.Value)}"));
        if (h.Chance(8)) return (BrokenMultipart(h), "(multipart without its boundary)");
        return (new FormUrlEncodedContent(fields), shown);
    }

    /// <summary>A form body that cannot be read: multipart with no boundary, or one cut short.</summary>
    private static HttpContent BrokenMultipart(Hostile h)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--abc\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1"));
        content.Headers.TryAddWithoutValidation("Content-Type", h.Chance(2) ? "multipart/form-data" : "multipart/form-data; boundary=abc");
        return content;
    }

    private static HttpContent PageForm(IReadOnlyList<Field> fields, string token, Hostile h, out string shown)
    {
        if (h.Chance(12))
        {
            shown = "(multipart without its boundary)";
            return BrokenMultipart(h);
        }
        var values = new List<(string Name, string Value)>();
        var files = new List<Field>();
        foreach (var f in fields)
        {
            if (h.Chance(4)) continue;
            if (f.IsFile) { files.Add(f); continue; }
            values.Add((f.Name, h.For(f.Type)));
            if (h.Chance(6)) values.Add((f.Name, h.For(f.Type))); // the same field twice
        }
        values.Add(("__RequestVerificationToken", token));
        shown = string.Join("&", values.Select(v => $"{v.Name}={Shorten(v.Value)}"));
        if (files.Count == 0) return new FormUrlEncodedContent(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in values) multipart.Add(new StringContent(value), name);
        foreach (var f in files)
        {
            byte[][] heads = [[0xFF, 0xD8, 0xFF, 0xE0], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "%PDF-1.7\n"u8.ToArray(), []];
            var bytes = heads[h.Next(heads.Length)].Concat(h.Bytes(h.Next(2000))).ToArray();
            var part = new ByteArrayContent(bytes);
            // The file's name is hostile too, sent in RFC 5987 form so that any character can travel.
            part.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data")
            { Name = $"\"{f.Name}\"", FileName = "\"x.jpg\"", FileNameStar = h.Text().Replace("\0", "") };
            multipart.Add(part);
        }
        shown += $" +{files.Count} file(s)";
        return multipart;
    }

    private sealed record Field(string Name, Type Type, bool IsFile);
    private sealed record Page(string Route, IReadOnlyList<Field> Get, IReadOnlyList<Field> Post, IReadOnlyList<string> PostHandlers);

    /// <summary>Every page with what it binds: its compiled model tells which properties and handler parameters come from the request.</summary>
    private async Task<List<Page>> PagesAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var descriptors = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>();
        var pages = new List<Page>();
        foreach (var d in descriptors.DistinctBy(d => d.AttributeRouteInfo?.Template))
        {
            var route = d.AttributeRouteInfo?.Template;
            if (route is null) continue;
            var compiled = await loader.LoadAsync(d, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty);
            var get = new List<Field>();
            var post = new List<Field>();
            foreach (var p in compiled.BoundProperties)
            {
                var attr = ((Microsoft.AspNetCore.Mvc.Infrastructure.IPropertyInfoParameterDescriptor)p).PropertyInfo.GetCustomAttribute<BindPropertyAttribute>();
                var fields = Flatten(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, 0).ToList();
                post.AddRange(fields);
                if (attr?.SupportsGet == true) get.AddRange(fields);
            }
            var handlers = new List<string>();
            foreach (var m in compiled.HandlerMethods)
            {
                var fields = m.Parameters.SelectMany(p => Flatten(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, 0)).ToList();
                if (m.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase)) get.AddRange(fields);
                else { post.AddRange(fields); handlers.Add(m.Name ?? ""); }
            }
            pages.Add(new Page(route, get.DistinctBy(f => f.Name).ToList(), post.DistinctBy(f => f.Name).ToList(), handlers.Distinct().ToList()));
        }
        return pages;
    }

    private static IEnumerable<Field> Flatten(string name, Type type, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (typeof(Microsoft.AspNetCore.Http.IFormFile).IsAssignableFrom(t)
            || t.IsGenericType && typeof(Microsoft.AspNetCore.Http.IFormFile).IsAssignableFrom(t.GetGenericArguments()[0])
            || t == typeof(Microsoft.AspNetCore.Http.IFormFileCollection))
        {
            yield return new Field(name, t, true);
            yield break;
        }
        if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(TimeOnly) || t == typeof(Guid) || depth > 2)
        {
            yield return new Field(name, t, false);
            yield break;
        }
        var element = t.IsArray ? t.GetElementType() : t.IsGenericType && t.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments()[0] : null;
        if (element is not null)
        {
            foreach (var i in new[] { 0, 1 })
                foreach (var f in Flatten($"{name}[{i}]", element, depth + 1)) yield return f;
            foreach (var f in Flatten($"{name}[{int.MaxValue}]", element, depth + 1)) yield return f;
            yield break;
        }
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
            foreach (var f in Flatten($"{name}.{p.Name}", p.PropertyType, depth + 1)) yield return f;
    }
}

public sealed class SqliteFuzzTests(SqliteFuzzApp app) : FuzzTests<SqliteFuzzApp>(app);
public sealed class PostgresFuzzTests(PostgresFuzzApp app) : FuzzTests<PostgresFuzzApp>(app);
