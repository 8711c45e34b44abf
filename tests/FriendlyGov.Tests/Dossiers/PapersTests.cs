using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FriendlyGov.Tests.Integration;

/// <summary>Official papers carry the officials' full names (and titles where signed), never their login names.</summary>
public abstract class PapersTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    /// <summary>The paper's text: the page's main part (papers print on their own layout: then the whole body).</summary>
    private static string Printed(string html)
    {
        var main = Regex.Match(html, "<main[^>]*>(.*)</main>", RegexOptions.Singleline);
        var body = main.Success ? main.Groups[1].Value : Regex.Match(html, "<body[^>]*>(.*)</body>", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Replace(body, "<[^>]+>", " ");
    }

    [Fact]
    public async Task The_receipt_the_control_slip_and_the_staff_timeline_name_officials_by_their_full_names()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var created = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", new
        {
            procedureCode = "1.004873", applicantName = "Lò Văn Giấy", citizenId = "011095003333", phone = "0912000444",
            address = "Bản Hới Nọ", decision = "Accept", received = new[] { 0, 1, 2, 3 },
        });
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        foreach (var (who, action) in new[] { (officer, "StartProcessing"), (specialist, "HandOver") })
        {
            var version = (await who.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
            Assert.True((await who.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action, version })).IsSuccessStatusCode, action);
        }

        var receipt = Printed(await officer.GetStringAsync($"/can-bo/ho-so/{code}/phieu"));
        Assert.Contains("Lò Thị Hoa", receipt);
        var control = Printed(await officer.GetStringAsync($"/can-bo/ho-so/{code}/kiem-soat"));
        Assert.Contains("Quàng Văn Minh, Công chức Tư pháp - Hộ tịch", control);
        Assert.Contains("Lò Thị Hoa, Cán bộ Bộ phận Một cửa", control);
        foreach (var paper in new[] { receipt, control })
            Assert.DoesNotContain("chiengsinh.", paper);
    }

    [Fact]
    public async Task The_senders_view_of_a_petition_names_no_officials_account()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var r = await officer.PostAsJsonAsync("/api/v1/communes/03298/petitions", new
        {
            category = "giao-thong", title = "Đèn đường hỏng", content = "Đèn đường đầu bản Củ hỏng đã hai tuần, buổi tối rất tối.",
            senderName = "Lò Văn Sáng", senderPhone = "0977111222", village = "03298.04", channel = "Counter", consentPublish = false,
        });
        var key = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingUrl").GetString()!.Split('/')[^1];
        var sender = await app.Anonymous().GetStringAsync($"/api/v1/petition-tracking/{key}");
        Assert.Contains("Đèn đường hỏng", sender);
        Assert.DoesNotContain("chiengsinh.", sender);
    }
}

public sealed class PapersTestsSqlite(SqliteApp app) : PapersTests<SqliteApp>(app);
public sealed class PapersTestsPostgres(PostgresApp app) : PapersTests<PostgresApp>(app);
