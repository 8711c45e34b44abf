using System.Net;
using System.Text.Json;
using FriendlyGov.Web.Features.Petitions;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>Small limits on PostgreSQL, where they are shared between instances by default.</summary>
public sealed class SharedLimitApp() : AppFixture("Postgres")
{
    protected override int RatingLimit => 4; // also the citizens' submissions per client (Petitions:PerClientPerTenMinutes)

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Open311:PerKeyPerTenMinutes", "3");
}

/// <summary>
/// Issue 15: a limit that must hold across instances is one allowance for two app instances on one database, not one each.
/// The second instance is a second host with its own services (its own in-memory limiters) on the fixture's database.
/// </summary>
public sealed class SharedLimitTests(SharedLimitApp app) : IClassFixture<SharedLimitApp>
{
    private static FormUrlEncodedContent Report(string? key) => new(new Dictionary<string, string>
    {
        ["api_key"] = key ?? "", ["jurisdiction_id"] = "03298", ["service_code"] = "moi-truong", ["address_string"] = "Đầu cầu treo",
        ["first_name"] = "Lò Văn", ["last_name"] = "Khánh", ["phone"] = "0911000222", ["description"] = "Rác thải chất đống ở đầu cầu treo, bốc mùi.",
    });

    private WebApplicationFactory<Program> SecondInstance() => app.WithWebHostBuilder(_ => { });

    private static HttpClient From(WebApplicationFactory<Program> instance, string address)
    {
        var c = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        c.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return c;
    }

    private static string Address() => $"100.90.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";

    [Fact]
    public async Task A_partner_keys_allowance_is_one_across_two_instances_and_stored_only_as_a_keyed_hash()
    {
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
            key = (await scope.ServiceProvider.GetRequiredService<PartnerApps>().RegisterAsync("Ứng dụng chung " + Guid.NewGuid().ToString("N")[..4], null)).Key;
        await using var second = SecondInstance();
        var (a, b) = (From(app, Address()), From(second, Address()));
        Assert.True(app.Services.GetRequiredService<SharedLimits>().Enabled);

        Assert.Equal(HttpStatusCode.Created, (await a.PostAsync("/open311/v2/requests.json", Report(key))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsync("/open311/v2/requests.json", Report(key))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await a.PostAsync("/open311/v2/requests.json", Report(key))).StatusCode);
        // Each instance alone has counted one or two: the third was the partner's last, whichever instance answers next.
        var refused = await b.PostAsync("/open311/v2/requests.json", Report(key));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(429, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
        Assert.True(int.TryParse(refused.Headers.RetryAfter?.ToString(), out var wait) && wait is > 0 and <= 600, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.PostAsync("/open311/v2/requests.json", Report(key))).StatusCode);

        await using var db = app.OpenDb();
        var windows = await db.RateWindows.Where(w => w.Key.StartsWith(Open311.PostLimit + ":key:")).ToListAsync();
        Assert.Contains(windows, w => w.Count >= 5);
        Assert.All(await db.RateWindows.ToListAsync(), w => Assert.DoesNotContain(key, w.Key));
    }

    [Fact]
    public async Task A_citizens_submissions_are_counted_once_across_two_instances()
    {
        await using var second = SecondInstance();
        var address = Address();
        var (a, b) = (From(app, address), From(second, address));
        // Without a partner key Open311 counts by address, with the citizens' allowance (4 here): two on each instance.
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await a.PostAsync("/open311/v2/requests.json", Report(null))).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await b.PostAsync("/open311/v2/requests.json", Report(null))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.PostAsync("/open311/v2/requests.json", Report(null))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await b.PostAsync("/open311/v2/requests.json", Report(null))).StatusCode);
        // Another citizen is not held by this one's count; the address itself is never stored.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await From(second, Address()).PostAsync("/open311/v2/requests.json", Report(null))).StatusCode);
        await using var db = app.OpenDb();
        Assert.All(await db.RateWindows.ToListAsync(), w => Assert.DoesNotContain(address, w.Key));
    }

    [Fact]
    public async Task The_online_dossier_limit_holds_across_instances_on_the_page_people_use()
    {
        await using var second = SecondInstance();
        var address = Address();
        var (a, b) = (From(app, address), From(second, address));
        // The online form's POST (SubmitLimit, 10 in ten minutes per client): five here, five there, the eleventh refused.
        const string page = "/xa/16060/thu-tuc/2.000815/nop-truc-tuyen";
        for (var i = 0; i < 5; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await a.PostAsync(page, new FormUrlEncodedContent([]))).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await b.PostAsync(page, new FormUrlEncodedContent([]))).StatusCode);
        }
        var refused = await a.PostAsync(page, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Quá nhiều", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
