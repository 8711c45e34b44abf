using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace FriendlyGov.Tests.Integration;

public abstract class ProcessingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static async Task<JsonElement> Act(HttpClient client, string code, string action, HttpStatusCode expected, string? note = null, string? receivedBy = null)
    {
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var r = await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action, note, receivedBy, version });
        Assert.True(expected == r.StatusCode, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_dossier_goes_from_the_counter_to_the_specialist_the_leader_and_back_to_the_citizen()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var (code, key) = await TestDossiers.ReceiveAsync(officer);

        await Act(officer, code, "StartProcessing", HttpStatusCode.OK);
        Assert.Contains("Trình lãnh đạo phê duyệt</button>", await specialist.GetStringAsync($"/can-bo/ho-so/{code}"));
        await Act(specialist, code, "HandOver", HttpStatusCode.OK, note: "Đủ điều kiện, trình ký");
        // With the leader now: nobody sees "Trình lãnh đạo phê duyệt" again, and the API refuses a second hand-over.
        foreach (var who in new[] { specialist, leader })
            Assert.DoesNotContain("Trình lãnh đạo phê duyệt</button>", await who.GetStringAsync($"/can-bo/ho-so/{code}"));
        Assert.Contains("đang chờ lãnh đạo quyết định", (await Act(leader, code, "HandOver", HttpStatusCode.UnprocessableEntity)).GetRawText());
        await Act(leader, code, "Complete", HttpStatusCode.OK);
        await Act(officer, code, "Return", HttpStatusCode.UnprocessableEntity); // who took it is required
        var returned = await Act(officer, code, "Return", HttpStatusCode.OK, receivedBy: "Lường Thị Én");
        Assert.Equal("Returned", returned.GetProperty("status").GetString());

        var steps = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}/steps");
        Assert.Equal(["Accept", "StartProcessing", "HandOver", "Complete", "Return"], steps.EnumerateArray().Select(s => s.GetProperty("action").GetString()));
        // Every hand-over has its verdict on the control slip; these happened well within their budgets.
        Assert.All(steps.EnumerateArray().Where(s => s.GetProperty("to").ValueKind != JsonValueKind.Null),
            s => Assert.Contains(s.GetProperty("verdict").GetString(), new[] { "Early", "OnTime" }));
        var detail = await officer.GetStringAsync($"/can-bo/ho-so/{code}");
        Assert.Contains("Đúng hạn", detail);
        Assert.Contains("Người nhận kết quả: Lường Thị Én", detail);
        var slip = await officer.GetStringAsync($"/can-bo/ho-so/{code}/kiem-soat");
        Assert.Contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", slip);
        Assert.Contains("Trình lãnh đạo phê duyệt", slip);
        var timeline = await app.Anonymous().GetStringAsync($"/tra-cuu/{key}");
        Assert.Contains("Đã trả kết quả", timeline);
        Assert.Contains("Đang xử lý", timeline);
    }

    [Fact]
    public async Task Each_action_belongs_to_its_role_and_its_moment()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var (code, _) = await TestDossiers.ReceiveAsync(officer);
        var wrongRole = await Act(specialist, code, "Complete", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Vai trò của bạn", wrongRole.GetRawText());
        var wrongMoment = await Act(officer, code, "Return", HttpStatusCode.UnprocessableEntity, receivedBy: "A");
        Assert.Contains("Không thực hiện được khi hồ sơ đang ở trạng thái", wrongMoment.GetRawText());
    }

    [Fact]
    public async Task Two_officers_acting_at_once_one_succeeds_and_the_other_gets_a_conflict()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var (code, _) = await TestDossiers.ReceiveAsync(officer);
        var version = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var first = await officer.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action = "StartProcessing", version });
        var second = await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action = "StartProcessing", version });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("người khác thay đổi", await second.Content.ReadAsStringAsync());
        var steps = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}/steps");
        Assert.Equal(1, steps.EnumerateArray().Count(s => s.GetProperty("action").GetString() == "StartProcessing"));
    }

    [Fact]
    public async Task A_second_request_to_supplement_counts_the_dossier_late()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var (code, key) = await TestDossiers.ReceiveAsync(officer);
        await Act(officer, code, "StartProcessing", HttpStatusCode.OK);
        await Act(specialist, code, "RequestSupplement", HttpStatusCode.UnprocessableEntity); // say what is missing
        await Act(specialist, code, "RequestSupplement", HttpStatusCode.OK, note: "Bổ sung bản sao sổ hộ khẩu");
        Assert.Contains("Bổ sung bản sao sổ hộ khẩu", await app.Anonymous().GetStringAsync($"/tra-cuu/{key}"));
        await Act(officer, code, "Supplement", HttpStatusCode.OK);
        await Act(specialist, code, "RequestSupplement", HttpStatusCode.OK, note: "Thiếu chữ ký");
        await Act(officer, code, "Supplement", HttpStatusCode.OK);
        await Act(specialist, code, "HandOver", HttpStatusCode.OK);
        await Act(leader, code, "Complete", HttpStatusCode.OK);
        Assert.Contains("Trễ hạn", await officer.GetStringAsync($"/can-bo/ho-so/{code}"));
    }

    [Fact]
    public async Task A_late_dossier_is_flagged_until_its_apology_is_approved_and_the_citizen_sees_it()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var (code, key) = await TestDossiers.ReceiveAsync(officer);
        await Act(officer, code, "StartProcessing", HttpStatusCode.OK);
        // Arrange: the appointment has already passed.
        await using (var db = app.OpenDb())
        {
            var d = await db.Dossiers.SingleAsync(x => x.Code == code);
            db.Entry(d).Property(x => x.AppointedAt).CurrentValue = DateTime.UtcNow.AddDays(-1); // time has passed: set as the clock would
            await db.SaveChangesAsync();
        }
        var late = await leader.GetStringAsync("/can-bo/ho-so?loc=tre-han");
        Assert.Contains(code, late);
        Assert.Contains("chưa có văn bản xin lỗi", late);

        var version = (await specialist.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var tooEarly = await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology", new { reason = "Chờ xác minh", newDate = DateTime.UtcNow.AddDays(-3), version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooEarly.StatusCode);
        var newDate = VietnamTime.FromUtc(DateTime.UtcNow.AddDays(3));
        var drafted = await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology", new { reason = "Phải xác minh thông tin tại xã khác", newDate, version });
        Assert.Equal(HttpStatusCode.OK, drafted.StatusCode);
        Assert.DoesNotContain("xác minh thông tin tại xã khác", await app.Anonymous().GetStringAsync($"/tra-cuu/{key}")); // not approved yet

        version = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology/approve", new { version })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology/approve", new { version })).StatusCode);
        var timeline = await app.Anonymous().GetStringAsync($"/tra-cuu/{key}");
        Assert.Contains("xin lỗi", timeline);
        Assert.Contains("Phải xác minh thông tin tại xã khác", timeline);
        Assert.Contains($"ngày {newDate:dd} tháng {newDate:MM} năm {newDate:yyyy}", timeline);
        Assert.DoesNotContain(code + " ⚠", await leader.GetStringAsync("/can-bo/ho-so?loc=tre-han"));
        Assert.Contains("VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", await officer.GetStringAsync($"/can-bo/ho-so/{code}/xin-loi"));
    }
}

