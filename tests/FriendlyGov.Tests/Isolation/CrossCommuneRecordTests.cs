using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Tests.Integration;

namespace FriendlyGov.Tests.Isolation;

/// <summary>
/// Isolation probed with real records: commune A (Chiềng Sinh) makes a dossier and petitions; commune B's staff (Quang Lộc)
/// send requests that would be valid for A's own staff. B gets exactly 404 (a refusal, not a validation error), reads
/// nothing, changes nothing; then A's staff send the very same requests and succeed, so the probes were not refused for
/// their shape.
/// </summary>
public abstract class CrossCommuneRecordTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static async Task<int> VersionAsync(HttpClient c, string path) =>
        (await c.GetFromJsonAsync<JsonElement>(path)).GetProperty("version").GetInt32();

    private static async Task<string> FilePetitionAsync(HttpClient officer, string title) =>
        (await (await officer.PostAsJsonAsync("/api/v1/communes/03298/petitions", new
        {
            category = "moi-truong", title, content = "Rác thải đổ xuống suối đầu bản, mùa mưa trôi xuống ruộng của các hộ.",
            senderName = "Lò Thị Kiểm", senderPhone = "0912345671", channel = "Counter",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

    [Fact]
    public async Task Another_communes_staff_cannot_read_or_move_a_real_dossier_that_its_own_staff_can()
    {
        var aOfficer = await app.LoginAsync("chiengsinh.tiepnhan");
        var bOfficer = await app.LoginAsync("quangloc.tiepnhan");
        var bLeader = await app.LoginAsync("quangloc.lanhdao");
        var (code, _) = await TestDossiers.ReceiveAsync(aOfficer, applicant: "Quàng Văn Thử");
        var path = $"/api/v1/dossiers/{code}";
        var version = await VersionAsync(aOfficer, path);
        var start = new { action = "StartProcessing", version };
        // A new date before the current appointment: the rules refuse it, whatever the hour the test runs at.
        var appointed = (await aOfficer.GetFromJsonAsync<JsonElement>(path)).GetProperty("appointedAt").GetDateTime();
        var apology = new { reason = "Chờ xác minh thông tin", newDate = appointed.AddDays(-1), version };

        foreach (var b in new[] { bOfficer, bLeader })
        {
            var read = await b.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
            Assert.DoesNotContain("Quàng Văn Thử", await read.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"{path}/steps")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"{path}/actions", start)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"{path}/assignee", new { version })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"{path}/apology", apology)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"{path}/apology/approve", new { version })).StatusCode);
            var page = await b.GetAsync($"/can-bo/ho-so/{code}");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.DoesNotContain("Quàng Văn Thử", await page.Content.ReadAsStringAsync());
        }
        Assert.Equal(version, await VersionAsync(aOfficer, path)); // nothing moved
        // The same apology from A's own staff reaches the rules (a new date must follow the old one): a validation error, not a refusal.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await aOfficer.PostAsJsonAsync($"{path}/apology", apology)).StatusCode);

        var own = await aOfficer.PostAsJsonAsync($"{path}/actions", start);
        Assert.True(own.IsSuccessStatusCode, await own.Content.ReadAsStringAsync());
        Assert.Equal(version + 1, await VersionAsync(aOfficer, path));
    }

    [Fact]
    public async Task Another_communes_leader_cannot_read_act_on_or_link_a_real_petition_that_its_own_leader_can()
    {
        var aOfficer = await app.LoginAsync("chiengsinh.tiepnhan");
        var aLeader = await app.LoginAsync("chiengsinh.lanhdao");
        var bLeader = await app.LoginAsync("quangloc.lanhdao");
        var code = await FilePetitionAsync(aOfficer, "Rác thải cạnh suối bản Củ (thử cách ly)");
        var other = await FilePetitionAsync(aOfficer, "Rác thải bờ suối bản Củ lại bị đổ (thử cách ly)");
        var path = $"/api/v1/petitions/{code}";
        var version = await VersionAsync(aLeader, path);
        var ask = new { action = "InfoRequested", note = "Đề nghị cho biết vị trí cụ thể đoạn suối.", version };
        var link = new { to = other, version };

        var read = await bLeader.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain("0912345671", await read.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await bLeader.PostAsJsonAsync($"{path}/actions", ask)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bLeader.PostAsJsonAsync($"{path}/link", link)).StatusCode);
        var page = await bLeader.GetAsync($"/can-bo/phan-anh/{code}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("thử cách ly", await page.Content.ReadAsStringAsync());
        var list = await bLeader.GetStringAsync("/api/v1/petitions?q=c%C3%A1ch%20ly");
        Assert.DoesNotContain(code, list);
        Assert.Equal(version, await VersionAsync(aLeader, path));

        var acted = await aLeader.PostAsJsonAsync($"{path}/actions", ask);
        Assert.True(acted.IsSuccessStatusCode, await acted.Content.ReadAsStringAsync());
        var otherPath = $"/api/v1/petitions/{other}";
        var linked = await aLeader.PostAsJsonAsync($"{otherPath}/link", new { to = code, version = await VersionAsync(aLeader, otherPath) });
        Assert.True(linked.IsSuccessStatusCode, await linked.Content.ReadAsStringAsync());
    }
}

public sealed class CrossCommuneRecordTestsSqlite(SqliteApp app) : CrossCommuneRecordTests<SqliteApp>(app);
public sealed class CrossCommuneRecordTestsPostgres(PostgresApp app) : CrossCommuneRecordTests<PostgresApp>(app);
