using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Public tracking is served from memory, and a stale status is a defect: every committed change to the dossier (a step, the
/// leader's approval of an apology, the citizen's rating, a step taken inside an idempotent request) shows on the very next
/// lookup, and lookups racing the changes never keep an old timeline.
/// </summary>
public abstract class TrackingCacheTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static async Task<JsonElement> TrackAsync(HttpClient anyone, string key) => await anyone.GetFromJsonAsync<JsonElement>($"/api/v1/tracking/{key}");

    private static string StatusOf(JsonElement t) => t.GetProperty("status").GetString()!;

    [Fact]
    public async Task Every_committed_change_shows_on_the_next_lookup()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var citizen = app.Anonymous();
        var (code, key) = await TestDossiers.ReceiveAsync(officer, applicant: "Lò Thị Xuân");
        var first = await TrackAsync(citizen, key);
        Assert.Equal("Được tiếp nhận", StatusOf(first));
        Assert.Equal(first.GetRawText(), (await TrackAsync(citizen, key)).GetRawText()); // served again, unchanged

        await TestDossiers.ActAsync(officer, code, "StartProcessing");
        var t = await TrackAsync(citizen, key);
        Assert.Equal("Đang xử lý", StatusOf(t));
        Assert.Equal(2, t.GetProperty("steps").GetArrayLength());

        // Inside an idempotent request the change commits with the answer; the lookup after it sees it.
        await TestDossiers.ActAsync(specialist, code, "HandOver", idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal(3, (await TrackAsync(citizen, key)).GetProperty("steps").GetArrayLength());

        // The leader's approval of an apology changes only the dossier row.
        var version = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var drafted = await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology", new { reason = "Chờ xác minh tại xã nơi cư trú trước đây", newDate = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-ddT10:00"), version });
        Assert.True(drafted.IsSuccessStatusCode, await drafted.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, (await TrackAsync(citizen, key)).GetProperty("apologyReason").ValueKind); // not approved: not shown
        version = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        Assert.True((await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology/approve", new { version })).IsSuccessStatusCode);
        Assert.Equal("Chờ xác minh tại xã nơi cư trú trước đây", (await TrackAsync(citizen, key)).GetProperty("apologyReason").GetString());

        await TestDossiers.ActAsync(leader, code, "Complete");
        await TestDossiers.ActAsync(officer, code, "Return", receivedBy: "Lò Thị Xuân");
        t = await TrackAsync(citizen, key);
        Assert.Equal("Đã trả kết quả", StatusOf(t));
        Assert.False(t.GetProperty("rated").GetBoolean());

        // The citizen's rating: the page then says it was rated.
        Assert.True((await citizen.PostAsJsonAsync($"/api/v1/tracking/{key}/rating", new { overall = 5 })).IsSuccessStatusCode);
        Assert.True((await TrackAsync(citizen, key)).GetProperty("rated").GetBoolean());
    }

    [Fact]
    public async Task Lookups_racing_the_changes_never_keep_an_old_timeline()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var readers = Enumerable.Range(0, 4).Select(_ => app.Anonymous()).ToList();
        for (var round = 0; round < 5; round++)
        {
            var (code, key) = await TestDossiers.ReceiveAsync(officer, applicant: "Lò Thị Xuân");
            using var stop = new CancellationTokenSource();
            var racing = readers.Select(r => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested) await r.GetAsync($"/api/v1/tracking/{key}");
            })).ToList();
            (HttpClient Who, string Action, string Expected)[] steps =
                [(officer, "StartProcessing", "Đang xử lý"), (specialist, "RequestSupplement", "Yêu cầu bổ sung giấy tờ"), (officer, "Supplement", "Đang xử lý"),
                 (specialist, "HandOver", "Đang xử lý"), (leader, "Complete", "Đã xử lý xong")];
            var count = 1;
            foreach (var (who, action, expected) in steps)
            {
                await TestDossiers.ActAsync(who, code, action, note: action == "RequestSupplement" ? "Bổ sung bản sao sổ hộ khẩu" : null);
                count++;
                var seen = await TrackAsync(readers[0], key);
                Assert.Equal(expected, StatusOf(seen));
                Assert.Equal(count, seen.GetProperty("steps").GetArrayLength());
            }
            await stop.CancelAsync();
            await Task.WhenAll(racing);
        }
    }
}

