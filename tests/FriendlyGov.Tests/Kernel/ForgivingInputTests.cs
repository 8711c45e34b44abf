using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>Input normalised the way people write it (issue 13, "forgiving input"): phones, dossier codes, board search.</summary>
public abstract class ForgivingInputTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Theory]
    [InlineData("0912 345 678", "0912345678")]
    [InlineData("0912.345.678", "0912345678")]
    [InlineData("0912-345-678", "0912345678")]
    [InlineData("+84 912 345 678", "0912345678")]
    [InlineData(" 0912345678 ", "0912345678")]
    [InlineData("09123a5678", "09123a5678")] // left for the rule to refuse
    public void A_phone_is_kept_in_one_form(string typed, string kept) => Assert.Equal(kept, InputRules.Phone(typed));

    [Theory]
    [InlineData("vi-VN", "64,5", "64.5")]
    [InlineData("vi-VN", "64.5", "64.5")] // the framework's Vietnamese parse made this 645
    [InlineData("vi-VN", "64.50", "64.5")]
    [InlineData("vi-VN", "0.125", "0.125")]
    [InlineData("vi-VN", "1.500", "1500")]
    [InlineData("vi-VN", "1.250.000", "1250000")]
    [InlineData("vi-VN", "1.500,5", "1500.5")]
    [InlineData("vi-VN", " 120 ", "120")]
    [InlineData("en-US", "64.5", "64.5")]
    [InlineData("en-US", "64,5", "64.5")]
    [InlineData("en-US", "1,500", "1500")]
    [InlineData("en-US", "1,500.5", "1500.5")]
    [InlineData("vi-VN", "abc", null)]
    [InlineData("vi-VN", "1.2.3", null)]
    [InlineData("vi-VN", "1,5.5", null)]
    [InlineData("vi-VN", "1,500,5", null)]
    [InlineData("vi-VN", "12m2", null)]
    public void A_number_is_read_with_either_decimal_mark(string culture, string typed, string? read)
    {
        var ok = DecimalInput.TryParse(typed, System.Globalization.CultureInfo.GetCultureInfo(culture), out var value);
        Assert.Equal(read is not null, ok);
        if (read is not null) Assert.Equal(decimal.Parse(read, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public async Task A_donated_area_typed_with_a_decimal_point_is_stored_as_typed_and_a_word_for_a_number_is_refused()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        string[] syllables = ["Khiêm", "Xôm", "Pọm", "Thập", "Lả", "Chiến", "Ngọc", "Sáng", "Tươi", "Bun"];
        var head = "Tòng Văn " + string.Join(' ', Enumerable.Range(0, 3).Select(_ => syllables[Random.Shared.Next(syllables.Length)]));
        Dictionary<string, string> Form(string area) => new()
        {
            ["Donation.HeadName"] = head, ["Donation.Village"] = "Lồng", ["Donation.Road"] = "Đường lên bản Lồng",
            ["Donation.AreaM2"] = area, ["Donation.WallsMovedM"] = "12,5", ["Donation.AgreementDate"] = "01/12/2026", ["Donation.ThankPublicly"] = "true",
        };
        var refused = await leader.PostAsync("/can-bo/dan-chu?handler=Donation", await AppFixture.FormAsync(leader, "/can-bo/dan-chu", Form("sáu mươi tư")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("không phải là một số", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        await using (var db = app.OpenDb())
            Assert.False(await db.LandDonations.AnyAsync(d => d.HeadName == head)); // nothing saved with an empty area

        var saved = await leader.PostAsync("/can-bo/dan-chu?handler=Donation", await AppFixture.FormAsync(leader, "/can-bo/dan-chu", Form("64.5")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = app.OpenDb())
        {
            var d = await db.LandDonations.SingleAsync(x => x.HeadName == head);
            Assert.Equal(64.5m, d.AreaM2);
            Assert.Equal(12.5m, d.WallsMovedM);
        }
    }

    [Fact]
    public async Task A_phone_with_spaces_is_accepted_and_a_code_typed_in_lowercase_is_found()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var created = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", new
        {
            procedureCode = "1.004873", applicantName = "Quàng Thị Dấu Cách", citizenId = "011095002222", phone = "0912 345 678",
            address = "Bản Hới Nọ", decision = "Accept", received = new[] { 0, 1, 2, 3 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        await using (var db = app.OpenDb())
            Assert.Equal("0912345678", await db.Dossiers.Where(d => d.Code == code).Select(d => d.Phone).SingleAsync());
        var lower = await app.Anonymous().GetAsync($"/api/v1/tracking?code={code.ToLowerInvariant()}&phoneLast4=5678");
        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
        Assert.Contains(code, await (await app.Anonymous().GetAsync($"/tra-cuu?ma={code.ToLowerInvariant()}&so=5678")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_citizen_finds_a_petition_on_the_tracking_page_by_its_code_and_phone_without_its_private_link()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var r = await officer.PostAsJsonAsync("/api/v1/communes/03298/petitions", new
        {
            category = "giao-thong", title = "Cống thoát nước bị tắc", content = "Cống thoát nước đầu bản Củ bị tắc, nước tràn ra đường.",
            senderName = "Lò Thị Hỏi", senderPhone = "0977 246 810", village = "03298.04", channel = "Counter", consentPublish = false,
        });
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        var (code, key) = (body.GetProperty("code").GetString()!, body.GetProperty("trackingUrl").GetString()!.Split('/')[^1]);
        var page = await app.Anonymous().GetStringAsync($"/tra-cuu?ma={code.ToLowerInvariant()}&so=6810");
        Assert.Contains("Cống thoát nước bị tắc", page);
        Assert.Contains("Đã tiếp nhận", page);
        Assert.DoesNotContain(key, page);
        var wrong = await app.Anonymous().GetStringAsync($"/tra-cuu?ma={code}&so=1111");
        Assert.DoesNotContain("Cống thoát nước bị tắc", wrong);
        Assert.Contains("Không tìm thấy", wrong);
    }

    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public async Task Date_fields_read_and_write_dd_mm_yyyy_in_either_language(string culture)
    {
        var admin = await app.LoginAsync("quantri");
        admin.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        var year = 2040 + (culture == "vi" ? 0 : 1);
        var form = await admin.GetStringAsync($"/quan-tri/lich-nghi?nam={year}");
        Assert.Matches("<input[^>]*placeholder=\"dd/mm/yyyy\"[^>]*>", form);
        Assert.DoesNotMatch("type=\"date\"", form);
        var added = await admin.PostAsync($"/quan-tri/lich-nghi?handler=Add&nam={year}", await AppFixture.FormAsync(admin, $"/quan-tri/lich-nghi?nam={year}", new()
        {
            ["Input.Date"] = $"05/01/{year}", ["Input.Working"] = "true", ["Input.Reason"] = "Làm bù (thử định dạng ngày)",
        }));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await using var db = app.OpenDb();
        // 5 January, not 1 May: day first, as written in Vietnam, even when the interface is in English.
        Assert.True(await db.CalendarOverrides.AnyAsync(o => o.Date == new DateOnly(year, 1, 5)));
    }

    [Fact]
    public async Task The_petition_board_finds_every_word_with_or_without_diacritics()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var tag = "Pắc" + Random.Shared.Next(1000, 9999);
        var r = await officer.PostAsJsonAsync("/api/v1/communes/03298/petitions", new
        {
            category = "giao-thong", title = $"Sạt lở đường bản {tag}", content = $"Đường lên bản {tag} bị sạt lở sau mưa lớn, xe máy không qua được.",
            senderName = "Lò Văn Tìm", senderPhone = "0977 654 321", village = "03298.04", channel = "Counter", consentPublish = true,
        });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var code = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var version = (await leader.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{code}")).GetProperty("version").GetInt32();
        var answered = await leader.PostAsJsonAsync($"/api/v1/petitions/{code}/actions", new { action = "Answered", note = "Đã thông đường, đặt biển cảnh báo.", version });
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());
        var folded = FriendlyGov.Core.Domain.VietnameseText.Fold(tag);
        // Words out of order, without diacritics, none of them the whole phrase.
        var page = await app.Anonymous().GetStringAsync($"/xa/03298/phan-anh-kien-nghi?q={Uri.EscapeDataString($"sat lo {folded} duong")}");
        Assert.Contains(code, page);
        Assert.DoesNotContain(code, await app.Anonymous().GetStringAsync($"/xa/03298/phan-anh-kien-nghi?q={Uri.EscapeDataString($"sat lo {folded} cau treo")}"));
    }
}

public sealed class ForgivingInputTestsSqlite(SqliteApp app) : ForgivingInputTests<SqliteApp>(app);
public sealed class ForgivingInputTestsPostgres(PostgresApp app) : ForgivingInputTests<PostgresApp>(app);
