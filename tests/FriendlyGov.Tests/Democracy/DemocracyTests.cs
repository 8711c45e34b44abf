using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Web.Features.Democracy;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>Comments, summaries, household votes, land clearance consensus and donations through the API on both databases.</summary>
public abstract class DemocracyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string CS = "/api/v1/communes/03298";

    private static async Task Is(HttpStatusCode expected, HttpResponseMessage r) =>
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");

    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private async Task<int> IdOfAsync(string title) =>
        (await app.Anonymous().GetFromJsonAsync<JsonElement[]>($"{CS}/consultations"))!.Single(c => c.GetProperty("title").GetString()!.StartsWith(title)).GetProperty("id").GetInt32();

    [Fact]
    public async Task Staff_answer_a_citizens_comment_in_public_under_it()
    {
        var citizen = app.AnonymousElsewhere();
        var open = await IdOfAsync("Dự thảo hương ước bản Hới Nọ");
        var question = "Hương ước có quy định giờ giữ trật tự buổi tối không? " + Guid.NewGuid().ToString("N")[..6];
        var comment = await Json(await citizen.PostAsJsonAsync($"/api/v1/consultations/{open}/comments", new { name = "Lò Thị Hỏi", village = "Hới Nọ", content = question }));
        var id = comment.GetProperty("id").GetInt64();
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/consultation-comments/{id}/reply", new { reply = " " }));
        await Is(HttpStatusCode.NotFound, await (await app.LoginAsync("quangloc.lanhdao")).PostAsJsonAsync($"{CS}/consultation-comments/{id}/reply", new { reply = "Không phải xã tôi" }));
        await Is(HttpStatusCode.OK, await officer.PostAsJsonAsync($"{CS}/consultation-comments/{id}/reply", new { reply = "Có: Điều 5 quy định giữ trật tự sau 22 giờ." }));
        var view = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/consultations/{open}");
        var mine = view.GetProperty("comments").EnumerateArray().Single(c => c.GetProperty("content").GetString() == question);
        Assert.Equal("Có: Điều 5 quy định giữ trật tự sau 22 giờ.", mine.GetProperty("reply").GetString());
        Assert.Contains("UBND xã trả lời", await app.Anonymous().GetStringAsync($"/xa/03298/gop-y/{open}"));
        // A hidden comment gets no public answer.
        await Is(HttpStatusCode.OK, await officer.PostAsJsonAsync($"{CS}/consultation-comments/{id}/hide", new { reason = "Trùng ý kiến khác" }));
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/consultation-comments/{id}/reply", new { reply = "Lần hai" }));
    }

    [Fact]
    public async Task Citizens_comment_while_open_staff_hide_with_a_reason_and_publish_the_summary_after_it_closes()
    {
        var citizen = app.Anonymous();
        var open = await IdOfAsync("Dự thảo hương ước bản Hới Nọ");
        var closed = await IdOfAsync("Dự thảo kế hoạch phát triển kinh tế");
        await Is(HttpStatusCode.UnprocessableEntity, await citizen.PostAsJsonAsync($"/api/v1/consultations/{open}/comments", new { name = "A", village = "", content = "x" }));
        await Is(HttpStatusCode.Created, await citizen.PostAsJsonAsync($"/api/v1/consultations/{open}/comments", new { name = "Lò Văn Tâm", village = "Hới Nọ", content = "Đề nghị bổ sung quy định giữ vệ sinh nguồn nước." }));
        await Is(HttpStatusCode.UnprocessableEntity, await citizen.PostAsJsonAsync($"/api/v1/consultations/{open}/comments", new { name = "Lò Văn Tâm", village = "Hới Nọ", content = "Đề nghị bổ sung quy định giữ vệ sinh nguồn nước." }));
        var spam = await Json(await citizen.PostAsJsonAsync($"/api/v1/consultations/{open}/comments", new { name = "Quảng cáo", village = "Hới Nọ", content = "Bán đất giá rẻ, gọi ngay!" }));
        await Is(HttpStatusCode.UnprocessableEntity, await citizen.PostAsJsonAsync($"/api/v1/consultations/{closed}/comments", new { name = "Lò Văn Tâm", village = "Củ", content = "Ý kiến muộn sau khi đã hết hạn." }));

        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/consultation-comments/{spam.GetProperty("id").GetInt64()}/hide", new { }));
        await Is(HttpStatusCode.OK, await officer.PostAsJsonAsync($"{CS}/consultation-comments/{spam.GetProperty("id").GetInt64()}/hide", new { reason = "Quảng cáo, không liên quan dự thảo" }));
        var view = await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/consultations/{open}");
        Assert.Contains(view.GetProperty("comments").EnumerateArray(), c => c.GetProperty("name").GetString() == "Lò Văn Tâm");
        Assert.DoesNotContain(view.GetProperty("comments").EnumerateArray(), c => c.GetProperty("name").GetString() == "Quảng cáo");

        // Summary: not while open; responses then the leader's publication; the public sees both.
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/consultations/{open}/responses", new { topic = "Vệ sinh", comments = 1, accepted = true, explanation = "Bổ sung." }));
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/consultations/{closed}/responses", new { topic = "Đường bản Củ", comments = 1, accepted = false }));
        await Is(HttpStatusCode.Created, await officer.PostAsJsonAsync($"{CS}/consultations/{closed}/responses", new { topic = "Ưu tiên đường bản Củ", comments = 1, accepted = false, explanation = "Đường bản Củ đã có trong kế hoạch đầu tư công 2027." }));
        Assert.Equal(JsonValueKind.Null, (await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/consultations/{closed}")).GetProperty("summary").ValueKind);
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/consultations/{closed}/summary", new { summary = "Tổng hợp" }));
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        await Is(HttpStatusCode.OK, await leader.PostAsJsonAsync($"{CS}/consultations/{closed}/summary", new { summary = "Nhận được 1 ý kiến; đã giải trình." }));
        var published = await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/consultations/{closed}");
        Assert.Equal("Nhận được 1 ý kiến; đã giải trình.", published.GetProperty("summary").GetString());
        Assert.False(published.GetProperty("responses")[0].GetProperty("accepted").GetBoolean());
        await Is(HttpStatusCode.UnprocessableEntity, await leader.PostAsJsonAsync($"{CS}/consultations/{closed}/summary", new { summary = "Lần hai" }));
        // Another commune's staff touch nothing.
        await Is(HttpStatusCode.NotFound, await (await app.LoginAsync("quangloc.lanhdao")).PostAsJsonAsync($"{CS}/consultations/{open}/votes", new { headName = "X", village = "Hới Nọ", choice = "Agree" }));
    }

    [Fact]
    public async Task The_public_comment_form_marks_what_must_be_filled_and_which_field_was_wrong()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var today = DateTime.UtcNow.AddHours(7);
        var id = (await Json(await officer.PostAsJsonAsync($"{CS}/consultations", new
        {
            kind = "Other", title = "Dự thảo nội quy nhà văn hoá " + Guid.NewGuid().ToString("N")[..6], content = "Giờ mở cửa nhà văn hoá bản.",
            opensOn = today.ToString("yyyy-MM-dd"), closesOn = today.AddDays(10).ToString("yyyy-MM-dd"),
        }))).GetProperty("id").GetInt32();
        var page = $"/xa/03298/gop-y/{id}";
        var citizen = app.AnonymousElsewhere();
        var empty = await citizen.GetStringAsync(page);
        foreach (var field in new[] { "Input_Name", "Input_Village", "Input_Content" })
            Assert.Matches($"<label[^>]*for=\"{field}\"[^>]*>[^<]+<span class=\"req\"", empty);
        Assert.Contains("Các mục có dấu * là bắt buộc.", empty);

        var sent = await citizen.PostAsync(page, await AppFixture.FormAsync(citizen, page, new()
        {
            ["Input.Name"] = "L", ["Input.Village"] = "Hới Nọ", ["Input.Content"] = "Đề nghị mở cửa đến 21 giờ vào cuối tuần.",
        }));
        var html = await sent.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sent.StatusCode);
        Assert.Matches("<input[^>]*id=\"Input_Name\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"Input_Name-error\"", html);
        Assert.Matches("<span[^>]*id=\"Input_Name-error\"[^>]*>Nhập họ và tên \\(2–100 ký tự\\).</span>", html);
        Assert.DoesNotMatch("<textarea[^>]*id=\"Input_Content\"[^>]*aria-invalid", html);
        Assert.Contains("Đề nghị mở cửa đến 21 giờ vào cuối tuần.</textarea>", html); // what was typed is kept
        var view = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/consultations/{id}");
        Assert.Empty(view.GetProperty("comments").EnumerateArray());
    }

    [Fact]
    public async Task One_vote_per_household_and_the_result_follows_all_households_of_the_area()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var id = (await Json(await officer.PostAsJsonAsync($"{CS}/consultations", new
        {
            kind = "UnitArrangement", title = "Đặt tên đường bản Lồng", content = "Đặt tên đường trục bản là đường Pá Khoang.", opensOn = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"),
            closesOn = DateTime.UtcNow.AddHours(7).AddDays(3).ToString("yyyy-MM-dd"), village = "Lồng", households = 5,
        }))).GetProperty("id").GetInt32();
        // A land-use plan needs 30 days of comment.
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/consultations", new { kind = "LandUsePlan", title = "Quy hoạch", content = "Nội dung", opensOn = "2026-12-01", closesOn = "2026-12-10" }));
        foreach (var (head, choice) in new[] { ("Lò Văn A", "Agree"), ("Lò Văn B", "Agree"), ("Lò Văn C", "Disagree") })
            await Is(HttpStatusCode.Created, await officer.PostAsJsonAsync($"{CS}/consultations/{id}/votes", new { headName = head, village = "Lồng", choice }));
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/consultations/{id}/votes", new { headName = "Lò Văn A", village = "Lồng", choice = "Disagree" }));
        var votes = (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/consultations/{id}")).GetProperty("votes");
        Assert.Equal(3, votes.GetProperty("voted").GetInt32());
        Assert.True(votes.GetProperty("quorum").GetBoolean());
        Assert.False(votes.GetProperty("passed").GetBoolean()); // 2 of 5 households is not more than half
        await Is(HttpStatusCode.Created, await officer.PostAsJsonAsync($"{CS}/consultations/{id}/votes", new { headName = "Lò Văn D", village = "Lồng", choice = "Agree" }));
        Assert.True((await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/consultations/{id}")).GetProperty("votes").GetProperty("passed").GetBoolean());
        await Is(HttpStatusCode.Created, await officer.PostAsJsonAsync($"{CS}/consultations/{id}/votes", new { headName = "Lò Văn E", village = "Lồng", choice = "Abstain" }));
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/consultations/{id}/votes", new { headName = "Lò Văn F", village = "Lồng", choice = "Agree" })); // a sixth of five
    }

    [Fact]
    public async Task A_household_agreeing_moves_the_consensus_the_public_sees_counts_and_chosen_names_and_donations_thank_by_consent()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var projectId = (await app.Anonymous().GetFromJsonAsync<JsonElement[]>($"{CS}/clearance"))!.Single(p => p.GetProperty("name").GetString() == "Mở rộng đường vào bản Hới Ná").GetProperty("id").GetInt32();
        var staffView = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/clearance/{projectId}/households");
        var before = staffView.GetProperty("consensus").GetProperty("agreed").GetInt32();
        var xom = staffView.GetProperty("households").EnumerateArray().Single(h => h.GetProperty("headName").GetString() == "Lường Văn Xôm");
        Assert.Equal("Mức hỗ trợ cây ăn quả thấp hơn giá thị trường.", xom.GetProperty("notAgreedReason").GetString());
        Assert.NotEmpty(xom.GetProperty("visits").EnumerateArray());

        // Not straight to handed over; agreeing after the visit moves the figure.
        var hid = xom.GetProperty("id").GetInt32();
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/households/{hid}/status", new { status = "HandedOver", version = xom.GetProperty("version").GetInt32() }));
        await Is(HttpStatusCode.Created, await officer.PostAsJsonAsync($"{CS}/households/{hid}/visits", new { date = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"), visitedBy = "Chủ tịch UBND xã", notes = "Kiểm đếm lại cây, hộ đồng ý." }));
        await Is(HttpStatusCode.OK, await officer.PostAsJsonAsync($"{CS}/households/{hid}/status", new { status = "Agreed", version = xom.GetProperty("version").GetInt32() }));
        var pub = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/clearance/{projectId}");
        Assert.Equal(before + 1, pub.GetProperty("consensus").GetProperty("agreed").GetInt32());
        Assert.DoesNotContain("Lường Văn Xôm", pub.GetRawText());     // agreed, but not to be named
        Assert.DoesNotContain("thấp hơn giá thị trường", pub.GetRawText());
        Assert.Contains("Lò Văn Pánh", pub.GetRawText());
        var hoiNa = pub.GetProperty("byVillage").EnumerateArray().Single(v => v.GetProperty("village").GetString() == "Hới Ná").GetProperty("consensus");
        Assert.Equal(4, hoiNa.GetProperty("agreed").GetInt32());

        // Not agreeing needs the reason.
        var other = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/clearance/{projectId}/households")).GetProperty("households").EnumerateArray().Single(h => h.GetProperty("headName").GetString() == "Lò Thị Xuân");
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/households/{other.GetProperty("id").GetInt32()}/status", new { status = "NotAgreed", version = other.GetProperty("version").GetInt32() }));

        // Donations: totals count everyone, names only those who agreed.
        var board0 = await app.Anonymous().GetFromJsonAsync<JsonElement>($"{CS}/land-donations");
        await Is(HttpStatusCode.UnprocessableEntity, await officer.PostAsJsonAsync($"{CS}/land-donations", new { headName = "Cà Văn Lả", village = "Củ", road = "Đường bản Củ", areaM2 = 0, agreementDate = "2026-11-20" }));
        await Is(HttpStatusCode.Created, await officer.PostAsJsonAsync($"{CS}/land-donations", new { headName = "Cà Văn Lả", village = "Củ", road = "Đường bản Củ", areaM2 = 42.5, wallsMovedM = 8, agreementDate = "2026-11-20", thankPublicly = true }));
        await Is(HttpStatusCode.Created, await officer.PostAsJsonAsync($"{CS}/land-donations", new { headName = "Người giấu tên", village = "Củ", road = "Đường bản Củ", areaM2 = 10, agreementDate = "2026-11-20", thankPublicly = false }));
        var board = await app.Anonymous().GetFromJsonAsync<JsonElement>($"{CS}/land-donations");
        Assert.Contains("Cà Văn Lả", board.GetRawText());
        Assert.DoesNotContain("Người giấu tên", board.GetRawText());
        Assert.Equal(board0.GetProperty("total").GetProperty("areaM2").GetDecimal() + 52.5m, board.GetProperty("total").GetProperty("areaM2").GetDecimal());
        var cu = board.GetProperty("byVillage").EnumerateArray().Single(v => v.GetProperty("key").GetString() == "Củ");
        Assert.Equal(2, cu.GetProperty("donors").GetInt32());
        // The total says how many households are not in the list of names.
        var unnamed = board.GetProperty("unnamed").GetInt32();
        Assert.Equal(board0.GetProperty("unnamed").GetInt32() + 1, unnamed);
        Assert.Equal(board.GetProperty("total").GetProperty("donors").GetInt32() - board.GetProperty("donors").GetArrayLength(), unnamed);
        var page = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/xa/03298/gop-y"));
        var total = page[page.IndexOf("id=\"donation-total\"", StringComparison.Ordinal)..];
        Assert.Contains($"trong đó {unnamed} hộ không muốn nêu tên", total[..total.IndexOf("</p>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Supervisors_follow_consensus_of_their_area_per_project_and_village_with_households_nobody_has_visited()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var created = await leader.PostAsJsonAsync($"{CS}/clearance", new { name = "Kè suối bản Củ", purpose = "Kè chống sạt lở bờ suối qua bản Củ.", villages = "Củ, Lồng", affectedAreaM2 = 900 });
        await Is(HttpStatusCode.Created, created);
        var projectId = (await Json(created)).GetProperty("id").GetInt32();
        var a = await Json(await leader.PostAsJsonAsync($"{CS}/clearance/{projectId}/households", new { headName = "Lò Văn Một", village = "Củ", affectedAreaM2 = 30, phone = "0977 000 111" }));
        var b = await Json(await leader.PostAsJsonAsync($"{CS}/clearance/{projectId}/households", new { headName = "Cà Thị Hai", village = "Lồng", affectedAreaM2 = 40 }));
        // The one phone rule of every form (ten digits from 0, however typed): eight digits with spaces are refused, nothing saved.
        var badPhone = await leader.PostAsJsonAsync($"{CS}/clearance/{projectId}/households", new { headName = "Lò Văn Ba", village = "Củ", affectedAreaM2 = 10, phone = "12 34 56 78" });
        await Is(HttpStatusCode.UnprocessableEntity, badPhone);
        Assert.Contains("Số điện thoại gồm 10 chữ số", await badPhone.Content.ReadAsStringAsync());
        await Is(HttpStatusCode.OK, await leader.PostAsJsonAsync($"{CS}/households/{a.GetProperty("id").GetInt32()}/status", new { status = "NotAgreed", reason = "Chưa rõ mức hỗ trợ.", version = a.GetProperty("version").GetInt32() }));

        var supervisor = await app.LoginAsync("giamsat.dienbien");
        async Task<JsonElement> RowAsync() => (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/clearance")).GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == projectId);
        var row = await RowAsync();
        Assert.Equal("03298", row.GetProperty("commune").GetString());
        Assert.Equal(2, row.GetProperty("consensus").GetProperty("households").GetInt32());
        Assert.Equal(0, row.GetProperty("consensus").GetProperty("agreed").GetInt32());
        Assert.Equal(1, row.GetProperty("notAgreedUnvisited").GetInt32());

        // A visit takes the household off the list; agreeing moves the project and its village, not the other village.
        await Is(HttpStatusCode.Created, await leader.PostAsJsonAsync($"{CS}/households/{a.GetProperty("id").GetInt32()}/visits", new { date = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"), visitedBy = "Bí thư chi bộ bản Củ", notes = "Giải thích mức hỗ trợ." }));
        row = await RowAsync();
        Assert.Equal(0, row.GetProperty("notAgreedUnvisited").GetInt32());
        Assert.Equal(1, row.GetProperty("visits").GetInt32()); // counted by the database, per project
        Assert.Equal(DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"), row.GetProperty("lastVisit").GetString());
        Assert.Equal(0, row.GetProperty("meetings").GetInt32());
        await Is(HttpStatusCode.OK, await leader.PostAsJsonAsync($"{CS}/households/{b.GetProperty("id").GetInt32()}/status", new { status = "Agreed", version = b.GetProperty("version").GetInt32() }));
        row = await RowAsync();
        Assert.Equal(50m, row.GetProperty("consensus").GetProperty("share").GetDecimal());
        var villages = row.GetProperty("byVillage").EnumerateArray().ToDictionary(v => v.GetProperty("village").GetString()!, v => v.GetProperty("consensus").GetProperty("agreed").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Củ"] = 0, ["Lồng"] = 1 }, villages);

        // The supervisor reads the households but not their phones, and writes nothing; another province sees none of it.
        var detail = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/clearance/{projectId}/households");
        Assert.Contains("Chưa rõ mức hỗ trợ.", detail.GetRawText());
        // (Stored as the one form phones are kept in: "0977 000 111" typed, "0977000111" kept.)
        Assert.DoesNotContain("0977000111", detail.GetRawText());
        Assert.Contains("0977000111", (await leader.GetStringAsync($"/api/v1/clearance/{projectId}/households")));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync($"{CS}/households/{b.GetProperty("id").GetInt32()}/status", new { status = "Compensated", version = 2 })).StatusCode);
        var elsewhere = await (await app.LoginAsync("giamsat.thanhhoa")).GetFromJsonAsync<JsonElement>("/api/v1/clearance");
        Assert.DoesNotContain(elsewhere.GetProperty("projects").EnumerateArray(), p => p.GetProperty("id").GetInt32() == projectId);
        Assert.DoesNotContain(elsewhere.GetProperty("donations").EnumerateArray(), d => d.GetProperty("commune").GetString() == "03298");
    }

    [Fact]
    public async Task Each_reading_of_a_projects_households_is_logged_in_the_communes_chain_and_listed_for_its_leaders_without_a_name_or_phone()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var created = await leader.PostAsJsonAsync($"{CS}/clearance", new { name = "Mở rộng đường bản Lồng", purpose = "Mở rộng đường vào bản Lồng.", villages = "Lồng" });
        await Is(HttpStatusCode.Created, created);
        var projectId = (await Json(created)).GetProperty("id").GetInt32();
        // No household yet: nothing personal was read, nothing is logged.
        await leader.GetStringAsync($"/can-bo/dan-chu?du-an={projectId}");
        await using (var db = app.OpenDb())
            Assert.False(await db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Entity == "ClearanceProject" && e.EntityId == projectId.ToString() && e.Action == "Read"));
        await Is(HttpStatusCode.Created, await leader.PostAsJsonAsync($"{CS}/clearance/{projectId}/households", new { headName = "Quàng Văn Đọc", village = "Lồng", affectedAreaM2 = 20, phone = "0977 123 987" }));

        // The commune's specialist opens the list (phones shown); the province's supervisor reads it through the API (phones masked).
        Assert.Contains("0977123987", await (await app.LoginAsync("chiengsinh.chuyenvien")).GetStringAsync($"/can-bo/dan-chu?du-an={projectId}"));
        Assert.DoesNotContain("0977123987", await (await app.LoginAsync("giamsat.dienbien")).GetStringAsync($"/api/v1/clearance/{projectId}/households"));
        // Another province's supervisor is refused and adds nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("giamsat.thanhhoa")).GetAsync($"/api/v1/clearance/{projectId}/households")).StatusCode);

        var page = await leader.GetStringAsync($"/can-bo/dan-chu?du-an={projectId}");
        var reads = System.Text.RegularExpressions.Regex.Match(page, "<details id=\"reads-log\">.*?</details>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("Danh sách hộ bị ảnh hưởng", reads);
        Assert.Contains("(Công chức chuyên môn)", reads);
        Assert.Contains("thông tin cá nhân đã được che", reads); // the supervisor's
        Assert.Contains("xem đầy đủ thông tin cá nhân", reads);  // the specialist's and the leader's own
        await using (var db = app.OpenDb())
        {
            var logged = await db.AuditEntries.IgnoreQueryFilters()
                .Where(e => e.Entity == "ClearanceProject" && e.EntityId == projectId.ToString() && e.Action == "Read").ToListAsync();
            Assert.Equal(3, logged.Count); // specialist, supervisor, leader: one entry each for the whole list
            Assert.All(logged, e => Assert.DoesNotContain("0977123987", e.Changes));
            Assert.All(logged, e => Assert.DoesNotContain("Quàng Văn Đọc", e.Changes));
            Assert.All(logged, e => Assert.Equal(logged[0].UnitId, e.UnitId));
        }
    }

    [Fact]
    public async Task Each_households_visit_counters_follow_its_visits_and_a_counter_changed_behind_the_apps_back_is_found_and_rebuilt()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var created = await leader.PostAsJsonAsync($"{CS}/clearance", new { name = "Nâng cấp đường bản Lồng " + Guid.NewGuid().ToString("N")[..6], purpose = "Nâng cấp mặt đường bê tông." });
        await Is(HttpStatusCode.Created, created);
        var projectId = (await Json(created)).GetProperty("id").GetInt32();
        var h = await Json(await leader.PostAsJsonAsync($"{CS}/clearance/{projectId}/households", new { headName = "Lò Văn Bốn", village = "Lồng", affectedAreaM2 = 25 }));
        var hid = h.GetProperty("id").GetInt32();
        await Is(HttpStatusCode.OK, await leader.PostAsJsonAsync($"{CS}/households/{hid}/status", new { status = "NotAgreed", reason = "Muốn giữ cây xoài.", version = h.GetProperty("version").GetInt32() }));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        async Task<JsonElement> RowAsync() => (await leader.GetFromJsonAsync<JsonElement>("/api/v1/clearance")).GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == projectId);
        async Task Visit(DateOnly on) => await Is(HttpStatusCode.Created, await leader.PostAsJsonAsync($"{CS}/households/{hid}/visits",
            new { date = on.ToString("yyyy-MM-dd"), visitedBy = "Trưởng bản Lồng", notes = "Vận động hộ." }));

        // A visit 40 days ago, recorded now: counted, but the household is still one nobody has visited in 30 days.
        await Visit(today.AddDays(-40));
        var row = await RowAsync();
        Assert.Equal((1, today.AddDays(-40).ToString("yyyy-MM-dd"), 1),
            (row.GetProperty("visits").GetInt32(), row.GetProperty("lastVisit").GetString(), row.GetProperty("notAgreedUnvisited").GetInt32()));
        // Today's visit takes it off; a visit recorded later with an older date does not move the last visit back.
        await Visit(today);
        await Visit(today.AddDays(-10));
        row = await RowAsync();
        Assert.Equal((3, today.ToString("yyyy-MM-dd"), 0),
            (row.GetProperty("visits").GetInt32(), row.GetProperty("lastVisit").GetString(), row.GetProperty("notAgreedUnvisited").GetInt32()));

        int unitId;
        await using (var db = app.OpenDb())
        {
            unitId = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
            Assert.Empty(await HouseholdVisitCounts.DriftAsync(db, unitId));
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE \"AffectedHouseholds\" SET \"VisitCount\" = 7, \"LastVisitOn\" = NULL WHERE \"Id\" = {0}", hid));
        }
        await using (var db = app.OpenDb())
        {
            var drift = await HouseholdVisitCounts.DriftAsync(db, unitId);
            var found = Assert.Single(drift);
            Assert.Contains($"household {hid}", found);
            Assert.Contains("the visits say 3", found);
            Assert.DoesNotContain("Lò Văn Bốn", found); // ids, never names
            Assert.Equal(1, await HouseholdVisitCounts.RebuildAsync(db, unitId));
        }
        await using (var db = app.OpenDb()) Assert.Empty(await HouseholdVisitCounts.DriftAsync(db, unitId));
        Assert.Equal(3, (await RowAsync()).GetProperty("visits").GetInt32());
    }

    [Fact]
    public async Task The_roll_out_view_compares_communes_on_disclosure_this_year_and_clearance_consensus()
    {
        var supervisor = await app.LoginAsync("giamsat.dienbien");
        var row = (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/model/rollout")).EnumerateArray().Single(r => r.GetProperty("code").GetString() == "03298");

        // The same figures as the commune's own public board and clearance list give.
        var year = DateTime.UtcNow.AddHours(7).Year;
        var board = await app.Anonymous().GetFromJsonAsync<JsonElement[]>($"{CS}/disclosures?history=true");
        var postedThisYear = board!.Count(d => d.GetProperty("postedOn").ValueKind == JsonValueKind.String && DateOnly.Parse(d.GetProperty("postedOn").GetString()!).Year == year);
        Assert.True(postedThisYear > 0, "the demo posts disclosures this year");
        Assert.Equal(postedThisYear, row.GetProperty("disclosed").GetInt32());
        var projects = (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/clearance")).GetProperty("projects").EnumerateArray()
            .Where(p => p.GetProperty("commune").GetString() == "03298").Select(p => p.GetProperty("consensus")).ToList();
        var (agreed, households) = (projects.Sum(c => c.GetProperty("agreed").GetInt32()), projects.Sum(c => c.GetProperty("households").GetInt32()));
        Assert.Equal(Math.Round(100m * agreed / households, 1), row.GetProperty("consensus").GetDecimal());

        // A commune without any clearance project has no figure (N/A), not 0 %.
        var quiet = (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/model/rollout")).EnumerateArray().First(r => r.GetProperty("code").GetString() != "03298");
        Assert.Equal(JsonValueKind.Null, quiet.GetProperty("consensus").ValueKind);
    }
}

public sealed class DemocracyTestsSqlite(SqliteApp app) : DemocracyTests<SqliteApp>(app);
public sealed class DemocracyTestsPostgres(PostgresApp app) : DemocracyTests<PostgresApp>(app);
