using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

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
    public async Task The_leader_sees_a_closed_draft_a_disclosure_to_post_and_an_overdue_petition_until_each_is_dealt_with()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        const string awaiting = "Dự thảo đã hết hạn lấy ý kiến, chưa công bố kết quả tổng hợp";
        const string toPost = "Nội dung công khai chờ niêm yết";
        const string overdue = "Phản ánh, kiến nghị quá hạn";
        var before = await ToDoAsync(leader);
        var officerBefore = await ToDoAsync(officer);

        // The test's own rows: a consultation whose period has ended, a draft notice, a petition long past its deadline.
        int closed;
        await using (var db = app.OpenDb())
        {
            var unit = await db.Units.SingleAsync(u => u.Code == "03298");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var c = new Core.Data.Consultation
            {
                UnitId = unit.Id, Kind = Core.Domain.ConsultationKind.Other, Title = "Dự thảo quy ước bản (kiểm thử bàn làm việc)",
                Content = "Nội dung dự thảo để người dân góp ý.", OpensOn = today.AddDays(-40), ClosesOn = today.AddDays(-3), CreatedAt = DateTime.UtcNow.AddDays(-41),
            };
            db.Consultations.Add(c);
            await db.SaveChangesAsync();
            closed = c.Id;
        }
        var draft = await officer.PostAsJsonAsync($"{CS}/disclosures", new
        {
            category = "Other", title = "Danh sách hộ nhận hỗ trợ (kiểm thử bàn làm việc)", summary = "Danh sách các hộ được hỗ trợ trong tháng.",
        });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var petition = await officer.PostAsJsonAsync($"{CS}/petitions", new
        {
            category = "giao-thong", title = "Cầu tràn bản Củ hỏng (kiểm thử bàn làm việc)", content = "Cầu tràn đầu bản Củ bị hỏng mặt, xe máy đi lại nguy hiểm.",
            senderName = "Lò Văn Kiểm", senderPhone = "0912345670", channel = "Counter",
        });
        Assert.Equal(HttpStatusCode.Created, petition.StatusCode);
        var code = (await petition.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        await using (var db = app.OpenDb())
        {
            var p = await db.Petitions.SingleAsync(x => x.Code == code);
            p.SubmittedAt = DateTime.UtcNow.AddDays(-40);
            p.StartClock(p.SubmittedAt, DateTime.UtcNow.AddDays(-18));
            await db.SaveChangesAsync();
        }

        var items = await ToDoAsync(leader);
        Assert.Equal(CountOf(before, awaiting) + 1, CountOf(items, awaiting));
        Assert.Contains(items, i => i.Text == awaiting && i.Href == "/can-bo/dan-chu#lay-y-kien");
        Assert.Equal(CountOf(before, toPost) + 1, CountOf(items, toPost));
        Assert.Equal(CountOf(before, overdue) + 1, CountOf(items, overdue));
        Assert.Contains(items, i => i.Text == overdue && i.Urgent);
        Assert.Equal(items.Count(i => i.Urgent), items.TakeWhile(i => i.Urgent).Count()); // late first

        // A counter officer is not asked to publish summaries or post disclosures.
        var officerItems = await ToDoAsync(officer);
        Assert.Equal(0, CountOf(officerItems, awaiting));
        Assert.Equal(0, CountOf(officerItems, toPost));
        Assert.Equal(CountOf(officerBefore, awaiting), CountOf(officerItems, awaiting));

        var published = await leader.PostAsJsonAsync($"{CS}/consultations/{closed}/summary", new { summary = "Không có ý kiến khác; giữ nguyên dự thảo." });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        Assert.Equal(CountOf(before, awaiting), CountOf(await ToDoAsync(leader), awaiting));
    }

    [Fact]
    public async Task The_supervisor_counts_only_the_petitions_escalated_to_them_in_their_province()
    {
        const string escalated = "Phản ánh, kiến nghị quá hạn, báo cáo cấp trên";
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var dienBien = await app.LoginAsync("giamsat.dienbien");
        var thanhHoa = await app.LoginAsync("giamsat.thanhhoa");
        var (mine0, elsewhere0) = (CountOf(await ToDoAsync(dienBien), escalated), CountOf(await ToDoAsync(thanhHoa), escalated));

        async Task<string> FileAsync(string title)
        {
            var r = await officer.PostAsJsonAsync($"{CS}/petitions", new
            {
                category = "giao-thong", title, content = "Đường vào bản bị sạt, xe máy đi lại khó khăn.", senderName = "Lò Văn Kiểm", senderPhone = "0912345670", channel = "Counter",
            });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        }
        // Long past its deadline (escalated to the province), just past it (the leader's, not the province's), and long past
        // but waiting for the sender's information (paused: it escalates to nobody).
        var (longLate, justLate, paused) = (await FileAsync("Sạt đường bản Củ (quá hạn lâu)"), await FileAsync("Sạt đường bản Lồng (vừa quá hạn)"),
            await FileAsync("Sạt đường bản Hới (chờ bổ sung)"));
        await using (var db = app.OpenDb())
        {
            foreach (var (code, days) in new[] { (longLate, 40), (justLate, 22), (paused, 40) })
            {
                var p = await db.Petitions.SingleAsync(x => x.Code == code);
                p.SubmittedAt = DateTime.UtcNow.AddDays(-days);
                p.StartClock(p.SubmittedAt, DateTime.UtcNow.AddDays(-days + 22));
            }
            await db.SaveChangesAsync();
            await db.Petitions.Where(x => x.Code == paused).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, Core.Domain.PetitionStatus.NeedsInfo)
                .SetProperty(x => x.PausedAt, DateTime.UtcNow.AddDays(-30)));
        }

        var items = await ToDoAsync(dienBien);
        Assert.Equal(mine0 + 1, CountOf(items, escalated));
        Assert.Contains(items, i => i.Text == escalated && i.Urgent && i.Href == "/can-bo/phan-anh?escalated=true");
        Assert.Equal(elsewhere0, CountOf(await ToDoAsync(thanhHoa), escalated)); // another province's supervisor
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
