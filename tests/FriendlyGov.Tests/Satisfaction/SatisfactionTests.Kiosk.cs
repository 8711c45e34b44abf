using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

// The satisfaction suite, second half: the counter kiosk, and the per-client limit of public rating posts.
public abstract partial class SatisfactionTests<TApp>
{
    [Fact]
    public async Task A_counter_kiosk_holds_no_officer_sign_in_stores_a_resent_rating_once_and_is_throttled()
    {
        var officer = await app.LoginAsync("quangloc.tiepnhan");
        var started = await officer.PostAsync("/can-bo/kiosk?handler=Start", await AppFixture.FormAsync(officer, "/can-bo/kiosk", []));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal("/kiosk", started.Headers.Location!.ToString());
        var cookies = started.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("fg.kiosk=") && c.Contains("path=/kiosk", StringComparison.OrdinalIgnoreCase) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cookies, c => c.StartsWith("fg.auth=;")); // the officer's sign-in is removed from the tablet

        var tablet = officer; // the same browser, now a kiosk
        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync("/can-bo")).StatusCode);
        var html = await tablet.GetStringAsync("/kiosk");
        Assert.Contains("Nguyễn Thị Lan", html);
        Assert.Contains(">NL<", html); // initials in place of a photo
        Assert.DoesNotContain("href=\"/can-bo", html);
        var token = AppFixture.Token(html);

        async Task<HttpResponseMessage> Send(object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/kiosk/gui") { Content = JsonContent.Create(body) };
            request.Headers.Add("RequestVerificationToken", token);
            return await tablet.SendAsync(request);
        }
        var noToken = await tablet.PostAsJsonAsync("/kiosk/gui", new { overall = 5, clientKey = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var first = await Send(new { overall = 5, code = new[] { 1, 1, 1 }, clientKey = "k1" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var resent = await Send(new { overall = 5, code = new[] { 1, 1, 1 }, clientKey = "k1" });
        Assert.Equal(id, (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Send(new { code = new[] { 1 }, clientKey = "k0" })).StatusCode);
        for (var i = 2; i <= 4; i++) Assert.Equal(HttpStatusCode.OK, (await Send(new { overall = 4, clientKey = $"k{i}" })).StatusCode);
        var fifth = await Send(new { overall = 4, clientKey = "k5" });
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        // A body the kiosk's script would never send is refused, never a server error.
        foreach (var raw in new[] { "không phải JSON", "[]", "5", "{\"overall\":\"năm\"}", "{\"overall\":99999999999}", "{\"code\":\"x\"}", "{\"clientKey\":[]}", "" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/kiosk/gui") { Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("RequestVerificationToken", token);
            var status = (int)(await tablet.SendAsync(request)).StatusCode;
            Assert.True(status is >= 400 and < 500, $"{raw}: {status}");
        }

        await using (var db = app.OpenDb())
        {
            var lan = await db.Users.SingleAsync(u => u.UserName == "quangloc.tiepnhan");
            var r = await db.Ratings.SingleAsync(x => x.Id == id);
            Assert.Equal((RatingSource.Kiosk, lan.Id, "Nguyễn Thị Lan"), (r.Source, r.OfficialId, r.OfficialName));
            Assert.Equal(1, await db.Ratings.CountAsync(x => x.KioskSessionId == r.KioskSessionId && x.ClientKey == "k1"));
            Assert.Equal(4, await db.Ratings.CountAsync(x => x.KioskSessionId == r.KioskSessionId));
        }

        // A citizen at the tablet cannot leave the kiosk: ending it needs the officer's password.
        foreach (var wrong in new[] { "", "Sai.Mat.Khau1" })
        {
            var refused = await tablet.PostAsync("/kiosk?handler=End", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["OfficerPassword"] = wrong,
            }));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("Chỉ cán bộ đã bật kiosk mới kết thúc được", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("/kiosk")).StatusCode);
        // With it, ending the kiosk from the tablet closes it for good.
        var end = await tablet.PostAsync("/kiosk?handler=End", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["OfficerPassword"] = DemoSeeder.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(new { overall = 5, clientKey = "k9" })).StatusCode);
        Assert.Contains("/dang-nhap", (await tablet.GetAsync("/kiosk")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_officer_ends_a_kiosk_left_running_on_another_tablet()
    {
        var tablet = await app.LoginAsync("chiengsinh.tiepnhan");
        await tablet.PostAsync("/can-bo/kiosk?handler=Start", await AppFixture.FormAsync(tablet, "/can-bo/kiosk", []));
        // Without JavaScript the kiosk is a plain form: the thanks page resets itself after a few seconds.
        var thanks = await tablet.PostAsync("/kiosk", await AppFixture.FormAsync(tablet, "/kiosk", Form(4, [1, 1])));
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        var thanksHtml = await thanks.Content.ReadAsStringAsync();
        Assert.Contains("http-equiv=\"refresh\" content=\"5;url=/kiosk\"", thanksHtml);
        Assert.Matches("id=\"kiosk-thanks\"[^>]*role=\"status\">", thanksHtml); // shown, not hidden
        Assert.Matches("<div data-thanks=\"Good\">", thanksHtml); // the glad thanks, the apology hidden
        Assert.Matches("<div data-thanks=\"Sorry\" hidden", thanksHtml);
        // After a low rating: an apology, not a smiling face ("biết xin lỗi").
        var sorry = await (await tablet.PostAsync("/kiosk", await AppFixture.FormAsync(tablet, "/kiosk", Form(1, [2, 2])))).Content.ReadAsStringAsync();
        Assert.Matches("<div data-thanks=\"Sorry\">\\s*<h1>Chúng tôi xin lỗi", sorry);
        Assert.Matches("<div data-thanks=\"Good\" hidden", sorry);
        var refused = await tablet.PostAsync("/kiosk", await AppFixture.FormAsync(tablet, "/kiosk", Form(null)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Chọn mức độ hài lòng chung.", await refused.Content.ReadAsStringAsync());
        var desk = await app.LoginAsync("chiengsinh.tiepnhan");
        var html = await desk.GetStringAsync("/can-bo/kiosk");
        var id = Regex.Match(html, "action=\"/can-bo/kiosk\\?[^\"]*id=(\\d+)").Groups[1].Value;
        Assert.NotEmpty(id);
        // Another officer of the same commune cannot end it.
        var other = await app.LoginAsync("chiengsinh.chuyenvien");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/can-bo/kiosk?handler=End&id={id}", await AppFixture.FormAsync(other, "/can-bo/kiosk", []))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync($"/can-bo/kiosk?handler=End&id={id}", await AppFixture.FormAsync(desk, "/can-bo/kiosk", []))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync("/kiosk")).StatusCode);
    }
}

/// <summary>
/// The per-client limit of public rating posts, with its production value. In-memory and the same whatever the database,
/// so it runs once, on SQLite.
/// </summary>
public sealed class RatingLimitTests(SqliteLimitedApp app) : IClassFixture<SqliteLimitedApp>
{
    [Fact]
    public async Task A_client_posting_more_than_twenty_ratings_in_ten_minutes_is_told_to_wait()
    {
        var client = app.Anonymous();
        const string page = "/xa/16060/danh-gia";
        var form = await AppFixture.FormAsync(client, page, []); // an empty rating: refused, but counted
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++) statuses.Add((await client.PostAsync(page, form)).StatusCode);
        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.UnprocessableEntity, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[20]);
        // Reading is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
    }
}
