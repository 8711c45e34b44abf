using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Tracking by code and four phone digits, as a guesser meets it: the timeline but never the receipt's key (so never the
/// rating), a limit per dossier code whoever asks, and answers that say nothing about which codes exist.
/// </summary>
public abstract class TrackingPrivacyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private async Task<(string Code, string Key)> NewDossierAsync()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var response = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", new
        {
            procedureCode = "1.004873", applicantName = "Lò Thị Xuân", citizenId = "011095004321", phone = "0912345678",
            address = "Bản Hới Nọ", decision = "Accept", received = new[] { 0, 1, 2, 3 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var d = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (d.GetProperty("code").GetString()!, d.GetProperty("trackingUrl").GetString()!.Split('/')[^1]);
    }

    private HttpClient From(string address)
    {
        var c = app.Anonymous();
        c.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return c;
    }

    [Fact]
    public async Task Knowing_the_code_and_the_digits_shows_the_timeline_but_not_the_receipts_key()
    {
        var (code, key) = await NewDossierAsync();
        var page = await From("100.70.0.1").GetAsync($"/tra-cuu?ma={code}&so=5678");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(code, html);
        Assert.Contains("Quá trình giải quyết", html);
        Assert.DoesNotContain(key, html);
        Assert.DoesNotContain("/danh-gia/", html);
        var api = await From("100.70.0.2").GetFromJsonAsync<JsonElement>($"/api/v1/tracking?code={code}&phoneLast4=5678");
        Assert.Equal(JsonValueKind.Null, api.GetProperty("ratingUrl").ValueKind);
        Assert.DoesNotContain(key, api.GetRawText());
        // The receipt's own link still offers everything, rating included once there is a result.
        Assert.Contains(code, await app.Anonymous().GetStringAsync($"/tra-cuu/{key}"));
    }

    [Fact]
    public async Task The_timeline_shows_the_citizen_what_to_bring_but_not_the_officials_working_notes_nor_the_applicants_name()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var (code, key) = await TestDossiers.ReceiveAsync(officer, applicant: "Quàng Văn Thưởng");
        await TestDossiers.ActAsync(officer, code, "StartProcessing", note: "Nội bộ: đối chiếu với sổ địa chính cũ");
        var anyone = app.Anonymous();
        var before = await anyone.GetStringAsync($"/api/v1/tracking/{key}"); // now held in memory
        await TestDossiers.ActAsync(specialist, code, "RequestSupplement", note: "Bổ sung bản sao giấy khai sinh");
        foreach (var json in new[] { await anyone.GetStringAsync($"/api/v1/tracking/{key}"), await anyone.GetStringAsync($"/api/v1/tracking/{key}") })
        {
            var t = JsonDocument.Parse(json).RootElement;
            var notes = t.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("note").GetString()).ToList();
            Assert.Equal([null, null, "Bổ sung bản sao giấy khai sinh"], notes);
            Assert.Equal("Q. V. T.", t.GetProperty("applicantInitials").GetString());
            Assert.DoesNotContain(Strings(t), v => v.Contains("Thưởng") || v.Contains("sổ địa chính"));
        }
        Assert.DoesNotContain(Strings(JsonDocument.Parse(before).RootElement), v => v.Contains("sổ địa chính"));
    }

    /// <summary>Every string value in the answer, as a reader gets it (unescaped).</summary>
    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [Fact]
    public async Task Each_code_has_ten_lookups_an_hour_whoever_asks_and_a_missing_code_is_limited_the_same()
    {
        var (code, _) = await NewDossierAsync();
        // Ten guesses from ten addresses (a botnet sidesteps the per-client limit): answered; the eleventh is held back.
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await From($"100.71.0.{i + 1}").GetAsync($"/api/v1/tracking?code={code}&phoneLast4={i:0000}")).StatusCode);
        var held = await From("100.71.1.1").GetAsync($"/api/v1/tracking?code={code}&phoneLast4=5678");
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        var page = await From("100.71.1.2").GetAsync($"/tra-cuu?ma={code}&so=5678");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("tra cứu quá nhiều lần", await page.Content.ReadAsStringAsync());

        // A code that does not exist answers exactly the same way: not found, then held back after ten.
        var missing = code[..^3] + "999";
        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++) wrong.Add((await From($"100.72.0.{i + 1}").GetAsync($"/api/v1/tracking?code={missing}&phoneLast4={i:0000}")).StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.NotFound, 10), HttpStatusCode.TooManyRequests], wrong);
        // Wrong digits and an unknown code get the same message on the page.
        var a = await (await From("100.73.0.1").GetAsync($"/tra-cuu?ma={code[..^3]}998&so=1111")).Content.ReadAsStringAsync();
        Assert.Contains("Không tìm thấy hồ sơ với mã và 4 số cuối điện thoại này.", a);
    }

    [Fact]
    public async Task A_citizens_own_links_and_the_staff_area_are_never_listed_by_search_engines_while_the_public_directory_is()
    {
        var (_, key) = await NewDossierAsync();
        var anonymous = From("100.70.0.9");
        static bool Unlisted(HttpResponseMessage r) => r.Headers.TryGetValues("X-Robots-Tag", out var v) && v.Single() == "noindex, nofollow";
        foreach (var path in new[] { $"/tra-cuu/{key}", $"/danh-gia/{key}", "/phan-anh/khong-co-ma-nay", "/dang-nhap", "/can-bo", $"/api/v1/tracking/{key}" })
            Assert.True(Unlisted(await anonymous.GetAsync(path)), path);
        foreach (var path in new[] { "/", "/tra-cuu", "/xa/03298", "/xa/03298/thu-tuc", "/xa/03298/phan-anh" })
        {
            var r = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.False(Unlisted(r), path);
        }
        var robots = await anonymous.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /can-bo/", robots);
        Assert.DoesNotContain("Disallow: /xa/", robots);
    }
}

public sealed class TrackingPrivacyTestsSqlite(SqliteApp app) : TrackingPrivacyTests<SqliteApp>(app);
public sealed class TrackingPrivacyTestsPostgres(PostgresApp app) : TrackingPrivacyTests<PostgresApp>(app);
