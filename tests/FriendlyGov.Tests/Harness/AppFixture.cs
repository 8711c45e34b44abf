using Microsoft.AspNetCore.Builder;
using System.Net;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The real app over real HTTP (in-memory test server) on its own database, migrated and seeded with the demo
/// the way `dotnet run` does. One per test class; tests make their own rows where they change anything.
/// </summary>
public class AppFixture(string provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _db;
    /// <summary>The fixture's own database, made in <see cref="InitializeAsync"/>.</summary>
    public TestDatabase Db => _db ?? throw new InvalidOperationException("The fixture's database is made when the fixture starts.");
    public string Provider => provider;
    /// <summary>
    /// This fixture's audit key (configuration, never the database). Fixtures started from the migrated and seeded template
    /// share the template's key, with which its audit entries were sealed.
    /// </summary>
    public string AuditKeyBase64 => _auditKey ??= FromTemplate || KeepDatabase ? DatabaseTemplates.AuditKeyBase64 : FriendlyGov.Core.Domain.AuditKey.NewBase64();
    private string? _auditKey;

    /// <summary>
    /// Whether the fixture's database is a copy of the migrated and seeded template (the default) or migrated and seeded
    /// by the app itself at start-up. A copy is what the app leaves after its first start on an empty database; a fixture
    /// whose settings change what the first start writes says false.
    /// </summary>
    protected virtual bool FromTemplate => true;
    public FriendlyGov.Core.Domain.AuditKey AuditKey => FriendlyGov.Core.Domain.AuditKey.FromBase64(AuditKeyBase64);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Db.Provider);
        builder.UseSetting("ConnectionStrings:Default", Db.ConnectionString);
        builder.UseSetting("Database:SeedDemo", "true");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(Path.GetTempPath(), "fg-test-keys"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Audit:Key", AuditKeyBase64);
        // Every test client shares one address: the per-client rating limit is tested on its own (RatingLimitTests).
        builder.UseSetting("Ratings:PerClientPerTenMinutes", RatingLimit.ToString());
        builder.UseSetting("Petitions:PerClientPerTenMinutes", RatingLimit.ToString());
        // The in-memory server has no client address: requests come as from loopback, where a local nginx would sit, so a
        // test can be another citizen by sending X-Forwarded-For, as through the proxy.
        builder.ConfigureServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackClient>());
        Configure(builder);
    }

    /// <summary>Settings a fixture adds for what it tests (the servers it talks to).</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    private sealed class LoopbackClient : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (Microsoft.AspNetCore.Http.HttpContext http, Microsoft.AspNetCore.Http.RequestDelegate nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
                await nextMiddleware(http);
            });
            next(app);
        };
    }

    protected virtual int RatingLimit => 10_000;

    public virtual async ValueTask InitializeAsync()
    {
        _db = FromTemplate ? await DatabaseTemplates.CopyAsync(provider) : TestDatabase.Create(provider);
        await Task.Run(() => Services); // starts the host: migrate + seed (nothing left to do on a copy of the template)
    }

    /// <summary>Stops the app and drops its database.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_db is not null && !KeepDatabase) await _db.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Set on the fixture that builds a template: its database outlives the app.</summary>
    internal bool KeepDatabase { get; init; }

    /// <summary>An unrestricted context on the fixture's database, for arranging and checking rows.</summary>
    public AppDbContext OpenDb() => Database.OpenSystemContext(Services, "test");

    /// <summary>A context that sees what the given scope sees: the query filter exactly as a request would apply it.</summary>
    public AppDbContext OpenDb(IUnitScope scope) =>
        AppDbContext.Create(Services.GetRequiredService<DbContextOptions<AppDbContext>>(), scope, auditKey: AuditKey);

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// An anonymous client at an address of its own, as forwarded by the proxy (a random one of the carrier-grade NAT range
    /// mobile networks use): the limits per client address are the calling test's alone.
    /// </summary>
    public HttpClient AnonymousElsewhere()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"100.{Random.Shared.Next(64, 128)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}");
        return client;
    }

    /// <summary>Signs in through the login form, antiforgery token and all, as a person would.</summary>
    public Task<HttpClient> LoginAsync(string userName, string password = DemoSeeder.Password) => SignInAsync(Anonymous(), userName, password);

    /// <summary>
    /// A new counter officer of Quang Lộc (16060), made by its leader through the staff page for the calling test; returns
    /// the user name.
    /// </summary>
    public async Task<string> NewOfficerAsync(string password)
    {
        var leader = await LoginAsync("quangloc.lanhdao");
        var userName = "cb" + Random.Shared.Next(100_000, 999_999);
        var created = await leader.PostAsync("/can-bo/nhan-su?handler=Create", await FormAsync(leader, "/can-bo/nhan-su", new()
        {
            ["Input.FullName"] = "Phạm Thị Thử", ["Input.UserName"] = userName, ["Input.Role"] = Roles.CounterOfficer, ["Input.Password"] = password,
        }));
        if (created.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"The leader could not create {userName}: {created.StatusCode}");
        return userName;
    }

    /// <summary>Signs a given client in (one of another instance of the app, say) through the login form.</summary>
    public static async Task<HttpClient> SignInAsync(HttpClient client, string userName, string password = DemoSeeder.Password)
    {
        var response = await client.PostAsync("/dang-nhap", await FormAsync(client, "/dang-nhap", new()
        {
            ["Input.UserName"] = userName, ["Input.Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Login of {userName} failed: {response.StatusCode}");
        return client;
    }

    /// <summary>
    /// A new citizen's account with a phone of its own, registered through the form: the signed-in client and the phone. Where
    /// the app proves the phone, the code texted to it is read back (<see cref="CodeTextedToAsync"/>) and typed in.
    /// </summary>
    public async Task<(HttpClient Client, string Phone)> RegisterCitizenAsync(string fullName, string password)
    {
        var phone = "09" + TestDossiers.Digits(8);
        var client = AnonymousElsewhere(); // registration codes are limited per client
        var r = await client.PostAsync("/dang-ky", await FormAsync(client, "/dang-ky", new()
        {
            ["Input.FullName"] = fullName, ["Input.Phone"] = phone, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password, ["Input.Consent"] = "true",
        }));
        if (r.StatusCode == HttpStatusCode.OK && await r.Content.ReadAsStringAsync() is var step && step.Contains("id=\"confirm-phone\""))
            r = await client.PostAsync("/dang-ky?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Confirm.Pending"] = HiddenValue(step, "Confirm.Pending"), ["Confirm.Code"] = await CodeTextedToAsync(phone),
                ["__RequestVerificationToken"] = Token(step),
            }));
        if (r.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Registration refused: {(int)r.StatusCode}");
        return (client, phone);
    }

    /// <summary>The last code texted to this phone, where the fixture runs an SMS provider; the plain fixture has none.</summary>
    protected virtual Task<string> CodeTextedToAsync(string phone) =>
        throw new InvalidOperationException("This fixture has no SMS provider, so registration should not have asked for a code");

    /// <summary>The value of a hidden field of a page, decoded.</summary>
    public static string HiddenValue(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"") is { Success: true } m
            ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            : throw new InvalidOperationException($"No field {name} in the page");

    /// <summary>Reads a page's antiforgery token and builds the form body a browser would send.</summary>
    public static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Token(html);
        return new FormUrlEncodedContent(fields);
    }

    public static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } t
            ? t : throw new InvalidOperationException("No antiforgery token in the page");
}

public sealed class SqliteApp() : AppFixture("Sqlite");
public sealed class PostgresApp() : AppFixture("Postgres");
/// <summary>The app with its production limit of public ratings per client.</summary>
public sealed class SqliteLimitedApp() : AppFixture("Sqlite")
{
    protected override int RatingLimit => 20;
}

/// <summary>A fixed scope for checking the query filter directly.</summary>
public sealed class FixedScope(IEnumerable<int> readable, IEnumerable<int>? writable = null) : IUnitScope
{
    private readonly HashSet<int> _readable = [.. readable];
    private readonly HashSet<int> _writable = [.. writable ?? readable];
    public bool IsRestricted => true;
    public int[] ReadableUnitIds => [.. _readable];
    public bool CanRead(int unitId) => _readable.Contains(unitId);
    public bool CanWrite(int unitId) => _writable.Contains(unitId);
    public int? HomeUnitId => _writable.Count > 0 ? _writable.First() : null;
    public string? ActorId => "test-actor";
    public string? ActorName => "test";
}
