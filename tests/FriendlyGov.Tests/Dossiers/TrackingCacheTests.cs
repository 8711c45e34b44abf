using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Public tracking is served from memory, and a stale status is a defect: every committed change to the dossier (a step, the
/// leader's approval of an apology, the citizen's rating, a step taken inside an idempotent request) shows on the very next
/// lookup, and lookups racing the changes never keep an old timeline.
/// </summary>
public abstract class TrackingCacheTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static async Task ActAsync(HttpClient client, string code, string action, string? note = null, string? receivedBy = null, string? idempotencyKey = null)
    {
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/dossiers/{code}/actions") { Content = JsonContent.Create(new { action, note, receivedBy, version }) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var r = await client.SendAsync(request);
        Assert.True(r.IsSuccessStatusCode, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

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

        await ActAsync(officer, code, "StartProcessing");
        var t = await TrackAsync(citizen, key);
        Assert.Equal("Đang xử lý", StatusOf(t));
        Assert.Equal(2, t.GetProperty("steps").GetArrayLength());

        // Inside an idempotent request the change commits with the answer; the lookup after it sees it.
        await ActAsync(specialist, code, "HandOver", idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal(3, (await TrackAsync(citizen, key)).GetProperty("steps").GetArrayLength());

        // The leader's approval of an apology changes only the dossier row.
        var version = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var drafted = await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology", new { reason = "Chờ xác minh tại xã nơi cư trú trước đây", newDate = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-ddT10:00"), version });
        Assert.True(drafted.IsSuccessStatusCode, await drafted.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, (await TrackAsync(citizen, key)).GetProperty("apologyReason").ValueKind); // not approved: not shown
        version = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        Assert.True((await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology/approve", new { version })).IsSuccessStatusCode);
        Assert.Equal("Chờ xác minh tại xã nơi cư trú trước đây", (await TrackAsync(citizen, key)).GetProperty("apologyReason").GetString());

        await ActAsync(leader, code, "Complete");
        await ActAsync(officer, code, "Return", receivedBy: "Lò Thị Xuân");
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
                await ActAsync(who, code, action, note: action == "RequestSupplement" ? "Bổ sung bản sao sổ hộ khẩu" : null);
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

public sealed class TrackingCacheTestsSqlite(SqliteApp app) : TrackingCacheTests<SqliteApp>(app);
public sealed class TrackingCacheTestsPostgres(PostgresApp app) : TrackingCacheTests<PostgresApp>(app);
