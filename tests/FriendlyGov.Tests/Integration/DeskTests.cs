using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FriendlyGov.Tests.Integration;

/// <summary>Việc cần làm on the desk: each role sees what waits for it in its commune or area, and an item goes once done.</summary>
public abstract partial class DeskTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string CS = "/api/v1/communes/03298";

    [GeneratedRegex("""<li class="(?<flag>flag)?"><a href="(?<href>[^"]+)"><strong>(?<n>\d+)</strong> (?<text>[^<]+)</a></li>""")]
    private static partial Regex Item();

    /// <summary>The to-do list of the desk as (text, count, link, urgent).</summary>
    private static async Task<List<(string Text, int Count, string Href, bool Urgent)>> ToDoAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/can-bo");
        var start = html.IndexOf("id=\"viec-can-lam\"", StringComparison.Ordinal);
        Assert.True(start > 0, "the desk has no to-do section");
        var section = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        return [.. Item().Matches(section).Select(m => (WebUtility.HtmlDecode(m.Groups["text"].Value), int.Parse(m.Groups["n"].Value),
            WebUtility.HtmlDecode(m.Groups["href"].Value), m.Groups["flag"].Success))];
    }

    private static int CountOf(List<(string Text, int Count, string Href, bool Urgent)> items, string text) =>
        items.Where(i => i.Text == text).Sum(i => i.Count);

    [Fact]
    public async Task The_leader_sees_the_closed_draft_awaiting_its_summary_until_it_is_published()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        const string awaiting = "Dự thảo đã hết hạn lấy ý kiến, chưa công bố kết quả tổng hợp";
        var before = await ToDoAsync(leader);
        Assert.Equal(1, CountOf(before, awaiting));
        Assert.Contains(before, i => i.Text == awaiting && i.Href == "/can-bo/dan-chu#lay-y-kien");
        Assert.Equal(1, CountOf(before, "Nội dung công khai chờ niêm yết")); // the demo draft list of poor households
        Assert.Contains(before, i => i.Text == "Phản ánh, kiến nghị quá hạn" && i.Urgent); // the demo's overdue petition
        Assert.Equal(before.Count(i => i.Urgent), before.TakeWhile(i => i.Urgent).Count()); // late first

        // A counter officer is not asked to publish summaries or post disclosures.
        var officer = await ToDoAsync(await app.LoginAsync("chiengsinh.tiepnhan"));
        Assert.Equal(0, CountOf(officer, awaiting));
        Assert.Equal(0, CountOf(officer, "Nội dung công khai chờ niêm yết"));

        var closed = (await app.Anonymous().GetFromJsonAsync<JsonElement[]>($"{CS}/consultations"))!
            .Single(c => c.GetProperty("title").GetString()!.StartsWith("Dự thảo kế hoạch phát triển kinh tế")).GetProperty("id").GetInt32();
        var published = await leader.PostAsJsonAsync($"{CS}/consultations/{closed}/summary", new { summary = "Nhận 1 ý kiến; đã giải trình." });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        Assert.Equal(0, CountOf(await ToDoAsync(leader), awaiting));
    }

    [Fact]
    public async Task A_new_comment_reaches_the_commune_staff_and_a_proposal_reaches_the_supervisor_of_that_province_only()
    {
        const string comments = "Ý kiến góp ý mới của nhân dân (7 ngày)";
        const string proposals = "Đề xuất của các xã chờ trả lời";
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var dienBien = await app.LoginAsync("giamsat.dienbien");
        var thanhHoa = await app.LoginAsync("giamsat.thanhhoa");
        var (comments0, proposals0, elsewhere0) = (CountOf(await ToDoAsync(officer), comments), CountOf(await ToDoAsync(dienBien), proposals), CountOf(await ToDoAsync(thanhHoa), proposals));

        var open = (await app.Anonymous().GetFromJsonAsync<JsonElement[]>($"{CS}/consultations"))!
            .Single(c => c.GetProperty("title").GetString()!.StartsWith("Dự thảo hương ước")).GetProperty("id").GetInt32();
        var sent = await app.Anonymous().PostAsJsonAsync($"/api/v1/consultations/{open}/comments", new { name = "Lò Văn Tâm", village = "Hới Nọ", content = "Đề nghị thêm quy định về nguồn nước." });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal(comments0 + 1, CountOf(await ToDoAsync(officer), comments));
        Assert.Equal(0, CountOf(await ToDoAsync(await app.LoginAsync("quangloc.tiepnhan")), comments)); // another commune

        var raised = await (await app.LoginAsync("chiengsinh.lanhdao")).PostAsJsonAsync($"{CS}/model/proposals",
            new { title = "Máy tính cho bộ phận một cửa", content = "Đề nghị hỗ trợ 2 máy tính cho bộ phận tiếp nhận và trả kết quả." });
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());
        var supervisorItems = await ToDoAsync(dienBien);
        Assert.Equal(proposals0 + 1, CountOf(supervisorItems, proposals));
        Assert.Contains(supervisorItems, i => i.Text == proposals && i.Urgent && i.Href == "/can-bo/nhan-rong#de-xuat");
        Assert.Equal(elsewhere0, CountOf(await ToDoAsync(thanhHoa), proposals));
        Assert.DoesNotContain(supervisorItems, i => i.Text.StartsWith("Hồ sơ")); // dossiers are the commune's desk, not the province's
    }
}

public sealed class DeskTestsSqlite(SqliteApp app) : DeskTests<SqliteApp>(app);
public sealed class DeskTestsPostgres(PostgresApp app) : DeskTests<PostgresApp>(app);
