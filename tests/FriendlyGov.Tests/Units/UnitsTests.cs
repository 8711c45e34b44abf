using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

public abstract class UnitsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static string NewCode() => "T" + Random.Shared.Next(1_000_000, 9_999_999);

    [Fact]
    public async Task Units_api_returns_the_current_tree_with_codes_and_history_on_request()
    {
        var client = app.Anonymous();
        var current = await client.GetStringAsync("/api/v1/units");
        Assert.Contains("\"code\":\"03298\"", current);
        Assert.Contains("\"code\":\"03298.01\"", current);
        Assert.DoesNotContain("\"code\":\"099\"", current); // the district ended on 30/6/2025
        Assert.DoesNotContain("\"code\":\"16081\"", current); // merged into Vạn Lộc
        var history = await client.GetStringAsync("/api/v1/units?history=true");
        Assert.Contains("\"code\":\"099\"", history);
        Assert.Contains("\"successorCode\":\"16090\"", history);
    }

    [Fact]
    public async Task Unit_detail_keeps_the_former_district_in_its_history()
    {
        var detail = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/units/03298");
        Assert.Equal("11", detail.GetProperty("parentCode").GetString());
        var move = detail.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Reparented");
        Assert.Equal("099", move.GetProperty("oldParentCode").GetString());
        Assert.Equal("2025-07-01", move.GetProperty("effective").GetString());
    }

    [Fact]
    public async Task Unknown_unit_is_a_problem_404()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/units/khong-co");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Merging_two_communes_keeps_every_old_record_reachable_under_the_new_commune_and_under_its_old_name()
    {
        var admin = await app.LoginAsync("quantri");
        var (codeA, codeB, merged) = (NewCode(), NewCode(), NewCode());
        foreach (var (code, name) in new[] { (codeA, "Xuân Thành"), (codeB, "Xuân Hòa") })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/units", new { code, name, type = "Commune", parentCode = "38", effectiveFrom = "2010-01-01" })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/units", new { code = code + ".01", name = "Thôn 1 " + name, type = "Hamlet", parentCode = code, effectiveFrom = "2010-01-01" })).StatusCode);
            // Each commune gets a leader, who records the commune's profile: rows and audit entries of the old unit.
            var create = await admin.PostAsync("/can-bo/nhan-su?handler=Create", await AppFixture.FormAsync(admin, "/can-bo/nhan-su", new()
            {
                ["Input.FullName"] = "Lãnh đạo " + name, ["Input.UserName"] = "ld" + code, ["Input.Role"] = Roles.CommuneLeader,
                ["Input.UnitCode"] = code, ["Input.Password"] = "Lanh.Dao2025!",
            }));
            Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
            var leader = await app.LoginAsync("ld" + code, "Lanh.Dao2025!");
            Assert.Equal(HttpStatusCode.OK, (await leader.PutAsJsonAsync($"/api/v1/communes/{code}/profile", new { address = "Trụ sở " + name })).StatusCode);
        }

        var response = await admin.PostAsJsonAsync("/api/v1/units/merge", new
        {
            sources = new[] { codeA, codeB }, provinceCode = "38", newCode = merged, newName = "Xuân Hợp", newType = "Commune", effective = "2025-07-01",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // The tree: the new commune names its predecessors; each old one keeps its name and points to the new one.
        var detail = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/units/{merged}");
        Assert.Equal(new[] { codeA, codeB }.Order(), detail.GetProperty("predecessors").EnumerateArray().Select(p => p.GetProperty("code").GetString()).Order());
        Assert.Contains(detail.GetProperty("children").EnumerateArray(), c => c.GetProperty("code").GetString() == codeA + ".01");
        var old = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/units/{codeA}");
        Assert.Equal("Xuân Thành", old.GetProperty("name").GetString());
        Assert.Equal(merged, old.GetProperty("successorCode").GetString());
        var page = await app.Anonymous().GetStringAsync($"/xa/{codeA}");
        Assert.Contains("xã Xuân Thành", page);
        Assert.Contains("đã sáp nhập vào", page);
        Assert.Contains("xã Xuân Hợp", page);

        // The rows stay attributed to the old units...
        await using var db = app.OpenDb();
        var ids = await db.Units.Where(u => u.Code == codeA || u.Code == codeB || u.Code == merged).ToDictionaryAsync(u => u.Code, u => u.Id);
        var profiles = await db.CommuneProfiles.Where(p => p.UnitId == ids[codeA] || p.UnitId == ids[codeB]).ToListAsync();
        Assert.Equal(2, profiles.Count);
        // ...and whoever serves the new commune reaches them, through the same filter every request uses.
        var graph = app.Services.GetRequiredService<FriendlyGov.Web.Shared.UnitDirectory>().Graph;
        await using var asNew = app.OpenDb(new FixedScope(graph.CommuneScope(ids[merged])));
        Assert.Equal(2, await asNew.CommuneProfiles.CountAsync(p => p.UnitId == ids[codeA] || p.UnitId == ids[codeB]));

        // Over HTTP: the old leader, moved to the new commune, reads the old communes' staff and log under their old codes.
        var moved = await app.LoginAsync("ld" + codeA, "Lanh.Dao2025!");
        var me = await moved.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(merged, me.GetProperty("unitCode").GetString());
        var log = await moved.GetFromJsonAsync<JsonElement>($"/api/v1/audit?unit={codeB}");
        Assert.True(log.GetProperty("total").GetInt32() > 0);
        Assert.Contains("Trụ sở Xuân Hòa", log.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await moved.GetAsync($"/api/v1/staff?unit={codeB}")).StatusCode);
    }

    [Fact]
    public async Task Invalid_merge_answers_422_with_field_errors_and_changes_nothing()
    {
        var admin = await app.LoginAsync("quantri");
        await using var before = app.OpenDb();
        var count = await before.Units.CountAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/units/merge", new
        {
            sources = new[] { "03298", "16060" }, provinceCode = "38", newCode = "03298", newName = "Xã Hợp Nhất", newType = "Commune", effective = "2025-07-01",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("cùng tỉnh", errors.GetProperty("Sources").GetRawText());
        Assert.True(errors.TryGetProperty("NewCode", out _));
        // A missing required field is caught by validation before any rule runs: 400 with the field named.
        var empty = await admin.PostAsJsonAsync("/api/v1/units/merge", new { sources = new[] { "03298" }, provinceCode = "11", newCode = "X1", newName = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("NewName", await empty.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await using var after = app.OpenDb();
        Assert.Equal(count, await after.Units.CountAsync());
        Assert.Null((await after.Units.SingleAsync(u => u.Code == "03298")).SuccessorId);
    }

    [Fact]
    public async Task A_district_ends_only_after_its_communes_have_moved()
    {
        var admin = await app.LoginAsync("quantri");
        var (district, commune) = (NewCode(), NewCode());
        await admin.PostAsJsonAsync("/api/v1/units", new { code = district, name = "Huyện Thử", type = "District", parentCode = "11", effectiveFrom = "2004-01-01" });
        await admin.PostAsJsonAsync("/api/v1/units", new { code = commune, name = "Xã Thử", type = "Commune", parentCode = district, effectiveFrom = "2004-01-01" });

        var early = await admin.PostAsJsonAsync($"/api/v1/units/{district}/end", new { lastDay = "2025-06-30" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/units/{commune}/reparent", new { newParentCode = "11", effective = "2025-07-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/units/{district}/end", new { lastDay = "2025-06-30" })).StatusCode);
        var detail = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/units/{commune}");
        Assert.Equal("11", detail.GetProperty("parentCode").GetString());
    }

    [Fact]
    public async Task Renaming_on_the_admin_page_shows_a_vietnamese_error_beside_the_field_and_keeps_the_old_name_in_history()
    {
        var admin = await app.LoginAsync("quantri");
        var code = NewCode();
        await admin.PostAsJsonAsync("/api/v1/units", new { code, name = "Tên Cũ", type = "Commune", parentCode = "11", effectiveFrom = "2004-01-01" });
        var empty = await admin.PostAsync($"/quan-tri/don-vi/{code}?handler=Rename", await AppFixture.FormAsync(admin, $"/quan-tri/don-vi/{code}",
            new() { ["Rename.NewName"] = "", ["Rename.Effective"] = "2025-07-01" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Matches("data-valmsg-for=\"Rename.NewName\"[^>]*>Nhập tên mới.<", await empty.Content.ReadAsStringAsync());

        var ok = await admin.PostAsync($"/quan-tri/don-vi/{code}?handler=Rename", await AppFixture.FormAsync(admin, $"/quan-tri/don-vi/{code}",
            new() { ["Rename.NewName"] = "Tên Mới", ["Rename.Effective"] = "2025-07-01" }));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var detail = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/units/{code}");
        Assert.Equal("Tên Mới", detail.GetProperty("name").GetString());
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), e => e.GetProperty("oldName").GetString() == "Tên Cũ");
    }
}

public sealed class UnitsTestsSqlite(SqliteApp app) : UnitsTests<SqliteApp>(app);
public sealed class UnitsTestsPostgres(PostgresApp app) : UnitsTests<PostgresApp>(app);
