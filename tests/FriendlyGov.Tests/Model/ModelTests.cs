using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>The model's management through the API on both databases: templates, board, plan, readiness, proposals, commitments, replication.</summary>
public abstract class ModelTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string CS = "/api/v1/communes/03298/model";

    private static async Task<JsonElement> ModelAsync(HttpClient c, string code = "03298") =>
        await c.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{code}/model");

    private static async Task Is(HttpStatusCode expected, HttpResponseMessage r) =>
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");

    [Fact]
    public async Task Replication_gives_three_communes_a_model_from_the_templates_and_overwrites_nothing()
    {
        var sup = await app.LoginAsync("giamsat.dienbien");
        var before = await ModelAsync(sup);
        await using (var db = app.OpenDb())
        {
            // A procedure only the pilot has, to see the catalog offered to the new communes.
            var pilot = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
            var p = await db.Procedures.AsNoTracking().FirstAsync(x => x.UnitId == pilot);
            (p.Id, p.Code, p.Version) = (0, "PILOT.0001", 0);
            db.Procedures.Add(p);
            await db.SaveChangesAsync();
        }
        var r = await sup.PostAsJsonAsync("/api/v1/model/replicate", new
        {
            communes = new[] { "03289", "03295", "03284", "03298", "16060" }, name = "Chính quyền thân thiện", year = 2026, planStart = "2026-12-01",
            pilot = "03298", copyCatalog = true,
        });
        await Is(HttpStatusCode.OK, r);
        var results = (await r.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(x => x.GetProperty("commune").GetString()!);
        Assert.True(results["03289"].GetProperty("created").GetBoolean());
        Assert.Contains("thêm 1 thủ tục", results["03289"].GetProperty("outcome").GetString());
        Assert.True(results["03295"].GetProperty("created").GetBoolean());
        Assert.True(results["03284"].GetProperty("created").GetBoolean());
        Assert.False(results["03298"].GetProperty("created").GetBoolean()); // the pilot keeps its own
        Assert.False(results["16060"].GetProperty("created").GetBoolean()); // another province: out of scope
        Assert.Contains("phạm vi", results["16060"].GetProperty("outcome").GetString());

        var m = await ModelAsync(sup, "03289");
        Assert.Equal("Replicated", m.GetProperty("kind").GetString());
        Assert.Equal(ModelTemplates.PlanSteps.Count, m.GetProperty("tasks").GetArrayLength());
        Assert.Equal("2026-12-08", m.GetProperty("tasks")[0].GetProperty("due").GetString()); // 7 days after the plan starts
        Assert.Equal(ModelTemplates.Readiness.Count, m.GetProperty("readiness").GetArrayLength());
        Assert.Equal(1, m.GetProperty("commitment").GetProperty("number").GetInt32());
        Assert.Contains("5 biết", m.GetProperty("commitment").GetProperty("text").GetString());
        // The pilot's model is exactly as it was.
        var after = await ModelAsync(sup);
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        Assert.Equal(before.GetProperty("tasks").GetRawText(), after.GetProperty("tasks").GetRawText());
        Assert.Equal(before.GetProperty("board").GetArrayLength(), after.GetProperty("board").GetArrayLength());

        // Running it again changes nothing; the roll-out view shows every commune of the province with its stage.
        var again = (await (await sup.PostAsJsonAsync("/api/v1/model/replicate", new { communes = new[] { "03289" }, year = 2026 })).Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.False(again.GetProperty("created").GetBoolean());
        await using (var db = app.OpenDb())
        {
            var id = await db.Units.Where(u => u.Code == "03289").Select(u => u.Id).SingleAsync();
            Assert.Equal(1, await db.CommuneModels.CountAsync(x => x.UnitId == id));
            Assert.Equal(ModelTemplates.PlanSteps.Count, await db.PlanTasks.CountAsync(x => x.UnitId == id));
            // The pilot's catalog came along where the commune lacked it, once.
            Assert.Equal(1, await db.Procedures.IgnoreQueryFilters().CountAsync(p => p.UnitId == id && p.Code == "PILOT.0001"));
        }
        var rollout = (await sup.GetFromJsonAsync<JsonElement>("/api/v1/model/rollout")).EnumerateArray().ToDictionary(x => x.GetProperty("code").GetString()!);
        Assert.True(rollout["03289"].GetProperty("hasModel").GetBoolean());
        Assert.Equal("Preparing", rollout["03289"].GetProperty("stage").GetString());
        Assert.Equal(before.GetProperty("stage").GetString(), rollout["03298"].GetProperty("stage").GetString()); // the pilot keeps its own stage
        Assert.False(rollout.ContainsKey("16060"));

        // Only supervisors replicate.
        await Is(HttpStatusCode.UnprocessableEntity, await (await app.LoginAsync("chiengsinh.lanhdao")).PostAsJsonAsync("/api/v1/model/replicate", new { communes = new[] { "03289" } }));
    }

    [Fact]
    public async Task A_proposal_raised_by_the_commune_is_answered_by_its_supervisor_only_and_both_see_the_status()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var item = (await ModelAsync(leader)).GetProperty("readiness").EnumerateArray().First(r => r.GetProperty("rating").GetString() == "NotMet");
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync($"{CS}/proposals", new { title = "", content = "" }));
        await Is(HttpStatusCode.UnprocessableEntity, await (await app.LoginAsync("chiengsinh.tiepnhan")).PostAsJsonAsync($"{CS}/proposals", new { title = "Xin máy tính", content = "Bộ phận Một cửa thiếu máy tính." }));
        var raised = await leader.PostAsJsonAsync($"{CS}/proposals", new { title = "Xin bổ sung máy quét", content = "Bộ phận Một cửa chỉ có một máy quét đã hỏng.", readinessItemId = item.GetProperty("id").GetInt32() });
        await Is(HttpStatusCode.Created, raised);
        var id = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        // Another province's supervisor does not find it; the commune cannot answer its own.
        await Is(HttpStatusCode.NotFound, await (await app.LoginAsync("giamsat.thanhhoa")).PostAsJsonAsync($"/api/v1/model/proposals/{id}/answer", new { answer = "Đồng ý", version = 0 }));
        await Is(HttpStatusCode.NotFound, await leader.PostAsJsonAsync($"/api/v1/model/proposals/{id}/answer", new { answer = "Tự trả lời", version = 0 }));
        var sup = await app.LoginAsync("giamsat.dienbien");
        var listed = (await sup.GetFromJsonAsync<JsonElement>("/api/v1/model/proposals")).EnumerateArray()
            .Single(x => x.GetProperty("proposal").GetProperty("id").GetInt32() == id);
        Assert.Equal("Open", listed.GetProperty("proposal").GetProperty("status").GetString());
        await Is(HttpStatusCode.UnprocessableEntity, await sup.PostAsJsonAsync($"/api/v1/model/proposals/{id}/answer", new { answer = "Đồng ý hỗ trợ", decision = "Sở TT cấp 1 máy quét", version = 0 })); // deadline missing
        await Is(HttpStatusCode.OK, await sup.PostAsJsonAsync($"/api/v1/model/proposals/{id}/answer",
            new { answer = "Đồng ý hỗ trợ", decision = "Sở Khoa học và Công nghệ cấp 1 máy quét", deadline = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), version = 0 }));
        var seen = (await ModelAsync(leader)).GetProperty("proposals").EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == id);
        Assert.Equal("Answered", seen.GetProperty("status").GetString());
        Assert.Equal("Sở Khoa học và Công nghệ cấp 1 máy quét", seen.GetProperty("decision").GetString());
        Assert.Equal("giamsat.dienbien", seen.GetProperty("answeredBy").GetString());
        Assert.Equal("Điện Biên", seen.GetProperty("answeringUnit").GetString());
        await using var db = app.OpenDb();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(ModelProposal) && a.EntityId == id.ToString() && a.Action == "Modified"));
    }

    [Fact]
    public async Task A_new_commitment_text_asks_every_official_to_sign_again_with_their_own_name()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        await Is(HttpStatusCode.Created, await officer.PostAsJsonAsync($"{CS}/commitment/sign", new { typedName = "lò  thị hoa" })); // case and spaces do not matter
        var m = await ModelAsync(leader);
        var hoa = m.GetProperty("officials").EnumerateArray().Single(o => o.GetProperty("fullName").GetString() == "Lò Thị Hoa");
        Assert.True(hoa.GetProperty("signed").GetBoolean());
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/commitment/sign", new { typedName = "Lò Thị Hoa" })); // once per version

        // Only the leader publishes; a new version clears every signature.
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/commitment", new { text = "Một nội dung cam kết khác, đủ dài để được chấp nhận." }));
        var number = m.GetProperty("commitment").GetProperty("number").GetInt32();
        await Is(HttpStatusCode.Created, await leader.PostAsJsonAsync($"{CS}/commitment", new { text = ModelTemplates.DefaultCommitment("Chính quyền thân thiện") + "\nThêm: trả lời phản ánh của người dân đúng hạn." }));
        m = await ModelAsync(leader);
        Assert.Equal(number + 1, m.GetProperty("commitment").GetProperty("number").GetInt32());
        Assert.All(m.GetProperty("officials").EnumerateArray(), o => Assert.False(o.GetProperty("signed").GetBoolean()));
        Assert.Equal(0m, m.GetProperty("figures").GetProperty("signedShare").GetDecimal());

        // Someone else's name is refused; the signature stands and cannot be changed, even in the database.
        var wrong = await officer.PostAsJsonAsync($"{CS}/commitment/sign", new { typedName = "Lường Văn Thắng" });
        await Is(HttpStatusCode.UnprocessableEntity, wrong);
        Assert.Contains("Lò Thị Hoa", await wrong.Content.ReadAsStringAsync());
        await Is(HttpStatusCode.Created, await officer.PostAsJsonAsync($"{CS}/commitment/sign", new { typedName = "Lò Thị Hoa" }));
        await Is(HttpStatusCode.NotFound, await (await app.LoginAsync("quangloc.tiepnhan")).PostAsJsonAsync($"{CS}/commitment/sign", new { typedName = "Nguyễn Thị Lan" }));
        // The commune's public page says how many signed the current text, of how many: counted, never claimed.
        var officials = (await ModelAsync(leader)).GetProperty("officials").EnumerateArray().ToList();
        Assert.True(officials.Count > 1);
        Assert.Contains($"<strong>{officials.Count(o => o.GetProperty("signed").GetBoolean())}/{officials.Count}</strong> cán bộ, công chức xã đã ký cam kết",
            await app.Anonymous().GetStringAsync("/xa/03298"));
        await using var db = app.OpenDb();
        var sig = await db.CommitmentSignatures.OrderByDescending(s => s.Id).FirstAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"CommitmentSignatures\" SET \"TypedName\" = 'x' WHERE \"Id\" = {0}", sig.Id));
        db.Entry(sig).Property(s => s.TypedName).CurrentValue = "đổi"; // the type has no setter; the kernel refuses a change however it is made
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Board_plan_and_readiness_keep_their_rules_and_history()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        // One head at a time; a member who leaves stays in the history.
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync($"{CS}/board", new { fullName = "Người Mới", position = "Bí thư Đảng ủy", role = "Head" }));
        var head = (await ModelAsync(leader)).GetProperty("board").EnumerateArray().Single(b => b.GetProperty("role").GetString() == "Head" && b.GetProperty("current").GetBoolean());
        await Is(HttpStatusCode.OK, await leader.PostAsJsonAsync($"{CS}/board/{head.GetProperty("id").GetInt32()}/end", new { reason = "Chuyển công tác" }));
        await Is(HttpStatusCode.Created, await leader.PostAsJsonAsync($"{CS}/board", new { fullName = "Lò Văn Pọm", position = "Bí thư Đảng ủy xã", role = "Head" }));
        var board = (await ModelAsync(leader)).GetProperty("board").EnumerateArray().ToList();
        Assert.Contains(board, b => b.GetProperty("fullName").GetString() == head.GetProperty("fullName").GetString() && !b.GetProperty("current").GetBoolean()
            && b.GetProperty("endReason").GetString() == "Chuyển công tác");
        Assert.Equal(1, board.Count(b => b.GetProperty("role").GetString() == "Head" && b.GetProperty("current").GetBoolean()));

        // A task is done with its evidence; progress moves.
        var m = await ModelAsync(leader);
        var progress = m.GetProperty("figures").GetProperty("planProgress").GetDecimal();
        var task = m.GetProperty("tasks").EnumerateArray().First(t => t.GetProperty("status").GetString() != "Done");
        var url = $"{CS}/tasks/{task.GetProperty("id").GetInt32()}";
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PutAsJsonAsync(url, new { status = "Done", version = task.GetProperty("version").GetInt32() }));
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PutAsJsonAsync(url, new { status = "InProgress", progress = 140, version = task.GetProperty("version").GetInt32() }));
        await Is(HttpStatusCode.OK, await leader.PutAsJsonAsync(url, new { status = "Done", evidence = "Kế hoạch số 12/KH-UBND", owner = "Văn phòng", version = task.GetProperty("version").GetInt32() }));
        await Is(HttpStatusCode.Conflict, await leader.PutAsJsonAsync(url, new { status = "Done", evidence = "x", version = task.GetProperty("version").GetInt32() }));
        Assert.True((await ModelAsync(leader)).GetProperty("figures").GetProperty("planProgress").GetDecimal() > progress);

        // A condition not met needs its gap; the supervisor reads but cannot change the commune's rows.
        var item = m.GetProperty("readiness").EnumerateArray().First();
        var itemUrl = $"{CS}/readiness/{item.GetProperty("id").GetInt32()}";
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PutAsJsonAsync(itemUrl, new { rating = "NeedsMore", version = item.GetProperty("version").GetInt32() }));
        await Is(HttpStatusCode.OK, await leader.PutAsJsonAsync(itemUrl, new { rating = "NeedsMore", gap = "Thiếu ghế chờ", needs = "Mua 10 ghế", version = item.GetProperty("version").GetInt32() }));
        var sup = await app.LoginAsync("giamsat.dienbien");
        await Is(HttpStatusCode.NotFound, await sup.PutAsJsonAsync(itemUrl, new { rating = "Met", version = item.GetProperty("version").GetInt32() + 1 }));
        await Is(HttpStatusCode.NotFound, await sup.PutAsJsonAsync(CS, new { stage = "Assessed", version = 0 }));
        // The record: a launched stage needs its launch date; the commune already has a model.
        var version = (await ModelAsync(leader)).GetProperty("version").GetInt32();
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PutAsJsonAsync(CS, new { stage = "Operating", version }));
        await Is(HttpStatusCode.OK, await leader.PutAsJsonAsync(CS, new { stage = "Operating", launchedOn = "2024-06-17", decisionNumber = "112/QĐ-UBND", version }));
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync(CS, new { name = "Mô hình thứ hai", year = 2026 }));
    }
}

public sealed class ModelTestsSqlite(SqliteApp app) : ModelTests<SqliteApp>(app);
public sealed class ModelTestsPostgres(PostgresApp app) : ModelTests<PostgresApp>(app);