/// <summary>The cache's memory is bounded by Tracking:CachedDossiers: past the bound, timelines are read again, not kept.</summary>
public sealed class TrackingCacheBoundTests
{
    private sealed record Timeline(string Status);

    [Fact]
    public void No_more_dossiers_are_held_than_the_bound_and_the_ones_held_are_served()
    {
        var cache = new FriendlyGov.Web.Features.Dossiers.TrackingCache(bus: null, cachedDossiers: 10);
        for (var id = 1; id <= 50; id++) cache.Store($"key-{id}", id, new Timeline($"status {id}"), cache.Generation);
        var held = Enumerable.Range(1, 50).Count(id => cache.TryGet<Timeline>($"key-{id}", out var t) && t!.Status == $"status {id}");
        Assert.InRange(held, 1, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FriendlyGov.Web.Features.Dossiers.TrackingCache(bus: null, cachedDossiers: 0));
    }

    /// <summary>
    /// The cache alone, raced for two seconds on every core: two writers commit changes to the same few dossiers (a version
    /// bumped under a lock, as the database does, then the commit told to the cache outside it), four readers read and store
    /// as the lookup does. Once a writer's commit has been told, no lookup may serve a version older than that commit's.
    /// </summary>
    [Fact]
    public async Task Lookups_and_commits_racing_on_every_core_never_leave_an_old_version_served()
    {
        const int dossiers = 3;
        using var cache = new FriendlyGov.Web.Features.Dossiers.TrackingCache(bus: null, cachedDossiers: 100);
        var versions = new long[dossiers];
        var gate = new Lock();
        var stale = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                var id = random.Next(dossiers);
                if (cache.TryGet<Timeline>($"key-{id}", out _)) continue;
                var readAt = cache.Generation;
                long seen;
                lock (gate) seen = versions[id]; // the database read: a committed version, maybe about to be replaced
                cache.Store($"key-{id}", id, new Timeline(seen.ToString(System.Globalization.CultureInfo.InvariantCulture)), readAt);
            }
        })).ToList();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            var random = new Random(100 + w);
            while (!stop.IsCancellationRequested)
            {
                var id = random.Next(dossiers);
                long committed;
                lock (gate) committed = ++versions[id];
                cache.Committed([id]);
                if (cache.TryGet<Timeline>($"key-{id}", out var served) && long.Parse(served!.Status, System.Globalization.CultureInfo.InvariantCulture) < committed)
                    stale.Enqueue($"dossier {id}: version {served.Status} served after version {committed} was committed");
            }
        })).ToList();
        await Task.WhenAll([.. readers, .. writers]);
        Assert.True(stale.IsEmpty, string.Join("\n", stale.Take(5)));
    }

    [Fact]
    public void The_gauge_reports_how_many_dossiers_are_held()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var cache = new FriendlyGov.Web.Features.Dossiers.TrackingCache(bus: null, cachedDossiers: 100, meters);
        for (var id = 1; id <= 7; id++) cache.Store($"key-{id}", id, new Timeline("received"), cache.Generation);
        long? reported = null;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this cache's gauge: the app instances of other tests publish theirs under the same name.
            if (instrument.Name == "friendlygov.tracking.cached_dossiers" && ReferenceEquals(instrument.Meter.Scope, meters)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => reported = value);
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal(7, reported);
    }

}

/// <summary>The bound as an operator sets it, in a second instance of the app on a test database.</summary>
public sealed class TrackingCacheSettingTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public void The_bound_comes_from_configuration()
    {
        using var instance = app.WithWebHostBuilder(b => b.UseSetting("Tracking:CachedDossiers", "1234"));
        Assert.Equal(1234, instance.Services.GetRequiredService<FriendlyGov.Web.Features.Dossiers.TrackingCache>().CachedDossiers);
        Assert.Equal(FriendlyGov.Web.Features.Dossiers.TrackingCache.DefaultCachedDossiers,
            app.Services.GetRequiredService<FriendlyGov.Web.Features.Dossiers.TrackingCache>().CachedDossiers);
    }
}

public sealed class TrackingCacheTestsSqlite(SqliteApp app) : TrackingCacheTests<SqliteApp>(app);
public sealed class TrackingCacheTestsPostgres(PostgresApp app) : TrackingCacheTests<PostgresApp>(app);
