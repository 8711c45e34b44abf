using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Procedures;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace FriendlyGov.Tests.Integration;

public abstract class CatalogTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task A_pilot_commune_posts_at_least_fifteen_procedures_searchable_without_diacritics()
    {
        var all = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/communes/03298/procedures");
        Assert.True(all.GetArrayLength() >= 15);
        var birth = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/communes/03298/procedures?q=khai%20sinh");
        Assert.Equal(["Đăng ký khai sinh", "Đăng ký lại khai sinh"], birth.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        var certify = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/communes/03298/procedures?q=chung%20thuc");
        Assert.Equal(3, certify.GetArrayLength());
        Assert.All(certify.EnumerateArray(), p => Assert.Equal("Chứng thực", p.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task A_procedure_shows_everything_the_law_asks_to_post()
    {
        var p = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/communes/03298/procedures/1.001193");
        Assert.Equal("Đăng ký khai sinh", p.GetProperty("name").GetString());
        Assert.True(p.GetProperty("sameDay").GetBoolean());
        Assert.Equal("Full", p.GetProperty("onlineLevel").GetString());
        Assert.Contains("Giấy chứng sinh", p.GetProperty("documents").GetRawText());
        Assert.True(p.GetProperty("workflow").GetArrayLength() >= 2);
        var html = await app.Anonymous().GetStringAsync("/xa/03298/thu-tuc/1.001193");
        Assert.Contains("Thành phần hồ sơ", html);
        Assert.Contains("Giấy chứng sinh", html);
        Assert.Contains("Luật Hộ tịch số 60/2014/QH13", html);
        var missing = await app.Anonymous().GetAsync("/api/v1/communes/03298/procedures/9.999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/xa/03298/thu-tuc/9.999999")).StatusCode);
    }

    [Fact]
    public async Task The_posting_sheet_carries_a_qr_code_to_the_procedure_page()
    {
        var html = await app.Anonymous().GetStringAsync("/xa/16060/thu-tuc/2.000815/niem-yet");
        Assert.Contains("NIÊM YẾT THỦ TỤC HÀNH CHÍNH", html);
        Assert.Contains("<svg", html);
        Assert.Contains("/xa/16060/thu-tuc/2.000815", html);
        Assert.Contains("2.000 đồng/trang", html);
    }

    [Fact]
    public async Task Staff_export_the_catalog_and_the_leader_imports_changes_all_or_nothing()
    {
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var export = await leader.GetAsync("/can-bo/thu-tuc?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        var rows = (await new MemoryStream(await export.Content.ReadAsByteArrayAsync()).QueryAsync<CatalogRow>()).ToList();
        Assert.True(rows.Count >= 15);
        Assert.Contains(rows, r => r.Code == "1.001193" && r.Documents!.Contains("Giấy chứng sinh | 1 | 0"));

        // A bad row anywhere: nothing is saved, and the message names the row.
        rows.Single(r => r.Code == "1.000656").Name = "Đăng ký khai tử (đã sửa)";
        rows.Add(new CatalogRow { Code = "9.000001", Name = "Thủ tục mới của xã", Field = "Nội vụ", TimeLimit = "0.3" });
        var bad = await Upload(leader, rows);
        Assert.Contains($"Dòng {rows.Count + 1}: thời hạn phải là số ngày làm việc", bad);
        Assert.Equal("Đăng ký khai tử", (await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/communes/16060/procedures/1.000656")).GetProperty("name").GetString());

        rows[^1].TimeLimit = "2";
        await Upload(leader, rows);
        Assert.Equal("Đăng ký khai tử (đã sửa)", (await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/communes/16060/procedures/1.000656")).GetProperty("name").GetString());
        var added = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/communes/16060/procedures/9.000001");
        Assert.Equal(2, added.GetProperty("timeLimitDays").GetDecimal());
        // Chiềng Sinh's catalog is untouched.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/communes/03298/procedures/9.000001")).StatusCode);

        var notExcel = await leader.PostAsync("/can-bo/thu-tuc?handler=Import", await Multipart(leader, new ByteArrayContent("xin chào"u8.ToArray()), "a.xlsx"));
        Assert.Contains("Không đọc được tệp", await notExcel.Content.ReadAsStringAsync());
        var officer = await app.LoginAsync("quangloc.tiepnhan");
        var refused = await officer.PostAsync("/can-bo/thu-tuc?handler=Import", await Multipart(officer, new ByteArrayContent([1]), "a.xlsx"));
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_province_supervisor_maintains_the_template_that_communes_copy()
    {
        var supervisor = await app.LoginAsync("giamsat.thanhhoa");
        var export = await supervisor.GetAsync("/can-bo/thu-tuc?handler=Export");
        var rows = (await new MemoryStream(await export.Content.ReadAsByteArrayAsync()).QueryAsync<CatalogRow>()).ToList();
        Assert.Equal(DemoProcedures.All().Count, rows.Count);
        rows.Add(new CatalogRow { Code = "9.100001", Name = "Thủ tục mẫu mới của tỉnh", Field = "Nội vụ", TimeLimit = "5" });
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows);
        var token = AppFixture.Token(await supervisor.GetStringAsync("/can-bo/thu-tuc"));
        var file = new ByteArrayContent(stream.ToArray());
        var imported = await supervisor.PostAsync("/can-bo/thu-tuc?handler=Import", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { file, "file", "mau-tinh.xlsx" },
        });
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        // Quang Lộc's leader copies what the province added; nothing of the commune's own catalog was touched by the supervisor.
        var leader = await app.LoginAsync("quangloc.lanhdao");
        await leader.PostAsync("/can-bo/thu-tuc?handler=Copy", await AppFixture.FormAsync(leader, "/can-bo/thu-tuc", []));
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/api/v1/communes/16060/procedures/9.100001")).StatusCode);
        // A supervisor of a former district has no template to edit.
        var district = await app.LoginAsync("giamsat.tuangiao");
        Assert.DoesNotContain("Nhập từ Excel", await district.GetStringAsync("/can-bo/thu-tuc"));
    }

    [Fact]
    public async Task A_new_commune_copies_the_provinces_template()
    {
        var admin = await app.LoginAsync("quantri");
        var code = "T" + Random.Shared.Next(1_000_000, 9_999_999);
        await admin.PostAsJsonAsync("/api/v1/units", new { code, name = "Xã Mới", type = "Commune", parentCode = "38", effectiveFrom = "2025-07-01" });
        await admin.PostAsync("/can-bo/nhan-su?handler=Create", await AppFixture.FormAsync(admin, "/can-bo/nhan-su", new()
        {
            ["Input.FullName"] = "Lãnh đạo Xã Mới", ["Input.UserName"] = "ld" + code, ["Input.Role"] = Roles.CommuneLeader,
            ["Input.UnitCode"] = code, ["Input.Password"] = "Lanh.Dao2025!",
        }));
        Assert.Equal(0, (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/communes/{code}/procedures")).GetArrayLength());
        var leader = await app.LoginAsync("ld" + code, "Lanh.Dao2025!");
        await using var db = app.OpenDb();
        // The template as it is now (another test may have added to it).
        var templateSize = await db.Procedures.CountAsync(p => p.UnitId == db.Units.Single(u => u.Code == "38").Id);
        await leader.PostAsync("/can-bo/thu-tuc?handler=Copy", await AppFixture.FormAsync(leader, "/can-bo/thu-tuc", []));
        Assert.Equal(templateSize, (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/communes/{code}/procedures")).GetArrayLength());
        Assert.True(await db.AuditEntries.CountAsync(a => a.Entity == nameof(Procedure) && a.UserName == "ld" + code) >= 15);
    }

    [Fact]
    public async Task The_leader_attaches_a_blank_form_that_anyone_can_download()
    {
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var docx = TestFiles.Docx();
        async Task<HttpResponseMessage> Attach(HttpClient client, byte[] bytes, string file)
        {
            var token = AppFixture.Token(await client.GetStringAsync("/can-bo/thu-tuc"));
            var content = new ByteArrayContent(bytes);
            return await client.PostAsync("/can-bo/thu-tuc?handler=Form", new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("1.001193"), "procedureCode" },
                { new StringContent("Tờ khai đăng ký khai sinh"), "formName" }, { content, "formFile", file },
            });
        }
        var exe = await Attach(leader, "MZ fake"u8.ToArray(), "to-khai.docx");
        Assert.Contains("Mẫu phải là tệp PDF hoặc Word (.docx) đọc được", await exe.Content.ReadAsStringAsync());
        // A ZIP that only claims to be a Word document, and a PDF header before something else, are refused too.
        Assert.Contains("Mẫu phải là tệp PDF hoặc Word", await (await Attach(leader, [0x50, 0x4B, 0x03, 0x04, .. "word/document.xml"u8.ToArray()], "gia.docx")).Content.ReadAsStringAsync());
        Assert.Contains("Mẫu phải là tệp PDF hoặc Word", await (await Attach(leader, "%PDF-1.7\n<script>alert(1)</script>"u8.ToArray(), "gia.pdf")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await Attach(leader, docx, "to-khai-khai-sinh.docx")).StatusCode);
        var officer = await app.LoginAsync("quangloc.tiepnhan");
        var refused = await Attach(officer, docx, "x.docx");
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect && refused.Headers.Location?.ToString().Contains("khong-co-quyen") != false);

        var page = await app.Anonymous().GetStringAsync("/xa/16060/thu-tuc/1.001193");
        var link = System.Text.RegularExpressions.Regex.Match(page, @"href=""/xa/16060/thu-tuc/1\.001193\?handler=Form&amp;id=(\d+)""").Groups[1].Value;
        Assert.NotEmpty(link);
        var download = await app.Anonymous().GetAsync($"/xa/16060/thu-tuc/1.001193?handler=Form&id={link}");
        Assert.Equal(docx, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType?.MediaType);
        // The same form is not reachable through another commune's page.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/xa/03298/thu-tuc/1.001193?handler=Form&id={link}")).StatusCode);
        // The online submission page offers the same form where the citizen attaches the papers, and names a document "on
        // the form" once, not twice when its name already says so.
        var online = await app.Anonymous().GetStringAsync("/xa/16060/thu-tuc/1.001193/nop-truc-tuyen");
        Assert.Contains($"href=\"/xa/16060/thu-tuc/1.001193?handler=Form&amp;id={link}\">Tờ khai đăng ký khai sinh</a>", online);
        Assert.Contains("Tờ khai đăng ký khai sinh (theo mẫu)", online);
        Assert.DoesNotContain("(theo mẫu) (theo mẫu)", online);
        Assert.DoesNotContain("handler=Form", await app.Anonymous().GetStringAsync("/xa/03298/thu-tuc/1.001193/nop-truc-tuyen"));
    }

    private static async Task<string> Upload(HttpClient client, List<CatalogRow> rows)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows);
        var response = await client.PostAsync("/can-bo/thu-tuc?handler=Import", await Multipart(client, new ByteArrayContent(stream.ToArray()), "thu-tuc.xlsx"));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<MultipartFormDataContent> Multipart(HttpClient client, ByteArrayContent file, string name)
    {
        var token = AppFixture.Token(await client.GetStringAsync("/can-bo/thu-tuc"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "file", name } };
    }
}

public sealed class CatalogTestsSqlite(SqliteApp app) : CatalogTests<SqliteApp>(app);
public sealed class CatalogTestsPostgres(PostgresApp app) : CatalogTests<PostgresApp>(app);
