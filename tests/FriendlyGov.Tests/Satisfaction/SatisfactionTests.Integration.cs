using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

public abstract partial class SatisfactionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static async Task Act(HttpClient client, string code, string action, string? receivedBy = null)
    {
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var r = await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action, receivedBy, version });
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    private async Task<(string Code, string Key)> ReturnedDossier()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var (code, key) = await TestDossiers.ReceiveAsync(officer);
        await Act(officer, code, "StartProcessing");
        await Act(await app.LoginAsync("chiengsinh.chuyenvien"), code, "HandOver");
        await Act(await app.LoginAsync("chiengsinh.lanhdao"), code, "Complete");
        await Act(officer, code, "Return", receivedBy: "Lường Thị Én");
        return (code, key);
    }

    private static Dictionary<string, string> Form(int? overall, int[]? code = null, string? comment = null, string? phone = null, bool wantsReply = false)
    {
        var f = new Dictionary<string, string>();
        if (overall is int o) f["Input.Overall"] = o.ToString();
        for (var i = 0; i < 12; i++) f[$"Input.Code[{i}]"] = (code is not null && i < code.Length ? code[i] : 0).ToString();
        for (var i = 0; i < 5; i++) f[$"Input.Aspects[{i}]"] = "0";
        if (comment is not null) f["Input.Comment"] = comment;
        if (phone is not null) f["Input.ContactPhone"] = phone;
        if (wantsReply) f["Input.WantsReply"] = "true";
        return f;
    }

    /// <summary>
    /// Issue 13: the Decision 766 figure was N/A on the leader's page (grouped by official, it counted no dossier) while the
    /// roll-out counted the same returned dossier. One computation feeds every screen: they agree, on the same data.
    /// </summary>
    [Fact]
    public async Task The_decision_766_figure_agrees_on_the_leaders_page_the_api_and_the_roll_out()
    {
        var officer = await app.LoginAsync("quangloc.tiepnhan");
        var specialist = await app.LoginAsync("quangloc.chuyenvien");
        var leader = await app.LoginAsync("quangloc.lanhdao");
        async Task<JsonElement> Total() => (await leader.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction")).GetProperty("total");
        var before = (await Total()).GetProperty("endedDossiers").GetInt32();

        var created = await officer.PostAsJsonAsync("/api/v1/communes/16060/dossiers", new
        {
            procedureCode = "1.004873", applicantName = "Lê Thị Đúng Hẹn", citizenId = "038095001111", phone = "0912000333",
            address = "Thôn Trung, xã Quang Lộc", decision = "Accept", received = new[] { 0, 1, 2, 3 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        foreach (var (who, action) in new[] { (officer, "StartProcessing"), (specialist, "HandOver"), (leader, "Complete"), (officer, "Return") })
        {
            var version = (await who.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
            var r = await who.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action, version, receivedBy = "Lê Thị Đúng Hẹn" });
            Assert.True(r.IsSuccessStatusCode, $"{action}: {await r.Content.ReadAsStringAsync()}");
        }

        // The API (a commune's report is grouped by official by default): the returned dossier counts in the total.
        var total = await Total();
        var ended = total.GetProperty("endedDossiers").GetInt32();
        var late = total.GetProperty("lateDossiers").GetInt32();
        Assert.Equal(before + 1, ended);
        Assert.NotEqual(JsonValueKind.Null, total.GetProperty("decision766").ValueKind);

        // The leader's page shows the same count and figure.
        var page = await leader.GetStringAsync("/can-bo/hai-long");
        Assert.Contains($"{ended} hồ sơ đã giải quyết, {late} trễ hạn", page);
        // The trend and the code's compliance are drawn too (server-side SVG, no script), each described for a screen reader.
        var trend = Regex.Match(page, "<svg class=\"chart\" id=\"trend-chart\"[^>]*role=\"img\"[^>]*>.*?</svg>", RegexOptions.Singleline).Value;
        Assert.Contains("<desc id=\"trend-chart-d\">", trend);
        // As many months described as the trend table lists.
        var months = Regex.Matches(Regex.Match(page, "<table id=\"trend\">.*?</table>", RegexOptions.Singleline).Value, "<tr><td>").Count;
        Assert.Equal(months, Regex.Match(trend, "<desc[^>]*>(.*?)</desc>").Groups[1].Value.Split("; ").Length);
        var codeChart = Regex.Match(page, "<svg class=\"chart\" id=\"code-chart\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Equal(12, Regex.Matches(codeChart, "<text x=\"0\"").Count); // one row per point of "5 biết, 3 không, 4 thể hiện"
        var figure = Regex.Match(page, "id=\"total-766\">\\s*<span[^>]*>([^<]+)</span>").Groups[1].Value.Trim();
        Assert.Equal(total.GetProperty("decision766").GetDecimal().ToString("0.##", new System.Globalization.CultureInfo("vi-VN")), figure);

        // The roll-out view of the province: the same dossiers, the same on-time share.
        var supervisor = await app.LoginAsync("giamsat.thanhhoa");
        var rollout = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/model/rollout");
        var row = rollout.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "16060");
        Assert.Equal(Math.Round(100m * (ended - late) / ended, 1), row.GetProperty("onTimeRate").GetDecimal());
        // The roll-out view draws its charts from the same rows: every commune counted once across the stages, one bar each.
        var view = await supervisor.GetStringAsync("/can-bo/nhan-rong");
        var stageChart = Regex.Match(view, "<svg class=\"chart\" id=\"stage-chart\".*?</svg>", RegexOptions.Singleline).Value;
        var described = System.Net.WebUtility.HtmlDecode(Regex.Match(stageChart, "<desc[^>]*>(.*?)</desc>").Groups[1].Value);
        Assert.Equal(rollout.GetArrayLength(), Regex.Matches(described, "\\((\\d+)\\): ").Sum(m => int.Parse(m.Groups[1].Value)));
        var satisfaction = Regex.Match(view, "<svg class=\"chart\" id=\"satisfaction-chart\".*?</svg>", RegexOptions.Singleline).Value;
        // Each chart says what it shows to a sighted reader too: its title is its visible caption, not only the image's name.
        foreach (var (id, title) in new[] { ("stage-chart", "Tỷ lệ xã, phường theo giai đoạn (%)"), ("progress-chart", "Tiến độ kế hoạch (%)"), ("satisfaction-chart", "Tỷ lệ hài lòng (%)") })
            Assert.Matches($"<figcaption[^>]*>{Regex.Escape(title)}</figcaption><svg class=\"chart\" id=\"{id}\"", System.Net.WebUtility.HtmlDecode(view));
        Assert.Equal(rollout.GetArrayLength(), Regex.Matches(satisfaction, "<text x=\"0\"").Count);
        Assert.Contains(row.GetProperty("satisfactionRate").ValueKind == JsonValueKind.Null ? "N/A"
            : row.GetProperty("satisfactionRate").GetDecimal().ToString("0.##", new System.Globalization.CultureInfo("vi-VN")) + " %",
            System.Net.WebUtility.HtmlDecode(Regex.Match(satisfaction, "<desc[^>]*>(.*?)</desc>").Groups[1].Value));
    }

    [Fact]
    public async Task The_rating_form_marks_the_overall_level_as_required_before_it_is_sent()
    {
        // The one thing a rating must have is its overall level: its legend carries the star (hidden from a screen reader,
        // which hears each radio button's own "required"), and the form says once what the star means.
        var html = await app.Anonymous().GetStringAsync("/xa/03298/danh-gia");
        Assert.Matches("<legend>Bạn hài lòng với việc phục vụ như thế nào\\?<span class=\"req\" aria-hidden=\"true\"> \\*</span></legend>", html);
        Assert.Single(Regex.Matches(html, "Các mục có dấu \\* là bắt buộc."));
        Assert.Equal(5, Regex.Matches(html, "<input type=\"radio\" name=\"Input.Overall\"[^>]*required").Count);
        // The optional parts are not starred.
        Assert.DoesNotMatch("<legend>Cán bộ có thực hiện quy tắc[^<]*<span class=\"req\"", html);
        Assert.DoesNotContain("fg-required", html);
    }

    [Fact]
    public async Task A_returned_dossier_is_rated_once_through_its_receipt_link_and_the_rating_never_changes()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var (code, key) = await TestDossiers.ReceiveAsync(officer);
        var citizen = app.Anonymous();
        // Not before the result: the page says so and the API refuses.
        Assert.Contains("sau khi nhận kết quả", await citizen.GetStringAsync($"/danh-gia/{key}"));
        Assert.Equal(HttpStatusCode.Conflict, (await citizen.PostAsJsonAsync($"/api/v1/tracking/{key}/rating", new { overall = 5 })).StatusCode);
        // The receipt carries the rating link as a QR code.
        Assert.Contains($"/danh-gia/{key}", await officer.GetStringAsync($"/can-bo/ho-so/{code}/phieu"));

        await Act(officer, code, "StartProcessing");
        await Act(await app.LoginAsync("chiengsinh.chuyenvien"), code, "HandOver");
        await Act(await app.LoginAsync("chiengsinh.lanhdao"), code, "Complete");
        await Act(officer, code, "Return", receivedBy: "Lường Thị Én");
        Assert.Contains($"/danh-gia/{key}", await citizen.GetStringAsync($"/tra-cuu/{key}"));

        var page = $"/danh-gia/{key}";
        var html = await citizen.GetStringAsync(page);
        Assert.Contains("Lò Thị Hoa", html); // the official who returned the result
        Assert.Contains("Biết nghe dân nói", html);
        var sent = await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, Form(2, [1, 1, 2], "Phải chờ lâu khi nhận kết quả")));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Cảm ơn bạn đã đánh giá", await citizen.GetStringAsync(sent.Headers.Location!.ToString()));
        Assert.Contains("đã đánh giá", await citizen.GetStringAsync($"/tra-cuu/{key}"));

        // A second rating of the same dossier is refused, by the page and by the API.
        var again = await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, Form(5)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("đã được đánh giá", await again.Content.ReadAsStringAsync());
        var api = await citizen.PostAsJsonAsync($"/api/v1/tracking/{key}/rating", new { overall = 5 });
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        await using var db = app.OpenDb();
        var d = await db.Dossiers.SingleAsync(x => x.Code == code);
        var rating = await db.Ratings.SingleAsync(r => r.DossierId == d.Id);
        var hoa = await db.Users.SingleAsync(u => u.UserName == "chiengsinh.tiepnhan");
        Assert.Equal((RatingSource.Dossier, SatisfactionLevel.Dissatisfied, hoa.Id, "112000000000"), (rating.Source, rating.Overall, rating.OfficialId, rating.Code));
        // "Biết xin lỗi": the unhappy rating opened a follow-up due five working days later.
        var followUp = await db.FollowUps.SingleAsync(f => f.RatingId == rating.Id);
        Assert.Equal(FollowUpStatus.Open, followUp.Status);
        Assert.True(followUp.DueAt > rating.At.AddDays(4) && followUp.DueAt <= rating.At.AddDays(21), $"{rating.At:o} → {followUp.DueAt:o}");
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(Rating) && a.EntityId == rating.Id.ToString()));

        // Immutable: the context refuses a change, and so does the database itself.
        rating.Overall = SatisfactionLevel.VerySatisfied;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        await using var raw = app.OpenDb();
        await Assert.ThrowsAnyAsync<Exception>(() => raw.Database.ExecuteSqlAsync($"UPDATE \"Ratings\" SET \"Overall\" = 5 WHERE \"Id\" = {rating.Id}"));
        await Assert.ThrowsAnyAsync<Exception>(() => raw.Database.ExecuteSqlAsync($"DELETE FROM \"Ratings\" WHERE \"Id\" = {rating.Id}"));
        await using var check = app.OpenDb();
        Assert.Equal(SatisfactionLevel.Dissatisfied, (await check.Ratings.SingleAsync(r => r.Id == rating.Id)).Overall);
    }

    [Fact]
    public async Task Bad_ratings_get_vietnamese_messages_or_problems_and_nothing_is_saved()
    {
        var (_, key) = await ReturnedDossier();
        await using var before = app.OpenDb();
        var count = await before.Ratings.CountAsync();
        var citizen = app.Anonymous();
        var page = $"/danh-gia/{key}";
        var noLevel = await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, Form(null, comment: "quên chọn mức")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noLevel.StatusCode);
        var html = await noLevel.Content.ReadAsStringAsync();
        Assert.Contains("Chọn mức độ hài lòng chung.", html);
        Assert.Contains("quên chọn mức", html); // what was typed is kept
        var noPhone = await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, Form(3, wantsReply: true)));
        Assert.Contains("hãy ghi số điện thoại", await noPhone.Content.ReadAsStringAsync());
        var badPhone = await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, Form(3, phone: "12345")));
        Assert.Contains("Số điện thoại gồm 10 chữ số", await badPhone.Content.ReadAsStringAsync());

        var api = await citizen.PostAsJsonAsync($"/api/v1/tracking/{key}/rating", new { overall = 9, code = new[] { 1, 7 }, aspects = new[] { 6 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Overall", out _) && errors.TryGetProperty("Code", out _) && errors.TryGetProperty("Aspects", out _), errors.ToString());
        var junk = await citizen.PostAsync($"/api/v1/tracking/{key}/rating", new StringContent("{\"overall\": \"nhiều\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.PostAsJsonAsync("/api/v1/tracking/khongco/rating", new { overall = 5 })).StatusCode);

        await using var after = app.OpenDb();
        Assert.Equal(count, await after.Ratings.CountAsync());
    }

    [Fact]
    public async Task Identical_public_ratings_with_the_same_comment_are_a_flood_after_the_second()
    {
        // Three people (three addresses, as the proxy reports them) send the same copied message.
        HttpClient Person()
        {
            var c = app.AnonymousElsewhere();
            return c;
        }
        var citizen = Person();
        const string page = "/xa/03289/danh-gia";
        var comment = "Tin nhắn sao chép " + Guid.NewGuid().ToString("N")[..6];
        foreach (var person in new[] { citizen, Person() })
            Assert.Equal(HttpStatusCode.Redirect, (await person.PostAsync(page, await AppFixture.FormAsync(person, page, Form(1, comment: comment)))).StatusCode);
        var thirdPerson = Person();
        var third = await thirdPerson.PostAsync(page, await AppFixture.FormAsync(thirdPerson, page, Form(1, comment: comment)));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("giống hệt nhau", await third.Content.ReadAsStringAsync());
        // A different message passes.
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, Form(1, comment: comment + " khác")))).StatusCode);
        // Naming an official who does not work there is refused.
        var f = Form(4);
        f["Input.OfficialId"] = "not-an-official";
        Assert.Contains("Không có cán bộ này ở xã", await (await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, f))).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_public_rating_about_a_named_official_counts_for_that_official()
    {
        var citizen = app.Anonymous();
        const string page = "/xa/03298/danh-gia";
        var html = await citizen.GetStringAsync(page);
        var id = Regex.Match(html, "<option value=\"([^\"]+)\">Quàng Văn Minh").Groups[1].Value;
        Assert.NotEmpty(id);
        var f = Form(5, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], "Anh Minh giải thích cặn kẽ");
        f["Input.OfficialId"] = id;
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, f))).StatusCode);

        // The official sees it among their own ratings, without who wrote it.
        var minh = await app.LoginAsync("chiengsinh.chuyenvien");
        var mine = await minh.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction/ratings");
        Assert.Contains(mine.EnumerateArray(), r => r.GetProperty("comment").GetString() == "Anh Minh giải thích cặn kẽ");
        Assert.All(mine.EnumerateArray(), r => Assert.Equal("Quàng Văn Minh", r.GetProperty("official").GetString()));
        Assert.All(mine.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("contactPhone").ValueKind));
        var own = await minh.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?groupBy=official");
        Assert.True(own.GetProperty("ownOnly").GetBoolean());
        Assert.Equal([id], own.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        // The leader sees every official of the commune.
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var all = await leader.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?groupBy=official");
        Assert.False(all.GetProperty("ownOnly").GetBoolean());
        Assert.True(all.GetProperty("rows").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task Indices_of_a_commune_match_hand_computed_values_and_an_empty_period_is_not_applicable()
    {
        // Commune 03284 has no demo ratings, and no other test rates it.
        var citizen = app.Anonymous();
        const string page = "/xa/03284/danh-gia";
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, Form(5, [1])))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, Form(4, [1])))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, Form(2, [2])))).StatusCode);

        var supervisor = await app.LoginAsync("giamsat.dienbien");
        var report = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?unit=03284&groupBy=month");
        var total = report.GetProperty("total");
        Assert.Equal(3, total.GetProperty("ratings").GetInt32());
        Assert.Equal(66.67m, total.GetProperty("rate").GetDecimal());                  // 2 of 3 at Hài lòng or above
        Assert.Equal(66.67m, total.GetProperty("score").GetDecimal());                 // (100 + 75 + 25) / 3
        Assert.Equal(66.67m, total.GetProperty("code")[0].GetDecimal());               // có, có, không
        Assert.Equal(JsonValueKind.Null, total.GetProperty("code")[1].ValueKind);      // only "không rõ": N/A
        Assert.Equal(1, total.GetProperty("openFollowUps").GetInt32());                // the Không hài lòng one
        Assert.Equal(JsonValueKind.Null, total.GetProperty("decision766").ValueKind);  // no dossier ended there

        var empty = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?unit=03284&from=2020-01-01&to=2020-03-31&groupBy=month");
        Assert.Equal(0, empty.GetProperty("total").GetProperty("ratings").GetInt32());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("total").GetProperty("rate").ValueKind);
        Assert.Equal(["2020-01", "2020-02", "2020-03"], empty.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()));

        // The province view ranks its communes; the commune rated here is among them.
        var province = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?unit=11");
        Assert.Equal("Commune", province.GetProperty("groupBy").GetString());
        var rows = province.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("label").GetString()!.Contains("Chiềng Sinh"));
        var ranked = rows.Where(r => r.GetProperty("rank").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("figures").GetProperty("score").GetDecimal()).ToList();
        Assert.Equal(ranked.OrderDescending(), ranked);

        var bad = await supervisor.GetAsync("/api/v1/satisfaction?unit=03284&from=2025-05-01&to=2025-01-01");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await supervisor.GetAsync("/api/v1/satisfaction?groupBy=weekly")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/v1/satisfaction?from=hôm-qua")).StatusCode);
    }

    [Fact]
    public async Task Decision_766_counts_a_returned_dossier_rated_unhappy()
    {
        var (_, key) = await ReturnedDossier();
        Assert.Equal(HttpStatusCode.Created, (await app.Anonymous().PostAsJsonAsync($"/api/v1/tracking/{key}/rating", new { overall = 1 })).StatusCode);
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var report = await leader.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?groupBy=procedure");
        var row = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "1.004873");
        var f = row.GetProperty("figures");
        var ended = f.GetProperty("endedDossiers").GetInt32();
        var unhappy = f.GetProperty("dissatisfiedDossiers").GetInt32();
        var late = f.GetProperty("lateDossiers").GetInt32();
        Assert.True(ended >= 1 && unhappy >= 1, f.ToString());
        var expected = Math.Max(0, 100m - (Math.Round(late * 100m / ended, 2, MidpointRounding.AwayFromZero) + Math.Round(unhappy * 100m / ended, 2, MidpointRounding.AwayFromZero)));
        Assert.Equal(expected, f.GetProperty("decision766").GetDecimal());
        Assert.True(expected < 100m);
        // The page shows the same figure.
        Assert.Contains("Mức độ hài lòng theo Quyết định 766", await leader.GetStringAsync("/can-bo/hai-long?nhom=Procedure"));
        var xlsx = await leader.GetAsync("/can-bo/hai-long?nhom=Procedure&handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_leader_closes_a_follow_up_only_with_the_explanation_and_the_change_recorded()
    {
        var citizen = app.Anonymous();
        const string page = "/xa/03298/danh-gia";
        var comment = "Cán bộ không nghe tôi nói " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, Form(3, [2], comment, "0913555777", true)))).StatusCode);
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var list = await leader.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction/follow-ups?open=true");
        var item = list.EnumerateArray().Single(x => x.GetProperty("comment").GetString() == comment);
        Assert.Equal("0913555777", item.GetProperty("contactPhone").GetString());
        var id = item.GetProperty("id").GetInt64();
        var version = item.GetProperty("version").GetInt32();

        var tooSoon = await leader.PostAsJsonAsync($"/api/v1/satisfaction/follow-ups/{id}", new { explanation = "Đã xin lỗi", close = true, version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooSoon.StatusCode);
        var errors = (await tooSoon.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("ContactNote", out _) && errors.TryGetProperty("Changes", out _), errors.ToString());

        // Through the page, as a leader would.
        var detail = $"/can-bo/hai-long/phan-hoi/{id}";
        Assert.Contains("0913555777", await leader.GetStringAsync(detail));
        var saved = await leader.PostAsync(detail, await AppFixture.FormAsync(leader, detail, new()
        {
            ["Input.Version"] = version.ToString(), ["Input.ContactNote"] = "Gọi điện ngày 25/11, đã trao đổi",
            ["Input.Explanation"] = "Xin lỗi ông vì cán bộ chưa lắng nghe", ["Input.Changes"] = "Nhắc nhở cán bộ, bố trí thêm người tại quầy",
            ["Input.Close"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = app.OpenDb();
        var f = await db.FollowUps.SingleAsync(x => x.Id == id);
        Assert.Equal((FollowUpStatus.Closed, "chiengsinh.lanhdao"), (f.Status, f.HandledByName));
        Assert.NotNull(f.ClosedAt);
        var again = await leader.PostAsJsonAsync($"/api/v1/satisfaction/follow-ups/{id}", new { explanation = "sửa", version = f.Version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var stale = await leader.PostAsJsonAsync($"/api/v1/satisfaction/follow-ups/{id}", new { explanation = "sửa", version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        // Counted on the leader's desk.
        Assert.Contains("Phản hồi đánh giá chưa hài lòng", await leader.GetStringAsync("/can-bo"));
    }
}


public sealed class SatisfactionTestsSqlite(SqliteApp app) : SatisfactionTests<SqliteApp>(app);
public sealed class SatisfactionTestsPostgres(PostgresApp app) : SatisfactionTests<PostgresApp>(app);
