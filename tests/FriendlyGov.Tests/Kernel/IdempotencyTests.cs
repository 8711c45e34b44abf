using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>Issue 11: a retry never creates a second dossier, petition or rating (API key header and one-time form token).</summary>
public abstract class IdempotencyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static object Applicant(string name) => new
    {
        procedureCode = "1.001193", applicantName = name, citizenId = "011095003333", phone = "0912003333", address = "Bản Củ",
        decision = "Accept", received = new[] { 0, 1, 2, 3 }, missingDocuments = (string?)null, refusalReason = (string?)null,
    };

    private async Task<int> DossiersNamed(string name)
    {
        await using var db = app.OpenDb();
        return await db.Dossiers.CountAsync(d => d.ApplicantName == name);
    }

    private static HttpRequestMessage Post(string url, object body, string key)
    {
        var m = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        m.Headers.Add("Idempotency-Key", key);
        return m;
    }

    [Fact]
    public async Task The_same_key_and_body_answer_the_first_result_again_and_create_one_dossier()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var name = "Lò Văn Lặp " + Guid.NewGuid().ToString("N")[..6];
        var key = Guid.NewGuid().ToString();
        var first = await officer.SendAsync(Post("/api/v1/communes/03298/dossiers", Applicant(name), key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await officer.SendAsync(Post("/api/v1/communes/03298/dossiers", Applicant(name), key));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await DossiersNamed(name));

        // Same key, different body: 422 problem, nothing created.
        var other = await officer.SendAsync(Post("/api/v1/communes/03298/dossiers", Applicant(name + " khác"), key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await DossiersNamed(name + " khác"));

        // Without a key the API behaves as before: a second dossier.
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant(name))).StatusCode);
        Assert.Equal(2, await DossiersNamed(name));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_wait_for_the_first_and_share_its_answer()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var name = "Cà Văn Đồng " + Guid.NewGuid().ToString("N")[..6];
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => officer.SendAsync(Post("/api/v1/communes/03298/dossiers", Applicant(name), key))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())).ContinueWith(t => t.Result.Distinct().ToArray()));
        Assert.Equal(1, await DossiersNamed(name));
    }

    [Fact]
    public async Task A_failed_request_keeps_no_answer_and_a_bad_key_is_refused()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var key = Guid.NewGuid().ToString();
        var invalid = await officer.SendAsync(Post("/api/v1/communes/03298/dossiers", new { procedureCode = "1.001193" }, key));
        Assert.True((int)invalid.StatusCode is 400 or 422, invalid.StatusCode.ToString());
        await using (var db = app.OpenDb())
            Assert.False(await db.IdempotencyRecords.AnyAsync(r => r.Key == key));
        var name = "Lường Văn Sửa " + Guid.NewGuid().ToString("N")[..6];
        // The key was released: the corrected request (another body) now succeeds with it.
        Assert.Equal(HttpStatusCode.Created, (await officer.SendAsync(Post("/api/v1/communes/03298/dossiers", Applicant(name), key))).StatusCode);

        var tooLong = await officer.SendAsync(Post("/api/v1/communes/03298/dossiers", Applicant(name), new string('k', 300)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await DossiersNamed(name));
    }

    [Fact]
    public async Task Keys_belong_to_their_client()
    {
        var a = await app.LoginAsync("chiengsinh.tiepnhan");
        var b = await app.LoginAsync("quangloc.tiepnhan");
        var key = Guid.NewGuid().ToString();
        var name = "Hà Văn Khóa " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await a.SendAsync(Post("/api/v1/communes/03298/dossiers", Applicant(name), key))).StatusCode);
        // Another account with the same key is another request: it neither sees A's answer nor is refused for A's key.
        var other = await b.SendAsync(Post("/api/v1/communes/16060/dossiers", Applicant(name) is var x ? new
        {
            procedureCode = "2.000815", applicantName = name, citizenId = "038305012345", phone = "0912003333", address = "Thôn 1",
            decision = "Accept", received = new[] { 0, 1, 2, 3 }, missingDocuments = (string?)null, refusalReason = (string?)null,
        } : x, key));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await DossiersNamed(name));
    }

    [Fact]
    public async Task A_petition_form_sent_twice_with_its_one_time_token_makes_one_petition_and_answers_the_same_page()
    {
        var citizen = app.Anonymous();
        var html = await citizen.GetStringAsync("/xa/03298/phan-anh");
        var token = Regex.Match(html, "name=\"__Once\" value=\"([0-9a-f]{32})\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var title = "Cống thoát nước tắc " + Guid.NewGuid().ToString("N")[..6];
        Dictionary<string, string> Fields() => new()
        {
            ["__RequestVerificationToken"] = AppFixture.Token(html), ["__Once"] = token, ["Input.Category"] = "moi-truong", ["Input.Title"] = title,
            ["Input.Content"] = "Cống đầu bản Lồng bị tắc, nước tràn ra đường mỗi khi mưa.", ["Input.SenderName"] = "Lường Thị Mai",
            ["Input.SenderPhone"] = "0988777111", ["Input.ConsentPublish"] = "false",
        };
        var first = await citizen.PostAsync("/xa/03298/phan-anh", new FormUrlEncodedContent(Fields()));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await citizen.PostAsync("/xa/03298/phan-anh", new FormUrlEncodedContent(Fields())); // double-click, or resubmit
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.Petitions.IgnoreQueryFilters().CountAsync(p => p.Title == title));
        // The form re-rendered gets a new token: the next petition is a new one.
        Assert.DoesNotContain(token, await citizen.GetStringAsync("/xa/03298/phan-anh"));
    }
}

public sealed class IdempotencyTestsSqlite(SqliteApp app) : IdempotencyTests<SqliteApp>(app);
public sealed class IdempotencyTestsPostgres(PostgresApp app) : IdempotencyTests<PostgresApp>(app);
