using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Issue 15: the dashboards read the satisfaction figures (per unit, per day and month, per official and procedure) kept in
/// the same transaction as the facts. These tests make the facts through the app, then recompute every bucket from them and
/// compare, and compare every report built from the figures with the same report built from the facts.
/// </summary>
public abstract class FiguresTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Commune = "03298"; // Chiềng Sinh

    private static async Task Act(HttpClient client, string code, string action, string? receivedBy = null)
    {
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var r = await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action, receivedBy, version });
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    private async Task<int> UnitIdAsync(string code)
    {
        await using var db = app.OpenDb();
        return await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    private async Task<List<string>> DriftAsync(int? unitId)
    {
        await using var db = app.OpenDb();
        return await SatisfactionFigures.DriftAsync(db, new Calendars(db, app.Services.GetRequiredService<ReferenceCache>()), unitId);
    }

    private static void NoDrift(List<string> drift) => Assert.True(drift.Count == 0, string.Join("\n", drift.Take(10)));

    private async Task<int> StoredRatingsAsync(int unitId)
    {
        await using var db = app.OpenDb();
        return await db.SatisfactionFigures.IgnoreQueryFilters().Where(f => f.UnitId == unitId && f.Span == FigureSpan.Month && f.Slice == "").SumAsync(f => f.Ratings);
    }

    private async Task<string> ReportJsonAsync(ReportRequest request, bool fromFacts)
    {
        await using var db = app.OpenDb();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        using var services = app.Services.CreateScope(); // outside a request: the system's scope, as a background job reads
        var report = new SatisfactionReport(db, services.ServiceProvider.GetRequiredService<UnitAccess>(), app.Services.GetRequiredService<UnitDirectory>(),
            new Calendars(db, app.Services.GetRequiredService<ReferenceCache>()), clock);
        var supervisor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Supervisor)], "test"));
        var outcome = await report.BuildAsync(request, supervisor, fromFacts);
        Assert.True(outcome.Ok, string.Join("; ", outcome.Errors?.Select(e => e.Message) ?? []));
        return JsonSerializer.Serialize(outcome.Value);
    }

    [Fact]
    public async Task Every_bucket_equals_its_recomputation_from_the_facts_and_every_report_agrees_with_the_facts()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var unitId = await UnitIdAsync(Commune);
        var ratingsBefore = await StoredRatingsAsync(unitId);

        // Facts made here: a dossier returned and rated unhappy (a follow-up opens), a dossier refused at the counter (it ends
        // at once), a dossier still open, and public ratings of the commune with answers on the officials' code.
        var (returned, returnedKey) = await TestDossiers.ReceiveAsync(officer, commune: Commune);
        await Act(officer, returned, "StartProcessing");
        await Act(specialist, returned, "HandOver");
        await Act(leader, returned, "Complete");
        await Act(officer, returned, "Return", receivedBy: "Lường Thị Én");
        Assert.Equal(HttpStatusCode.Created, (await app.Anonymous().PostAsJsonAsync($"/api/v1/tracking/{returnedKey}/rating", new { overall = 2 })).StatusCode);
        var refused = await officer.PostAsJsonAsync($"/api/v1/communes/{Commune}/dossiers", new
        {
            procedureCode = "1.004873", applicantName = "Lò Văn Từ Chối", citizenId = "011305004322", phone = "0911222334", address = "Bản Lồng",
            decision = "Refuse", refusalReason = "Không thuộc thẩm quyền của xã.",
        });
        Assert.Equal(HttpStatusCode.Created, refused.StatusCode);
        await TestDossiers.ReceiveAsync(officer, commune: Commune);

        // Ratings posted together: the counts are atomic increments, none is lost.
        var page = $"/xa/{Commune}/danh-gia";
        var posts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var citizen = app.Anonymous();
            var form = new Dictionary<string, string> { ["Input.Overall"] = (i % 5 + 1).ToString() };
            for (var p = 0; p < 12; p++) form[$"Input.Code[{p}]"] = ((i + p) % 3).ToString();
            for (var a = 0; a < 5; a++) form[$"Input.Aspects[{a}]"] = "0";
            form["Input.Comment"] = $"Ý kiến số {i} về bộ phận một cửa";
            return (await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, form))).StatusCode;
        }));
        Assert.All(posts, s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(ratingsBefore + 7, await StoredRatingsAsync(unitId));

        // A follow-up closed by the commune (any save goes through the same kernel).
        await using (var db = app.OpenDb())
        {
            var open = await db.FollowUps.IgnoreQueryFilters().Where(f => f.UnitId == unitId && f.Status != FollowUpStatus.Closed).OrderBy(f => f.Id).FirstAsync();
            open.Status = FollowUpStatus.Closed;
            open.ClosedAt = DateTime.UtcNow;
            open.Explanation = "Đã xin lỗi và giải thích.";
            await db.SaveChangesAsync();
        }

        NoDrift(await DriftAsync(unitId));
        NoDrift(await DriftAsync(null)); // every unit's, demo history included

        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(DateTime.UtcNow));
        foreach (var grouping in Enum.GetValues<ReportGrouping>())
        // This year so far (its year buckets), a period across two years, one from just before this month, and this year up to
        // yesterday (the year's buckets less today's facts, made above, when that reads fewer buckets).
        foreach (var (unit, from, to) in new[] { (Commune, (DateOnly?)null, (DateOnly?)null), ("11", null, null), (Commune, today.AddDays(-400), null),
            ("11", new DateOnly(today.Year, today.Month, 1).AddDays(-3), null), (Commune, new DateOnly(today.Year, 1, 1), today.DayOfYear > 1 ? today.AddDays(-1) : today) })
        {
            var request = new ReportRequest(unit, from, to, grouping);
            Assert.Equal(await ReportJsonAsync(request, fromFacts: true), await ReportJsonAsync(request, fromFacts: false));
        }
    }

    [Fact]
    public async Task A_bucket_changed_behind_the_apps_back_is_found_and_a_rebuild_restores_it()
    {
        var unitId = await UnitIdAsync(Commune);
        var citizen = app.Anonymous();
        var page = $"/xa/{Commune}/danh-gia";
        var form = new Dictionary<string, string> { ["Input.Overall"] = "4" };
        for (var p = 0; p < 12; p++) form[$"Input.Code[{p}]"] = "1";
        for (var a = 0; a < 5; a++) form[$"Input.Aspects[{a}]"] = "0";
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, form))).StatusCode);
        NoDrift(await DriftAsync(unitId));

        await using (var db = app.OpenDb())
        {
            var changed = await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"SatisfactionFigures\" SET \"Level4\" = \"Level4\" + 5 WHERE \"UnitId\" = {0} AND \"Span\" = {1} AND \"Slice\" = ''", unitId, (int)FigureSpan.Month);
            Assert.True(changed >= 1);
        }
        var drift = await DriftAsync(unitId);
        Assert.NotEmpty(drift);
        Assert.All(drift, d => Assert.Contains($"unit {unitId}, month", d));

        await using (var db = app.OpenDb())
            Assert.True(await SatisfactionFigures.RebuildAsync(db, new Calendars(db, app.Services.GetRequiredService<ReferenceCache>()), unitId) > 0);
        NoDrift(await DriftAsync(unitId));
    }
}

public sealed class FiguresTestsSqlite(SqliteApp app) : FiguresTests<SqliteApp>(app);
public sealed class FiguresTestsPostgres(PostgresApp app) : FiguresTests<PostgresApp>(app);
