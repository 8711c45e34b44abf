using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

public abstract class AccountsAndShellTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static string NewPhone() => "09" + Random.Shared.Next(10_000_000, 99_999_999);

    private async Task<HttpResponseMessage> Register(HttpClient client, string phone, string password, string confirm, bool consent = true) =>
        await client.PostAsync("/dang-ky", await AppFixture.FormAsync(client, "/dang-ky", new()
        {
            ["Input.FullName"] = "Hà Thị Thử", ["Input.Phone"] = phone, ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm, ["Input.Consent"] = consent ? "true" : "false",
        }));

    [Fact]
    public async Task Home_page_is_vietnamese_with_the_slogan_and_the_communes()
    {
        var html = await app.Anonymous().GetStringAsync("/");
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("Chính quyền thân thiện, vì nhân dân phục vụ", html);
        Assert.Contains("/xa/03298", html);
        Assert.Contains("xã Quang Lộc", html); // UTF-8, not &#x...; entities
    }

    [Fact]
    public async Task Commune_home_shows_its_name_slogan_contacts_and_villages()
    {
        var html = await app.Anonymous().GetStringAsync("/xa/03298");
        Assert.Contains("Ủy ban nhân dân xã Chiềng Sinh", html);
        Assert.Contains("Chính quyền thân thiện, vì nhân dân phục vụ", html);
        Assert.Contains("bản Hới Nọ", html);
        Assert.Contains("0215 3862 100", html);
        Assert.Contains("chuyển trực thuộc tỉnh Điện Biên (trước đó: huyện Tuần Giáo)", html);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/xa/11")).StatusCode); // a province is not a commune
    }

    [Fact]
    public async Task Search_finds_a_commune_without_diacritics()
    {
        var html = await app.Anonymous().GetStringAsync("/?q=chieng%20sinh");
        Assert.Contains("/xa/03298", html);
        Assert.DoesNotContain("/xa/16060", html);
    }

    [Fact]
    public async Task Language_switch_turns_the_interface_english_and_back()
    {
        var client = app.Anonymous();
        var toEnglish = await client.PostAsync("/ngon-ngu", await AppFixture.FormAsync(client, "/", new() { ["culture"] = "en", ["returnUrl"] = "/xa/03298" }));
        Assert.Equal(HttpStatusCode.Redirect, toEnglish.StatusCode);
        Assert.Equal("/xa/03298", toEnglish.Headers.Location?.ToString());
        var english = await client.GetStringAsync("/xa/03298");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Friendly government, serving the people", english);
        Assert.Contains("Sign in", english);
        // A return address off the site, written any way browsers follow, goes home instead, never a 500.
        foreach (var away in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example/", "/\tevil", "/a\u0001b" })
        {
            var r = await client.PostAsync("/ngon-ngu", await AppFixture.FormAsync(client, "/", new() { ["culture"] = "vi-VN", ["returnUrl"] = away }));
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal("/", r.Headers.Location?.ToString());
        }
        Assert.Contains("Đăng nhập", await client.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("chiengsinh.lanhdao")]
    [InlineData("chiengsinh.tiepnhan")]
    [InlineData("giamsat.dienbien")]
    [InlineData("quantri")]
    public async Task The_staff_menu_is_grouped_by_what_the_role_does_with_the_desk_first(string user)
    {
        var html = await (await app.LoginAsync(user)).GetStringAsync("/");
        var nav = System.Text.RegularExpressions.Regex.Match(html, "<nav class=\"wrap nav\"[^>]*>(.*?)</nav>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var groups = System.Text.RegularExpressions.Regex.Matches(nav, "<details class=\"menu\">").Count;
        var top = System.Text.RegularExpressions.Regex.Replace(nav, "<details.*?</details>", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        var links = System.Text.RegularExpressions.Regex.Matches(top, "<a ").Count;
        Assert.True(groups >= 2, $"{user}: {groups} groups");
        // Home, tracking, the desk (or admin's groups), a few direct links, the account: no more than ten entries at the top.
        Assert.InRange(groups + links, 4, 10);
        if (user != "quantri") Assert.Matches("<a href=\"/can-bo\">", top);
        // Every page of the role is still one click inside a group.
        foreach (var page in new[] { "/can-bo/phan-anh", "/can-bo/hai-long", "/can-bo/cach-lam-hay" }) Assert.Contains($"href=\"{page}\"", nav);
    }

    [Fact]
    public async Task Forms_without_an_antiforgery_token_are_refused()
    {
        var response = await app.Anonymous().PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "quantri", ["Input.Password"] = "FriendlyGov@2025",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("fg.auth")));
    }

    [Fact]
    public async Task Sign_in_sets_a_protected_cookie_and_lands_by_role()
    {
        var client = app.Anonymous();
        var response = await client.PostAsync("/dang-nhap", await AppFixture.FormAsync(client, "/dang-nhap", new()
        {
            ["Input.UserName"] = "chiengsinh.tiepnhan", ["Input.Password"] = "FriendlyGov@2025",
        }));
        Assert.Equal("/can-bo", response.Headers.Location?.ToString());
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fg.auth="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var admin = app.Anonymous();
        var adminLanding = await admin.PostAsync("/dang-nhap", await AppFixture.FormAsync(admin, "/dang-nhap", new()
        {
            ["Input.UserName"] = "quantri", ["Input.Password"] = "FriendlyGov@2025",
        }));
        Assert.Equal("/quan-tri/don-vi", adminLanding.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Empty_login_shows_vietnamese_messages_beside_the_fields()
    {
        var client = app.Anonymous();
        var response = await client.PostAsync("/dang-nhap", await AppFixture.FormAsync(client, "/dang-nhap", new() { ["Input.UserName"] = "", ["Input.Password"] = "" }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode); // a refused form is a 4xx, with the page
        Assert.Matches("data-valmsg-for=\"Input.UserName\"[^>]*>Nhập tên đăng nhập.<", html);
        Assert.Matches("data-valmsg-for=\"Input.Password\"[^>]*>Nhập mật khẩu.<", html);
    }

    [Fact]
    public async Task A_crafted_link_cannot_put_its_own_words_in_a_pages_notice()
    {
        // Notices travel in the protected TempData cookie, not in the address: the old "?ok=" texts are ignored.
        const string Bait = "Hệ thống bảo trì, hãy gửi mật khẩu tới số 0999999999";
        var leader = await app.LoginAsync("quangloc.lanhdao");
        foreach (var page in new[] { "/can-bo/dan-chu", "/can-bo/mo-hinh", "/can-bo/cach-lam-hay", "/can-bo/cong-khai" })
        {
            var r = await leader.GetAsync($"{page}?ok={Uri.EscapeDataString(Bait)}");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync();
            Assert.DoesNotMatch(">[^<]*0999999999", html); // in no text (the language switch keeps the address in a field)
            Assert.DoesNotContain("role=\"status\">Hệ thống bảo trì", html);
        }
    }

    [Fact]
    public async Task Registration_refuses_bad_input_beside_each_field_and_saves_nothing()
    {
        var phone = NewPhone();
        var badPhone = await Register(app.Anonymous(), "12345", "Cong.Dan2025!", "Cong.Dan2025!");
        Assert.Contains("Số điện thoại di động gồm 10 chữ số", await badPhone.Content.ReadAsStringAsync());
        var weak = await Register(app.Anonymous(), phone, "abc", "abc");
        var weakHtml = await weak.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.Password\"[^>]*>Mật khẩu phải có ít nhất 10 ký tự", weakHtml);
        var noConsent = await Register(app.Anonymous(), phone, "Cong.Dan2025!", "Cong.Dan2025!", consent: false);
        Assert.Contains("Cần bạn đồng ý", await noConsent.Content.ReadAsStringAsync());
        await using var db = app.OpenDb();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == phone));
    }

    [Fact]
    public async Task A_leader_adds_an_officer_who_can_then_sign_in_until_locked()
    {
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var userName = "cb" + Random.Shared.Next(100_000, 999_999);
        var created = await leader.PostAsync("/can-bo/nhan-su?handler=Create", await AppFixture.FormAsync(leader, "/can-bo/nhan-su", new()
        {
            ["Input.FullName"] = "Đỗ Thị Mới", ["Input.UserName"] = userName, ["Input.Role"] = Roles.CounterOfficer, ["Input.Password"] = "Can.Bo.Moi2025",
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var officer = await app.LoginAsync(userName, "Can.Bo.Moi2025");
        Assert.Contains("16060", await officer.GetStringAsync("/api/v1/me"));

        // A leader may not hand out a role above the counter and the specialists.
        var leaderRole = await leader.PostAsync("/can-bo/nhan-su?handler=Create", await AppFixture.FormAsync(leader, "/can-bo/nhan-su", new()
        {
            ["Input.FullName"] = "Trần Văn Vượt", ["Input.UserName"] = userName + "x", ["Input.Role"] = Roles.Supervisor, ["Input.Password"] = "Can.Bo.Moi2025",
        }));
        Assert.Contains("Bạn không được giao vai trò này.", await leaderRole.Content.ReadAsStringAsync());

        // The officer's session is checked (and its account held by the session cache) on every request.
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/v1/me")).StatusCode);

        await leader.PostAsync("/can-bo/nhan-su?handler=Lock", await AppFixture.FormAsync(leader, "/can-bo/nhan-su", new() { ["userName"] = userName, ["locked"] = "true" }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.LoginAsync(userName, "Can.Bo.Moi2025"));
        // Locking ends the session already open at its very next request, not when a cached account runs out.
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Api_bad_input_gets_problem_details_and_nothing_is_saved()
    {
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var malformed = await leader.PutAsync("/api/v1/communes/16060/profile", new StringContent("{ \"address\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var invalid = await leader.PutAsJsonAsync("/api/v1/communes/16060/profile", new { address = "Mới", email = "khong-phai-email" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Thư điện tử không hợp lệ.", problem.GetProperty("errors").GetRawText());

        await using var db = app.OpenDb();
        var unitId = await db.Units.Where(u => u.Code == "16060").Select(u => u.Id).SingleAsync();
        Assert.NotEqual("Mới", (await db.CommuneProfiles.SingleAsync(p => p.UnitId == unitId)).Address);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_409_instead_of_overwriting()
    {
        // Vạn Lộc (16090) has no profile yet: this test owns it.
        var admin = await app.LoginAsync("quantri");
        (await admin.PutAsJsonAsync("/api/v1/communes/16090/profile", new { address = "Lần đầu" })).EnsureSuccessStatusCode();
        var current = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/communes/16090/profile");
        var version = current.GetProperty("version").GetInt32();
        (await admin.PutAsJsonAsync("/api/v1/communes/16090/profile", new { address = "Lần một", version })).EnsureSuccessStatusCode();
        var stale = await admin.PutAsJsonAsync("/api/v1/communes/16090/profile", new { address = "Lần hai", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Lần một", (await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/communes/16090/profile")).GetProperty("address").GetString());
    }

    [Fact]
    public async Task Health_and_openapi_answer()
    {
        var health = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        // No channel is configured in this fixture: none is offered, and the check says so.
        Assert.Equal("not configured", report.GetProperty("checks").GetProperty("notifications").GetProperty("data").GetProperty("email").GetString());
        Assert.Equal("Healthy", await app.Anonymous().GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await app.Anonymous().GetStringAsync("/health/ready"));
        var doc = await app.Anonymous().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/units/{code}", doc);
        Assert.Contains("/api/v1/communes/{code}/profile", doc);
    }

    [Fact]
    public async Task Unknown_pages_get_the_vietnamese_404_page()
    {
        var response = await app.Anonymous().GetAsync("/khong-ton-tai");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang hoặc dữ liệu bạn cần.", await response.Content.ReadAsStringAsync());
    }
}

public sealed class AccountsAndShellTestsSqlite(SqliteApp app) : AccountsAndShellTests<SqliteApp>(app);
public sealed class AccountsAndShellTestsPostgres(PostgresApp app) : AccountsAndShellTests<PostgresApp>(app);
