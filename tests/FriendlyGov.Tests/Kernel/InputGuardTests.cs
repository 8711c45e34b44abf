using System.Net;
using System.Text;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The classes of input the security assessment's fuzz turned into 500s, each answered at its shared mechanism (FuzzTests
/// covers them by generation; these name each class once, readably).
/// </summary>
public abstract class InputGuardTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task A_json_body_in_an_unknown_charset_is_415_with_a_problem()
    {
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"address\":\"x\"}"));
        body.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=x-khong-co");
        var r = await leader.PutAsync("/api/v1/communes/16060/profile", body);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_nul_character_is_refused_in_a_query_a_form_and_json()
    {
        var c = app.Anonymous();
        Assert.Equal(HttpStatusCode.BadRequest, (await c.GetAsync("/api/v1/communes/03298/procedures?q=a%00b")).StatusCode);
        var page = await c.GetAsync("/tra-cuu?ma=a%00b&so=1234");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Yêu cầu không hợp lệ", await page.Content.ReadAsStringAsync()); // the Vietnamese error page
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var json = new StringContent("{\"address\":\"a\\u0000b\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.PutAsync("/api/v1/communes/16060/profile", json)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/audit?from=9999-12-31&to=9999-12-31")]
    [InlineData("/api/v1/satisfaction?from=0001-01-01")]
    [InlineData("/api/v1/communes/03298/disclosures?year=2147483647")]
    [InlineData("/api/v1/calendar/0")]
    public async Task Dates_and_years_at_the_calendars_edges_are_400_problems(string url)
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var r = await leader.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pages_refuse_edge_dates_huge_page_numbers_and_odd_booleans_with_their_form()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/nhat-ky?From=9999-12-31&To=0001-01-01&trang=2147483647")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/xa/03298/phan-anh-kien-nghi?trang=2147483647")).StatusCode);
        var c = app.Anonymous();
        var login = await c.PostAsync("/dang-nhap", await AppFixture.FormAsync(c, "/dang-nhap", new()
        {
            ["Input.UserName"] = "ai-do", ["Input.Password"] = "x", ["Input.RememberMe"] = "có lẽ",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, login.StatusCode); // the form again, its checkbox unticked, not a 500
        Assert.Contains("name=\"Input.RememberMe\"", await login.Content.ReadAsStringAsync());
        // A POST to a page that has no form is 405, not a page rendered without its data.
        var post = await c.PostAsync("/xa/03298/gop-y", await AppFixture.FormAsync(c, "/dang-nhap", new()));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }
}

public sealed class InputGuardTestsSqlite(SqliteApp app) : InputGuardTests<SqliteApp>(app);
public sealed class InputGuardTestsPostgres(PostgresApp app) : InputGuardTests<PostgresApp>(app);
