using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FriendlyGov.Tests.Integration;

/// <summary>A second app instance on the fixture's PostgreSQL database, as a second node behind nginx would be.</summary>
public sealed class SecondInstance(AppFixture first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", first.Db.Provider);
        builder.UseSetting("ConnectionStrings:Default", first.Db.ConnectionString);
        builder.UseSetting("Database:SeedDemo", "false");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(Path.GetTempPath(), "fg-test-keys"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Audit:Key", first.AuditKeyBase64);
    }
}

/// <summary>
/// Issue 15, caches across instances: the public tracking cache of one instance drops a dossier the moment another instance
/// commits a change to it (PostgreSQL LISTEN/NOTIFY), so a citizen behind a load balancer never sees a stale status.
/// PostgreSQL only: SQLite is the one-instance set-up.
/// </summary>
public sealed class CacheBusTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_change_committed_on_one_instance_shows_at_once_on_the_other_instances_cached_lookup()
    {
        await using var other = new SecondInstance(app);
        var citizenOnOther = other.CreateClient();
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var (code, key) = await TestDossiers.ReceiveAsync(officer, applicant: "Lò Văn Thanh");
        async Task<string> StatusOnOther() => (await citizenOnOther.GetFromJsonAsync<JsonElement>($"/api/v1/tracking/{key}")).GetProperty("status").GetString()!;
        Assert.Equal("Được tiếp nhận", await StatusOnOther());
        Assert.Equal("Được tiếp nhận", await StatusOnOther()); // now held in the other instance's memory

        var version = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var acted = await officer.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action = "StartProcessing", version });
        Assert.True(acted.IsSuccessStatusCode, await acted.Content.ReadAsStringAsync());
        // The notice travels through the database: allow it a moment, far below the cache's 20 minutes.
        var seen = "";
        for (var i = 0; i < 40 && (seen = await StatusOnOther()) == "Được tiếp nhận"; i++) await Task.Delay(50);
        Assert.Equal("Đang xử lý", seen);
    }
}
