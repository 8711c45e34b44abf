using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The model's second half through the API on both databases: training and propagation events, files, the supervising board's
/// inspections and recommendations with the commune's follow-up, good practices read and adopted across communes, and the map.
/// </summary>
public abstract class ModelSupervisionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string CS = "/api/v1/communes/03298/model";

    private static async Task Is(HttpStatusCode expected, HttpResponseMessage r) =>
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");

    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Fact]
    public async Task Staff_record_training_and_propagation_with_participants_and_other_communes_cannot()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        // A meeting with the people of a bản names the bản; a list longer than the count is a mistake.
        var noVillage = await officer.PostAsJsonAsync($"{CS}/events", new { kind = "Propagation", date = "2026-11-20", place = "Nhà văn hóa", content = "Tuyên truyền về mô hình", audience = "Villagers" });
        await Is(HttpStatusCode.UnprocessableEntity, noVillage);
        Assert.Contains("Village", (await Json(noVillage)).GetProperty("errors").EnumerateObject().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/events",
            new { kind = "Training", date = "2026-11-20", place = "Hội trường", content = "Tập huấn", audience = "Officials", participants = 1, participantList = "A\nB" }));

        var ok = await officer.PostAsJsonAsync($"{CS}/events", new
        {
            kind = "Propagation", date = "2026-11-20", place = "Nhà văn hóa bản Hới Ná", content = "Tuyên truyền về mô hình và đánh giá hài lòng", audience = "Villagers",
            village = "Hới Ná", participants = 85, materials = "Tờ rơi song ngữ Việt – Thái",
        });
        await Is(HttpStatusCode.Created, ok);
        var model = await officer.GetFromJsonAsync<JsonElement>(CS);
        var e = model.GetProperty("events").EnumerateArray().Single(x => x.GetProperty("village").GetString() == "Hới Ná");
        Assert.Equal(85, e.GetProperty("participants").GetInt32());

        // A list alone gives the count.
        var listed = await Json(await officer.PostAsJsonAsync($"{CS}/events", new
        {
            kind = "Training", date = "2026-11-21", place = "Hội trường UBND xã", content = "Tập huấn kỹ năng giao tiếp", audience = "Officials",
            participantList = "Lò Thị Hoa\n\n Quàng Văn Minh \nLường Văn Thắng",
        }));
        Assert.Equal(3, listed.GetProperty("participants").GetInt32());
        Assert.Equal("Quàng Văn Minh", listed.GetProperty("participantList")[1].GetString());

        // Another commune's leader neither writes nor reads Chiềng Sinh's model.
        var other = await app.LoginAsync("quangloc.lanhdao");
        await Is(HttpStatusCode.NotFound, await other.PostAsJsonAsync($"{CS}/events", new { kind = "Training", date = "2026-11-20", place = "x", content = "x", audience = "Officials" }));
        await Is(HttpStatusCode.NotFound, await other.GetAsync(CS));
    }

    [Fact]
    public async Task Files_are_cleaned_checked_and_shown_only_to_the_commune_and_its_supervisors()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        using var bmp = new SKBitmap(2400, 1200);
        using (var canvas = new SKCanvas(bmp)) canvas.Clear(SKColors.SkyBlue);
        var png = SKImage.FromBitmap(bmp).Encode(SKEncodedImageFormat.Png, 100).ToArray();
        var photo = await leader.PostAsJsonAsync($"{CS}/files", new { kind = "LaunchPhoto", fileName = "ra-mat.png", contentBase64 = Convert.ToBase64String(png) });
        await Is(HttpStatusCode.Created, photo);
        var photoDto = await Json(photo);
        Assert.Equal("image/jpeg", photoDto.GetProperty("contentType").GetString());
        Assert.Equal("ra-mat.jpg", photoDto.GetProperty("fileName").GetString());
        var url = photoDto.GetProperty("url").GetString()!;
        var served = await leader.GetByteArrayAsync(url);
        using (var decoded = SKBitmap.Decode(served)) Assert.Equal(1600, decoded.Width); // scaled down to the longest side

        var pdf = TestFiles.Pdf("Quyet dinh thanh lap Ban chi dao");
        var tasks = (await leader.GetFromJsonAsync<JsonElement>(CS)).GetProperty("tasks");
        var taskId = tasks[0].GetProperty("id").GetInt32();
        await Is(HttpStatusCode.Created, await leader.PostAsJsonAsync($"{CS}/files", new { kind = "TaskEvidence", ownerId = taskId, fileName = "quyet-dinh.pdf", contentBase64 = Convert.ToBase64String(pdf) }));
        // Evidence names its task; an executable is refused; nothing half-saved.
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync($"{CS}/files", new { kind = "TaskEvidence", fileName = "x.pdf", contentBase64 = Convert.ToBase64String(pdf) }));
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync($"{CS}/files", new { kind = "Decision", fileName = "virus.exe", contentBase64 = Convert.ToBase64String("MZ\x90\0"u8.ToArray()) }));
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync($"{CS}/files", new { kind = "LaunchPhoto", fileName = "a.pdf", contentBase64 = Convert.ToBase64String(pdf) }));
        var files = (await leader.GetFromJsonAsync<JsonElement>(CS)).GetProperty("files");
        Assert.Equal(2, files.GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await (await app.LoginAsync("giamsat.dienbien")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("quangloc.lanhdao")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("giamsat.thanhhoa")).GetAsync(url)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Anonymous().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_board_inspects_recommends_and_closes_only_what_the_commune_reported_and_the_roll_out_counts_it()
    {
        var sup = await app.LoginAsync("giamsat.dienbien");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync("/api/v1/communes/03298/inspections", new { subject = "Tự kiểm tra", plannedOn = Today.ToString("yyyy-MM-dd") }));
        await Is(HttpStatusCode.NotFound, await (await app.LoginAsync("giamsat.thanhhoa")).PostAsJsonAsync("/api/v1/communes/03298/inspections", new { subject = "x", plannedOn = Today.ToString("yyyy-MM-dd") }));
        await Is(HttpStatusCode.UnprocessableEntity, await sup.PostAsJsonAsync("/api/v1/communes/03298/inspections", new { subject = "" }));

        var planned = await sup.PostAsJsonAsync("/api/v1/communes/03298/inspections", new { subject = "Kiểm tra niêm yết thủ tục hành chính", plannedOn = Today.ToString("yyyy-MM-dd"), team = "Sở Nội vụ" });
        await Is(HttpStatusCode.Created, planned);
        var id = (await Json(planned)).GetProperty("id").GetInt32();
        // Another board that can read the commune (the former district's) cannot record, recommend for or close this one.
        var otherBoard = await app.LoginAsync("giamsat.tuangiao");
        await Is(HttpStatusCode.NotFound, await otherBoard.PutAsJsonAsync($"/api/v1/inspections/{id}", new { status = "Cancelled", cancelReason = "Không phải của tôi", version = 0 }));
        await Is(HttpStatusCode.NotFound, await otherBoard.PostAsJsonAsync($"/api/v1/inspections/{id}/recommendations", new { content = "x", deadline = Today.AddDays(5).ToString("yyyy-MM-dd") }));
        // The board's write is in the log under its member's account, not as an anonymous system write.
        await using (var log = app.OpenDb())
        {
            var supId = await log.Users.Where(u => u.UserName == "giamsat.dienbien").Select(u => u.Id).SingleAsync();
            Assert.Equal(supId, await log.AuditEntries.Where(a => a.Entity == nameof(Inspection) && a.EntityId == id.ToString()).Select(a => a.UserId).FirstAsync());
        }
        // No recommendation before the visit; no visit without findings.
        await Is(HttpStatusCode.UnprocessableEntity, await sup.PostAsJsonAsync($"/api/v1/inspections/{id}/recommendations", new { content = "x", deadline = Today.AddDays(5).ToString("yyyy-MM-dd") }));
        await Is(HttpStatusCode.UnprocessableEntity, await sup.PutAsJsonAsync($"/api/v1/inspections/{id}", new { status = "Done", doneOn = Today.ToString("yyyy-MM-dd"), version = 0 }));
        await Is(HttpStatusCode.OK, await sup.PutAsJsonAsync($"/api/v1/inspections/{id}", new { status = "Done", doneOn = Today.ToString("yyyy-MM-dd"), findings = "Bảng niêm yết thiếu 3 thủ tục mới.", version = 0 }));
        await Is(HttpStatusCode.UnprocessableEntity, await sup.PostAsJsonAsync($"/api/v1/inspections/{id}/recommendations", new { content = "Niêm yết bổ sung", deadline = Today.AddDays(-1).ToString("yyyy-MM-dd") }));
        var rec = await Json(await sup.PostAsJsonAsync($"/api/v1/inspections/{id}/recommendations", new { content = "Niêm yết bổ sung 3 thủ tục mới", deadline = Today.AddDays(7).ToString("yyyy-MM-dd") }));
        var recId = rec.GetProperty("id").GetInt32();

        async Task<JsonElement> RowAsync() => (await sup.GetFromJsonAsync<JsonElement>("/api/v1/model/rollout")).EnumerateArray().Single(r => r.GetProperty("code").GetString() == "03298");
        var before = (await RowAsync()).GetProperty("openRecommendations").GetInt32();

        // The commune sees it; the board cannot close what the commune has not reported; another commune cannot report on it.
        var seen = (await leader.GetFromJsonAsync<JsonElement>("/api/v1/communes/03298/inspections")).EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == id);
        Assert.Equal("Niêm yết bổ sung 3 thủ tục mới", seen.GetProperty("recommendations")[0].GetProperty("content").GetString());
        await Is(HttpStatusCode.UnprocessableEntity, await sup.PostAsJsonAsync($"/api/v1/recommendations/{recId}/review", new { accept = true, version = 0 }));
        await Is(HttpStatusCode.NotFound, await (await app.LoginAsync("quangloc.lanhdao")).PostAsJsonAsync($"/api/v1/recommendations/{recId}/report", new { report = "x", version = 0 }));
        await Is(HttpStatusCode.UnprocessableEntity, await (await app.LoginAsync("chiengsinh.tiepnhan")).PostAsJsonAsync($"/api/v1/recommendations/{recId}/report", new { report = "x", version = 0 }));
        var reported = await Json(await leader.PostAsJsonAsync($"/api/v1/recommendations/{recId}/report", new { report = "Đã niêm yết 2 thủ tục.", version = 0 }));
        Assert.Equal("Reported", reported.GetProperty("status").GetString());

        // Sent back with a note (a note is required), reported again, accepted.
        await Is(HttpStatusCode.UnprocessableEntity, await sup.PostAsJsonAsync($"/api/v1/recommendations/{recId}/review", new { accept = false, version = reported.GetProperty("version").GetInt32() }));
        var back = await Json(await sup.PostAsJsonAsync($"/api/v1/recommendations/{recId}/review", new { accept = false, note = "Còn thiếu 1 thủ tục.", version = reported.GetProperty("version").GetInt32() }));
        Assert.Equal("Open", back.GetProperty("status").GetString());
        var again = await Json(await leader.PostAsJsonAsync($"/api/v1/recommendations/{recId}/report", new { report = "Đã niêm yết đủ 3 thủ tục.", version = back.GetProperty("version").GetInt32() }));
        var closed = await Json(await sup.PostAsJsonAsync($"/api/v1/recommendations/{recId}/review", new { accept = true, version = again.GetProperty("version").GetInt32() }));
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(before - 1, (await RowAsync()).GetProperty("openRecommendations").GetInt32());

        // The demo's overdue recommendation (Hới Ná, Lồng) is counted as overdue; the last visit date is today's.
        var row = await RowAsync();
        Assert.True(row.GetProperty("overdueRecommendations").GetInt32() >= 1);
        Assert.Equal(Today.ToString("yyyy-MM-dd"), row.GetProperty("lastInspection").GetString());

        // A cancelled visit needs its reason; one with recommendations cannot be cancelled.
        await Is(HttpStatusCode.UnprocessableEntity, await sup.PutAsJsonAsync($"/api/v1/inspections/{id}", new { status = "Cancelled", cancelReason = "Trùng lịch", version = 1 }));
        await using var db = app.OpenDb();
        var audited = await db.AuditEntries.IgnoreQueryFilters().Where(a => a.Entity == nameof(InspectionRecommendation) && a.EntityId == recId.ToString()).CountAsync();
        Assert.True(audited >= 5, $"{audited} audit entries"); // created, reported, sent back, reported, closed
    }

    [Fact]
    public async Task Good_practices_are_drafted_published_by_the_leader_found_without_diacritics_and_adopted_once()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var practice = new { title = "Hòm thư góp ý điện tử ở nhà văn hóa bản", field = "Tiếp nhận phản ánh", description = "Đặt mã QR gửi phản ánh tại nhà văn hóa các bản.", results = "Phản ánh tăng gấp đôi, trả lời đúng hạn 100%.", publish = true };
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync("/api/v1/communes/03298/good-practices", practice));
        var draft = await Json(await officer.PostAsJsonAsync("/api/v1/communes/03298/good-practices", practice with { publish = false }));
        var id = draft.GetProperty("id").GetInt32();
        var anonymous = app.Anonymous();
        Assert.DoesNotContain(await anonymous.GetFromJsonAsync<JsonElement[]>("/api/v1/good-practices?q=hom thu") ?? [], p => p.GetProperty("id").GetInt32() == id);

        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        await Is(HttpStatusCode.OK, await leader.PutAsJsonAsync($"/api/v1/communes/03298/good-practices/{id}", new { practice.title, practice.field, practice.description, practice.results, publish = true, version = draft.GetProperty("version").GetInt32() }));
        var found = await anonymous.GetFromJsonAsync<JsonElement[]>("/api/v1/good-practices?q=hom thu gop y");
        Assert.Contains(found!, p => p.GetProperty("id").GetInt32() == id && p.GetProperty("commune").GetString() == "03298");
        var page = await anonymous.GetStringAsync("/cach-lam-hay?Q=hom+thu+gop+y");
        Assert.Contains("Hòm thư góp ý điện tử ở nhà văn hóa bản", page);
        Assert.DoesNotContain("tiếng Thái, tiếng Mông", page); // the search narrowed the list

        // Quang Lộc cannot read Chiềng Sinh's register, but adopts the published practice, once.
        var ql = await app.LoginAsync("quangloc.lanhdao");
        await Is(HttpStatusCode.NotFound, await ql.GetAsync("/api/v1/communes/03298/good-practices"));
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsync($"/api/v1/communes/03298/good-practices/adopt/{id}", null)); // its own
        await Is(HttpStatusCode.Created, await ql.PostAsync($"/api/v1/communes/16060/good-practices/adopt/{id}", null));
        await Is(HttpStatusCode.UnprocessableEntity, await ql.PostAsync($"/api/v1/communes/16060/good-practices/adopt/{id}", null));
        var own = await ql.GetFromJsonAsync<JsonElement[]>("/api/v1/communes/16060/good-practices");
        var copy = own!.Single(p => p.GetProperty("adoptedFromId").ValueKind == JsonValueKind.Number && p.GetProperty("adoptedFromId").GetInt32() == id);
        Assert.False(copy.GetProperty("published").GetBoolean());
        Assert.Equal("xã Chiềng Sinh", copy.GetProperty("adoptedFromUnit").GetString(), StringComparer.OrdinalIgnoreCase);
        var original = (await anonymous.GetFromJsonAsync<JsonElement[]>("/api/v1/good-practices"))!.Single(p => p.GetProperty("id").GetInt32() == id);
        Assert.Equal(1, original.GetProperty("adoptions").GetInt32());
        // A draft of another commune cannot be adopted.
        await Is(HttpStatusCode.NotFound, await leader.PostAsync($"/api/v1/communes/03298/good-practices/adopt/{copy.GetProperty("id").GetInt32()}", null));
    }

    [Fact]
    public async Task The_commune_office_position_places_it_on_the_roll_out_map_and_a_point_outside_Viet_Nam_is_refused()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var bad = await leader.PutAsJsonAsync("/api/v1/communes/03298/profile", new { latitude = 48.85, longitude = 2.35 });
        await Is(HttpStatusCode.UnprocessableEntity, bad);
        await Is(HttpStatusCode.OK, await leader.PutAsJsonAsync("/api/v1/communes/03298/profile", new { address = "Bản Chiềng Sinh", latitude = 21.6001, longitude = 103.4102 }));
        var row = (await (await app.LoginAsync("giamsat.dienbien")).GetFromJsonAsync<JsonElement>("/api/v1/model/rollout")).EnumerateArray()
            .Single(r => r.GetProperty("code").GetString() == "03298");
        Assert.Equal(21.6001, row.GetProperty("latitude").GetDouble());
        Assert.Equal(103.4102, row.GetProperty("longitude").GetDouble());
    }
}

public sealed class ModelSupervisionTestsSqlite(SqliteApp app) : ModelSupervisionTests<SqliteApp>(app);
public sealed class ModelSupervisionTestsPostgres(PostgresApp app) : ModelSupervisionTests<PostgresApp>(app);
