using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Petitions;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Issue 15: "Dân vận khéo" reads the petition figures (per unit, per day and month, per field and village) kept in the same
/// transaction as the petitions. The petitions are made and moved through the API (answered, confirmed, linked as a repeat,
/// transferred to another commune, made overdue); then every bucket is recomputed from the petitions and compared, and the
/// view read from the figures is compared with the same view counted from the petitions.
/// </summary>
public abstract class PetitionFiguresTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Commune = "03298"; // Chiềng Sinh
    private const string Other = "16060";   // Quang Lộc, in another province

    private static object Input(string title, string category, string? village) => new
    {
        category, title, content = $"{title}: nhân dân đề nghị xã xem xét, giải quyết sớm.", senderName = "Lò Thị Phản Ánh", senderPhone = "0977000111",
        village, channel = "Counter", consentPublish = false,
    };

    private static async Task<(string Code, string Key)> FileAsync(HttpClient staff, object input)
    {
        var r = await staff.PostAsJsonAsync($"/api/v1/communes/{Commune}/petitions", input);
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("code").GetString()!, body.GetProperty("trackingUrl").GetString()!.Split('/')[^1]);
    }

    private static async Task<int> VersionAsync(HttpClient c, string code) =>
        (await c.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{code}")).GetProperty("version").GetInt32();

    private static async Task OkAsync(HttpResponseMessage r) =>
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");

    private static async Task ActAsync(HttpClient c, string code, string action, string? note = null, string? targetUnit = null) =>
        await OkAsync(await c.PostAsJsonAsync($"/api/v1/petitions/{code}/actions", new { action, note, targetUnit, version = await VersionAsync(c, code) }));

    private static async Task<JsonElement> StatsAsync(HttpClient c, string unit) =>
        (await c.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/stats?unit={unit}")).GetProperty("total");

    private async Task<int> UnitIdAsync(string code)
    {
        await using var db = app.OpenDb();
        return await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    private async Task<List<string>> DriftAsync(int? unitId)
    {
        await using var db = app.OpenDb();
        return await PetitionFigureStore.DriftAsync(db, unitId);
    }

    private static void NoDrift(List<string> drift) => Assert.True(drift.Count == 0, string.Join("\n", drift.Take(10)));

    private async Task<string> ViewJsonAsync(string unit, DateOnly? from, bool fromFacts)
    {
        await using var db = app.OpenDb();
        using var services = app.Services.CreateScope(); // outside a request: the system's scope, as a background job reads
        var stats = new PetitionStats(db, services.ServiceProvider.GetRequiredService<UnitAccess>(), app.Services.GetRequiredService<UnitDirectory>(),
            app.Services.GetRequiredService<TimeProvider>());
        var supervisor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Supervisor)], "test"));
        var outcome = await stats.BuildAsync(unit, from, null, supervisor, fromFacts);
        Assert.True(outcome.Ok, string.Join("; ", outcome.Errors?.Select(e => e.Message) ?? []));
        return JsonSerializer.Serialize(outcome.Value);
    }

    [Fact]
    public async Task Every_bucket_equals_its_recomputation_from_the_petitions_and_the_view_agrees_with_the_petitions()
    {
        var counter = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var otherLeader = await app.LoginAsync("quangloc.lanhdao");
        var before = await StatsAsync(leader, Commune);
        var otherBefore = await StatsAsync(otherLeader, Other);

        var (answered, answeredKey) = await FileAsync(counter, Input("Đèn đường bản Củ không sáng", "giao-thong", "03298.04"));
        var (overdue, _) = await FileAsync(counter, Input("Rác thải đổ bên suối", "moi-truong", null));
        var (transferred, _) = await FileAsync(counter, Input("Lấn chiếm đất giáp ranh xã Quang Lộc", "dat-dai", "03298.04"));
        var (first, _) = await FileAsync(counter, Input("Cống qua đường bị tắc", "giao-thong", "03298.04"));
        var (repeat, _) = await FileAsync(counter, Input("Cống qua đường đầu bản bị tắc", "giao-thong", "03298.04"));

        // Answered by the leader, then confirmed "hài lòng" by the sender: it closes, answered on time and satisfied.
        await ActAsync(leader, answered, "Answered", note: "Xã đã thay bóng đèn đường bản Củ ngày hôm nay.");
        await OkAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/petition-tracking/{answeredKey}/confirm", new { overall = 5 }));
        // A repeat of an open petition on the same matter.
        await OkAsync(await leader.PostAsJsonAsync($"/api/v1/petitions/{repeat}/link", new { to = first, version = await VersionAsync(leader, repeat) }));
        // Sent to the commune it belongs to: it counts there, not here.
        await ActAsync(leader, transferred, "TransferredOut", note: "Thửa đất thuộc địa bàn xã Quang Lộc.", targetUnit: Other);
        // Past its deadline (the clock is the real one: the deadline is moved, as a late petition's would be).
        await using (var db = app.OpenDb())
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE \"Petitions\" SET \"DueAt\" = {0} WHERE \"Code\" = {1}", DateTime.UtcNow.AddDays(-1), overdue));

        // Through the API people use: the figures moved by what was done here.
        var after = await StatsAsync(leader, Commune);
        Assert.Equal(before.GetProperty("total").GetInt32() + 4, after.GetProperty("total").GetInt32());
        Assert.Equal(before.GetProperty("open").GetInt32() + 3, after.GetProperty("open").GetInt32());
        Assert.Equal(before.GetProperty("answered").GetInt32() + 1, after.GetProperty("answered").GetInt32());
        Assert.Equal(before.GetProperty("satisfied").GetInt32() + 1, after.GetProperty("satisfied").GetInt32());
        Assert.Equal(before.GetProperty("repeated").GetInt32() + 1, after.GetProperty("repeated").GetInt32());
        Assert.True(after.GetProperty("overdue").GetInt32() >= before.GetProperty("overdue").GetInt32() + 1);
        Assert.Equal(otherBefore.GetProperty("total").GetInt32() + 1, (await StatsAsync(otherLeader, Other)).GetProperty("total").GetInt32());

        NoDrift(await DriftAsync(await UnitIdAsync(Commune)));
        NoDrift(await DriftAsync(null)); // every unit's, demo history included

        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(DateTime.UtcNow));
        foreach (var (unit, from) in new[] { (Commune, (DateOnly?)null), (Other, null), ("11", null), (Commune, today.AddDays(-400)),
                     ("11", new DateOnly(today.Year, today.Month, 1).AddDays(-3)), (Commune, today) })
            Assert.Equal(await ViewJsonAsync(unit, from, fromFacts: true), await ViewJsonAsync(unit, from, fromFacts: false));
    }

    [Fact]
    public async Task A_bucket_changed_behind_the_apps_back_is_found_and_a_rebuild_restores_it()
    {
        var counter = await app.LoginAsync("chiengsinh.tiepnhan");
        await FileAsync(counter, Input("Nước sinh hoạt bản Lồng yếu", "giao-thong", "03298.04"));
        var unitId = await UnitIdAsync(Commune);
        NoDrift(await DriftAsync(unitId));

        await using (var db = app.OpenDb())
            Assert.True(await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"PetitionFigures\" SET \"Open\" = \"Open\" + 2 WHERE \"UnitId\" = {0} AND \"Span\" = {1} AND \"Slice\" = ''", unitId, (int)FigureSpan.Month) >= 1);
        var drift = await DriftAsync(unitId);
        Assert.NotEmpty(drift);
        Assert.All(drift, d => Assert.Contains($"unit {unitId}, month", d));

        await using (var db = app.OpenDb())
            Assert.True(await PetitionFigureStore.RebuildAsync(db, unitId) > 0);
        NoDrift(await DriftAsync(unitId));
    }
}

public sealed class PetitionFiguresTestsSqlite(SqliteApp app) : PetitionFiguresTests<SqliteApp>(app);
public sealed class PetitionFiguresTestsPostgres(PostgresApp app) : PetitionFiguresTests<PostgresApp>(app);
