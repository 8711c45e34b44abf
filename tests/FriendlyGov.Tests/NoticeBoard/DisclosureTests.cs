using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;

namespace FriendlyGov.Tests.Integration;

/// <summary>The electronic notice board through the API on both databases: periods, posting, take-down, correction, files, isolation.</summary>
public abstract class DisclosureTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string CS = "/api/v1/communes/03298/disclosures";

    private static async Task Is(HttpStatusCode expected, HttpResponseMessage r) =>
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");

    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private static object Plan(string title, int? days = null) => new
    {
        category = "LandRecovery", title, documentNumber = "51/PA-UBND", documentDate = "2026-11-20", postingDays = days,
        summary = "Phương án bồi thường, hỗ trợ cho các hộ bị ảnh hưởng khi làm đường nội đồng bản Củ.",
    };

    private async Task<JsonElement[]> BoardAsync(HttpClient c, string query = "") => (await c.GetFromJsonAsync<JsonElement[]>($"{CS}{query}"))!;

    [Fact]
    public async Task A_compensation_plan_is_drafted_posted_for_at_least_30_days_found_without_diacritics_and_then_frozen()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var anonymous = app.Anonymous();
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync(CS, Plan("Phương án bồi thường đường nội đồng bản Củ", days: 20)));
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync(CS, new { category = "LandRecovery", title = "", summary = "" }));
        var created = await Json(await officer.PostAsJsonAsync(CS, Plan("Phương án bồi thường đường nội đồng bản Củ")));
        var id = created.GetProperty("id").GetInt32();

        // A draft is nobody's business outside the commune.
        await Is(HttpStatusCode.NotFound, await anonymous.GetAsync($"/api/v1/disclosures/{id}"));
        Assert.DoesNotContain(await BoardAsync(anonymous, "?history=true"), d => d.GetProperty("id").GetInt32() == id);
        Assert.Contains((await officer.GetFromJsonAsync<JsonElement[]>($"{CS}/drafts"))!, d => d.GetProperty("id").GetInt32() == id);

        // Only the leader posts.
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/{id}/post", new { version = 0 }));
        var posted = await Json(await leader.PostAsJsonAsync($"{CS}/{id}/post", new { version = 0 }));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        Assert.Equal(today.ToString("yyyy-MM-dd"), posted.GetProperty("postedOn").GetString());
        var onBoard = (await BoardAsync(anonymous, "?q=boi thuong ban cu")).Single(d => d.GetProperty("id").GetInt32() == id);
        Assert.Equal("Posted", onBoard.GetProperty("state").GetString());
        Assert.Equal(today.AddDays(30).ToString("yyyy-MM-dd"), onBoard.GetProperty("fulfilledOn").GetString());
        Assert.Empty(await BoardAsync(anonymous, "?q=khong co gi nhu the nay"));

        // What was posted does not change: no edit, no new attachment, no archiving before the period ends.
        var version = posted.GetProperty("version").GetInt32();
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PutAsJsonAsync($"{CS}/{id}", new { category = "LandRecovery", title = "Sửa lén", summary = "Sửa lén sau khi niêm yết", version }));
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/{id}/files", new { fileName = "a.pdf", contentBase64 = Convert.ToBase64String("%PDF-1.4 x"u8.ToArray()) }));
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync($"{CS}/{id}/archive", new { version }));
        var detail = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/disclosures/{id}");
        Assert.Equal("Phương án bồi thường đường nội đồng bản Củ", detail.GetProperty("disclosure").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_correction_supersedes_the_posted_version_which_stays_visible_and_an_early_take_down_needs_a_reason()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var anonymous = app.Anonymous();
        var id = (await Json(await leader.PostAsJsonAsync(CS, Plan("Phương án bồi thường kênh mương bản Lồng")))).GetProperty("id").GetInt32();
        var pdf = TestFiles.Pdf("Phuong an boi thuong");
        await Is(HttpStatusCode.Created, await leader.PostAsJsonAsync($"{CS}/{id}/files", new { fileName = "phuong-an.pdf", contentBase64 = Convert.ToBase64String(pdf) }));
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync($"{CS}/{id}/files", new { fileName = "x.exe", contentBase64 = Convert.ToBase64String("MZ"u8.ToArray()) }));
        var v = (await Json(await leader.PostAsJsonAsync($"{CS}/{id}/post", new { version = 0 }))).GetProperty("version").GetInt32();

        var correction = await Json(await leader.PostAsync($"{CS}/{id}/correct", null));
        var newId = correction.GetProperty("id").GetInt32();
        Assert.Equal(2, correction.GetProperty("number").GetInt32());
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsync($"{CS}/{id}/correct", null)); // one correction at a time
        // Until the correction is posted the first version is the one on the board.
        Assert.Equal("Posted", (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/disclosures/{id}")).GetProperty("disclosure").GetProperty("state").GetString());
        await Is(HttpStatusCode.OK, await leader.PutAsJsonAsync($"{CS}/{newId}", new
        {
            category = "LandRecovery", title = "Phương án bồi thường kênh mương bản Lồng (đính chính diện tích)", summary = "Sửa diện tích đất của hộ ông Lò Văn A từ 120 m² thành 102 m².",
            version = correction.GetProperty("version").GetInt32(),
        }));
        await Is(HttpStatusCode.OK, await leader.PostAsJsonAsync($"{CS}/{newId}/post", new { version = 1 }));

        var old = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/disclosures/{id}");
        Assert.Equal("Superseded", old.GetProperty("disclosure").GetProperty("state").GetString());
        Assert.Equal(newId, old.GetProperty("disclosure").GetProperty("supersededById").GetInt32());
        var current = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/disclosures/{newId}");
        Assert.Equal("phuong-an.pdf", current.GetProperty("files")[0].GetProperty("fileName").GetString()); // the attachments came along
        Assert.Contains(current.GetProperty("history").EnumerateArray(), h => h.GetProperty("id").GetInt32() == id);
        var board = await BoardAsync(anonymous);
        Assert.Contains(board, d => d.GetProperty("id").GetInt32() == newId);
        Assert.DoesNotContain(board, d => d.GetProperty("id").GetInt32() == id);
        Assert.Contains(await BoardAsync(anonymous, "?history=true"), d => d.GetProperty("id").GetInt32() == id);

        // Its file is handed out while posted: a PDF is downloaded, never rendered by the browser.
        var fileUrl = $"/cong-khai/tep/{current.GetProperty("files")[0].GetProperty("id").GetInt64()}";
        var served = await anonymous.GetAsync(fileUrl);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition?.DispositionType);

        // Taken down early: a reason, and it stays in the history with it.
        var nv = current.GetProperty("disclosure").GetProperty("version").GetInt32();
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync($"{CS}/{newId}/take-down", new { version = nv }));
        await Is(HttpStatusCode.OK, await leader.PostAsJsonAsync($"{CS}/{newId}/take-down", new { version = nv, reason = "Dự án tạm dừng theo Quyết định của UBND tỉnh" }));
        var gone = (await BoardAsync(anonymous, "?history=true")).Single(d => d.GetProperty("id").GetInt32() == newId);
        Assert.Equal("TakenDown", gone.GetProperty("state").GetString());
        Assert.Equal("Dự án tạm dừng theo Quyết định của UBND tỉnh", gone.GetProperty("takeDownReason").GetString());
        Assert.DoesNotContain(await BoardAsync(anonymous), d => d.GetProperty("id").GetInt32() == newId);
        // What it published is no longer handed out to the public (its staff still have it).
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(fileUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(fileUrl)).StatusCode);
    }

    [Fact]
    public async Task A_budget_table_comes_from_Excel_and_a_fulfilled_disclosure_is_archived()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var id = (await Json(await leader.PostAsJsonAsync(CS, new { category = "Budget", title = "Thực hiện ngân sách quý III năm 2026", summary = "Tình hình thực hiện thu, chi ngân sách quý III." }))).GetProperty("id").GetInt32();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(new[] { new Dictionary<string, object> { ["Nội dung"] = "Thu ngân sách", ["Số tiền (triệu đồng)"] = 1234.5 }, new Dictionary<string, object> { ["Nội dung"] = "Chi ngân sách", ["Số tiền (triệu đồng)"] = 1100 } });
        var xlsx = stream.ToArray();
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync($"{CS}/{id}/files", new { fileName = "a.pdf", contentBase64 = Convert.ToBase64String("%PDF-1.4"u8.ToArray()), asTable = true }));
        await Is(HttpStatusCode.Created, await leader.PostAsJsonAsync($"{CS}/{id}/files", new { fileName = "quy-3.xlsx", contentBase64 = Convert.ToBase64String(xlsx), asTable = true }));
        await Is(HttpStatusCode.OK, await leader.PostAsJsonAsync($"{CS}/{id}/post", new { version = 1 }));
        var d = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/disclosures/{id}");
        var table = d.GetProperty("table");
        Assert.Equal("Số tiền (triệu đồng)", table[0][1].GetString());
        Assert.Equal("1.234,5", table[1][1].GetString()); // shown the Vietnamese way
        var page = await app.Anonymous().GetStringAsync($"/xa/03298/cong-khai/{id}");
        Assert.Contains("id=\"chart\"", page);
        Assert.Contains("1.234,5", page);

        // The demo's socio-economic plan was posted 60 days ago: fulfilled, so it can be archived (and stays in the history).
        var plan = (await BoardAsync(app.Anonymous())).Single(x => x.GetProperty("title").GetString()!.StartsWith("Kế hoạch phát triển kinh tế"));
        Assert.Equal("PeriodFulfilled", plan.GetProperty("state").GetString());
        await Is(HttpStatusCode.UnprocessableEntity, await (await app.LoginAsync("chiengsinh.tiepnhan")).PostAsJsonAsync($"{CS}/{plan.GetProperty("id").GetInt32()}/archive", new { version = plan.GetProperty("version").GetInt32() }));
        await Is(HttpStatusCode.OK, await leader.PostAsJsonAsync($"{CS}/{plan.GetProperty("id").GetInt32()}/archive", new { version = plan.GetProperty("version").GetInt32() }));
        Assert.Equal("Archived", (await BoardAsync(app.Anonymous(), "?history=true")).Single(x => x.GetProperty("id").GetInt32() == plan.GetProperty("id").GetInt32()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_accountants_hand_made_workbook_becomes_the_table_and_a_faulty_one_is_refused_naming_the_cell()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var id = (await Json(await leader.PostAsJsonAsync(CS, new { category = "Budget", title = "Dự toán ngân sách xã năm 2026", summary = "Dự toán thu, chi ngân sách xã năm 2026." }))).GetProperty("id").GetInt32();
        var faulty = await leader.PostAsJsonAsync($"{CS}/{id}/files", new
        {
            fileName = "du-toan-loi.xlsx", asTable = true,
            contentBase64 = Convert.ToBase64String(FriendlyGov.Tests.Domain.DisclosureTableTests.Budget([3, "Chi đầu tư", "0", 0, 0, 0, "=E7/C7|#DIV/0!"])),
        });
        await Is(HttpStatusCode.UnprocessableEntity, faulty);
        Assert.Contains("ô G7", await faulty.Content.ReadAsStringAsync());

        await Is(HttpStatusCode.Created, await leader.PostAsJsonAsync($"{CS}/{id}/files", new
        {
            fileName = "du-toan-2026.xlsx", asTable = true, contentBase64 = Convert.ToBase64String(FriendlyGov.Tests.Domain.DisclosureTableTests.Budget()),
        }));
        await Is(HttpStatusCode.OK, await leader.PostAsJsonAsync($"{CS}/{id}/post", new { version = 1 }));
        var page = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync($"/xa/03298/cong-khai/{id}"));
        Assert.Contains("Dự toán – Thu", page);
        Assert.Contains("1.250.000.000", page);
        Assert.DoesNotContain("Nhập số liệu ở trang", page); // the instructions sheet is not the table
        Assert.DoesNotContain("Chi đầu tư", page); // nothing of the refused file was kept
        Assert.Single((await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/disclosures/{id}")).GetProperty("files").EnumerateArray());
    }

    [Fact]
    public async Task Another_commune_cannot_write_to_the_board_nor_read_drafts_or_their_files()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var id = (await Json(await officer.PostAsJsonAsync(CS, Plan("Dự thảo chưa công bố")))).GetProperty("id").GetInt32();
        var file = await Json(await officer.PostAsJsonAsync($"{CS}/{id}/files", new { fileName = "du-thao.pdf", contentBase64 = Convert.ToBase64String(TestFiles.Pdf("Du thao bi mat")) }));
        var url = $"/cong-khai/tep/{file.GetProperty("id").GetInt64()}";
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync(url)).StatusCode);
        var other = await app.LoginAsync("quangloc.lanhdao");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        await Is(HttpStatusCode.NotFound, await other.PostAsJsonAsync(CS, Plan("Giả mạo")));
        await Is(HttpStatusCode.NotFound, await other.PostAsJsonAsync($"{CS}/{id}/post", new { version = 0 }));
        await Is(HttpStatusCode.NotFound, await other.GetAsync($"{CS}/drafts"));
        Assert.DoesNotContain("Dự thảo chưa công bố", await other.GetStringAsync($"/can-bo/cong-khai?id={id}"));
    }
}

public sealed class DisclosureTestsSqlite(SqliteApp app) : DisclosureTests<SqliteApp>(app);
public sealed class DisclosureTestsPostgres(PostgresApp app) : DisclosureTests<PostgresApp>(app);