public abstract partial class ProcessingBookTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task The_tracking_book_lists_filters_and_exports_the_communes_dossiers_and_a_stopped_one_gets_its_notice()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var created = await (await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", new
        {
            procedureCode = "2.001035", applicantName = "Tòng Văn Sổ", citizenId = "011088001122", phone = "0966000111", address = "Bản Củ", received = new[] { 0, 1, 2 },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var code = created.GetProperty("code").GetString()!;
        var book = await officer.GetStringAsync("/can-bo/so-theo-doi?q=tong%20van%20so");
        Assert.Contains(code, book);
        Assert.Contains("Chứng thực", book); // the field column
        Assert.DoesNotContain(code, await officer.GetStringAsync("/can-bo/so-theo-doi?trang-thai=Returned"));
        var export = await officer.GetAsync("/can-bo/so-theo-doi?handler=Export&q=tong%20van%20so");
        var rows = (await new MemoryStream(await export.Content.ReadAsByteArrayAsync()).QueryAsync<FriendlyGov.Web.Features.Dossiers.BookModel.Row>()).ToList();
        Assert.Equal(code, Assert.Single(rows).Code);

        // The leader stops it with a reason: Mẫu 05 says why.
        var version = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action = "StartProcessing", version })).EnsureSuccessStatusCode();
        version++;
        // It went to a specialist: the leader takes it over before deciding.
        (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/assignee", new { version })).EnsureSuccessStatusCode();
        version++;
        (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action = "Stop", note = "Tài sản đang có tranh chấp", version })).EnsureSuccessStatusCode();
        var notice = await officer.GetStringAsync($"/can-bo/ho-so/{code}/dung");
        Assert.Contains("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", notice);
        Assert.Contains("Tài sản đang có tranh chấp", notice);
    }
}

public sealed class ProcessingBookTestsSqlite(SqliteApp app) : ProcessingBookTests<SqliteApp>(app);
public sealed class ProcessingBookTestsPostgres(PostgresApp app) : ProcessingBookTests<PostgresApp>(app);

public sealed class ProcessingTestsSqlite(SqliteApp app) : ProcessingTests<SqliteApp>(app);
public sealed class ProcessingTestsPostgres(PostgresApp app) : ProcessingTests<PostgresApp>(app);
