using FriendlyGov.Core.Data;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

public abstract class IntakeTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static object Applicant(string decision = "Accept", string procedure = "1.001193", string id = "011095001234") => new
    {
        procedureCode = procedure, applicantName = "Lò Văn Pọm", citizenId = id, phone = "0912345678",
        address = "Bản Hới Nọ, xã Chiềng Sinh", decision, received = new[] { 0, 1, 2, 3 }, missingDocuments = (string?)null, refusalReason = (string?)null,
    };

    [Fact]
    public async Task The_counter_accepts_a_dossier_with_a_code_an_appointment_and_a_private_tracking_link()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var response = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant(procedure: "1.004873")); // 3 working days
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var d = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = d.GetProperty("code").GetString()!;
        Assert.True(DossierCodes.TryParse(code, out var identifier, out var day, out _));
        Assert.Equal("000.30.12.H18", identifier);
        Assert.Equal(DateOnly.FromDateTime(VietnamTime.FromUtc(DateTime.UtcNow)), day);
        Assert.Equal("Accepted", d.GetProperty("status").GetString());
        var appointed = d.GetProperty("appointedAt").GetDateTime();
        Assert.True(appointed > DateTime.UtcNow.AddDays(2)); // three working days are at least three calendar days

        // The public timeline: by the QR link or by code + last four digits; never the ID number or the full phone.
        var key = d.GetProperty("trackingUrl").GetString()!.Split('/')[^1];
        var timeline = await app.Anonymous().GetStringAsync($"/api/v1/tracking/{key}");
        Assert.Contains("Cấp Giấy xác nhận tình trạng hôn nhân", timeline);
        Assert.Contains("L. V. P.", timeline);
        Assert.DoesNotContain("011095001234", timeline);
        Assert.DoesNotContain("0912345678", timeline);
        var byCode = await app.Anonymous().GetAsync($"/api/v1/tracking?code={code}&phoneLast4=5678");
        Assert.Equal(HttpStatusCode.OK, byCode.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/tracking?code={code}&phoneLast4=0000")).StatusCode);
        var page = await app.Anonymous().GetStringAsync($"/tra-cuu/{key}");
        Assert.Contains("Được tiếp nhận", page);
        Assert.Contains("Hẹn trả kết quả", page);
        Assert.DoesNotContain("011095001234", page);
    }

    [Fact]
    public async Task The_ten_thousandth_dossier_of_a_day_gets_a_five_digit_number_and_intake_goes_on()
    {
        await using (var db = app.OpenDb())
        {
            var unit = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
            var today = DateOnly.FromDateTime(VietnamTime.FromUtc(DateTime.UtcNow));
            var row = await db.DossierSequences.SingleOrDefaultAsync(s => s.UnitId == unit && s.Day == today);
            if (row is null) db.DossierSequences.Add(new DossierDaySequence { UnitId = unit, Day = today, Last = 9999 });
            else row.Last = Math.Max(row.Last, 9999);
            await db.SaveChangesAsync();
        }
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var codes = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            var r = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant());
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            Assert.True(DossierCodes.TryParse((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(), out _, out _, out var s));
            codes.Add(s);
        }
        Assert.All(codes, s => Assert.True(s >= 10_000));
        Assert.True(codes[1] > codes[0]);
    }

    [Fact]
    public async Task Concurrent_intake_gives_every_dossier_its_own_number()
    {
        var officers = new[] { await app.LoginAsync("quangloc.tiepnhan"), await app.LoginAsync("quangloc.chuyenvien") };
        var codes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var r = await officers[i % 2].PostAsJsonAsync("/api/v1/communes/16060/dossiers", Applicant(procedure: "2.000815", id: "038305012345"));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        }));
        Assert.Equal(20, codes.Distinct().Count());
        Assert.All(codes, c => Assert.StartsWith("000.20.22.H56-", c));
        var sequences = codes.Select(c => { DossierCodes.TryParse(c, out _, out _, out var s); return s; }).Order().ToList();
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
    }

    [Fact]
    public async Task An_officer_cannot_receive_or_read_dossiers_of_another_commune()
    {
        var chiengSinh = await app.LoginAsync("chiengsinh.tiepnhan");
        var created = await (await chiengSinh.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant())).Content.ReadFromJsonAsync<JsonElement>();
        var code = created.GetProperty("code").GetString()!;
        var quangLoc = await app.LoginAsync("quangloc.tiepnhan");
        await using var before = app.OpenDb();
        var count = await before.Dossiers.CountAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await quangLoc.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await quangLoc.GetAsync($"/api/v1/dossiers/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await quangLoc.GetAsync($"/can-bo/ho-so/{code}/phieu")).StatusCode);
        Assert.DoesNotContain(code, await quangLoc.GetStringAsync("/can-bo/ho-so"));
        Assert.Contains(code, await chiengSinh.GetStringAsync("/can-bo/ho-so"));
        await using var after = app.OpenDb();
        Assert.Equal(count, await after.Dossiers.CountAsync());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_named_and_nothing_is_saved()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        await using var before = app.OpenDb();
        var count = await before.Dossiers.CountAsync();
        var badId = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant(id: "003095001234"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badId.StatusCode);
        Assert.Contains("mã tỉnh", (await badId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("CitizenId").GetRawText());
        var noMissing = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant(decision: "Incomplete"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noMissing.StatusCode);
        var unknown = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant(procedure: "9.999999"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var badPhone = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", new { procedureCode = "1.001193", applicantName = "A", citizenId = "011095001234", phone = "12", address = "x", received = new[] { 0, 1, 2 } });
        // Accepting needs every required document ticked as received.
        var short1 = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", new { procedureCode = "1.001193", applicantName = "A", citizenId = "011095001234", phone = "0912345678", address = "x", received = new[] { 0 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, short1.StatusCode);
        Assert.Contains("Chưa đủ thành phần hồ sơ: Giấy chứng sinh", await short1.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        await using var after = app.OpenDb();
        Assert.Equal(count, await after.Dossiers.CountAsync());
    }

    [Fact]
    public async Task At_the_counter_page_the_officer_receives_and_prints_the_right_form()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        async Task<string> Receive(string decision, string? missing = null, string? reason = null)
        {
            var r = await officer.PostAsync("/can-bo/ho-so/tiep-nhan", await AppFixture.FormAsync(officer, "/can-bo/ho-so/tiep-nhan", new()
            {
                ["Input.ProcedureCode"] = "1.001193", ["Input.ApplicantName"] = "Quàng Thị Xuân", ["Input.CitizenId"] = "011305000123",
                ["Input.Phone"] = "0987000111", ["Input.Address"] = "Bản Củ", ["Input.Decision"] = decision,
                ["Input.MissingDocuments"] = missing ?? "", ["Input.RefusalReason"] = reason ?? "",
                ["Input.Received[0]"] = "0", ["Input.Received[1]"] = "1", ["Input.Received[2]"] = "2",
            }));
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            return await officer.GetStringAsync(r.Headers.Location!.ToString());
        }
        var accepted = await Receive("Accept");
        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", accepted);
        Assert.Contains("Mẫu số 01", accepted);
        Assert.Contains("<svg", accepted);
        Assert.Contains("Thời gian trả kết quả", accepted);
        var incomplete = await Receive("Incomplete", missing: "Giấy chứng sinh (bản chính)");
        // Ticking less than required and choosing "incomplete" without writing a list: the missing documents make the Mẫu 02.
        var r2 = await officer.PostAsync("/can-bo/ho-so/tiep-nhan", await AppFixture.FormAsync(officer, "/can-bo/ho-so/tiep-nhan?procedure=1.001193", new()
        {
            ["Input.ProcedureCode"] = "1.001193", ["Input.ApplicantName"] = "Quàng Thị Xuân", ["Input.CitizenId"] = "011305000123",
            ["Input.Phone"] = "0987000111", ["Input.Address"] = "Bản Củ", ["Input.Decision"] = "Incomplete", ["Input.Received[0]"] = "0",
        }));
        var derived = await officer.GetStringAsync(r2.Headers.Location!.ToString());
        Assert.Contains("- Giấy chứng sinh", derived);
        Assert.Contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", incomplete);
        Assert.Contains("Giấy chứng sinh (bản chính)", incomplete);
        var refused = await Receive("Refuse", reason: "Không thuộc thẩm quyền của UBND xã");
        Assert.Contains("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", refused);
        Assert.Contains("Không thuộc thẩm quyền", refused);

        var invalid = await officer.PostAsync("/can-bo/ho-so/tiep-nhan", await AppFixture.FormAsync(officer, "/can-bo/ho-so/tiep-nhan", new()
        {
            ["Input.ProcedureCode"] = "1.001193", ["Input.ApplicantName"] = "Quàng Thị Xuân", ["Input.CitizenId"] = "12345",
            ["Input.Phone"] = "0987000111", ["Input.Address"] = "Bản Củ", ["Input.Decision"] = "Accept",
        }));
        Assert.Matches("data-valmsg-for=\"Input.CitizenId\"[^>]*>Số định danh cá nhân gồm đúng 12 chữ số.<", await invalid.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_returning_applicant_is_filled_in_from_their_latest_dossier_the_official_may_read_and_the_reading_is_shown_to_them()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var id = "0113050" + TestDossiers.Digits(5);
        var phone = "09" + TestDossiers.Digits(8);
        var (code, key) = await TestDossiers.ReceiveAsync(officer, applicant: "Lò Thị Quay Lại", phone: phone, citizenId: id);
        async Task<(HttpResponseMessage Response, string Once)> Fill(HttpClient c, string typed, string name = "")
        {
            var html = await c.GetStringAsync("/can-bo/ho-so/tiep-nhan?procedure=1.001193");
            var once = System.Text.RegularExpressions.Regex.Match(html, "name=\"__Once\" value=\"([0-9a-f]+)\"").Groups[1].Value;
            return (await c.PostAsync("/can-bo/ho-so/tiep-nhan?procedure=1.001193&handler=Fill", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = AppFixture.Token(html), ["__Once"] = once, ["Input.ProcedureCode"] = "1.001193",
                ["Input.CitizenId"] = typed, ["Input.ApplicantName"] = name, ["Input.Decision"] = "Accept",
            })), once);
        }

        var (filled, once) = await Fill(officer, id);
        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        var html = await filled.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Lò Thị Quay Lại\"", html);
        Assert.Contains($"value=\"{phone}\"", html);
        Assert.Contains("value=\"Bản Lồng\"", html);
        Assert.Contains($"Đã điền từ hồ sơ {code}", html);
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.IdempotencyRecords.AnyAsync(r => r.Key == once)); // the page (personal data) is not kept for replay
            Assert.Equal(1, await db.Dossiers.CountAsync(d => d.CitizenId == id)); // and nothing was received
        }
        // the applicant sees that their details were read for it
        var reads = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/tracking/{key}/readings");
        Assert.Contains(reads.EnumerateArray(), r => r.GetProperty("view").GetString() == "dien-lai" && r.GetProperty("inFull").GetBoolean());

        // what the officer typed stays; a malformed number is refused on its field
        var (kept, _) = await Fill(officer, id, name: "Lò Thị Đổi Tên");
        var keptHtml = await kept.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Lò Thị Đổi Tên\"", keptHtml);
        Assert.DoesNotContain("Lò Thị Quay Lại", keptHtml);
        var (malformed, _) = await Fill(officer, "12345");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        Assert.Contains("Số định danh cá nhân gồm đúng 12 chữ số.", await malformed.Content.ReadAsStringAsync());

        // a specialist who never handled it, and another commune's counter, get nothing of it
        var (specialist, _) = await Fill(await app.LoginAsync("chiengsinh.chuyenvien"), id);
        var specialistHtml = await specialist.Content.ReadAsStringAsync();
        Assert.DoesNotContain(phone, specialistHtml);
        Assert.Contains("Chưa có hồ sơ nào của số định danh này", specialistHtml);
        var (other, _) = await Fill(await app.LoginAsync("quangloc.tiepnhan"), id);
        Assert.DoesNotContain(phone, await other.Content.ReadAsStringAsync());
    }
}

public sealed class IntakeTestsSqlite(SqliteApp app) : IntakeTests<SqliteApp>(app);
public sealed class IntakeTestsPostgres(PostgresApp app) : IntakeTests<PostgresApp>(app);
