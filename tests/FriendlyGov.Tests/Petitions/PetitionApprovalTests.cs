using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The leader's approval of answers is the commune's choice: on by default, turned off on the commune's profile page, after
/// which the handler's answer is sent and published at once (and says no approver).
/// </summary>
public abstract class PetitionApprovalTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static async Task<JsonElement> GetAsync(HttpClient c, string code) => await c.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{code}");

    private static async Task<HttpResponseMessage> ActAsync(HttpClient c, string code, string action, string? note = null, string? assigneeId = null)
    {
        var version = (await GetAsync(c, code)).GetProperty("version").GetInt32();
        return await c.PostAsJsonAsync($"/api/v1/petitions/{code}/actions", new { action, note, assigneeId, version });
    }

    private static async Task Ok(HttpResponseMessage r) => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");

    private async Task<(string Code, string Key, string Status)> AnswerBySpecialistAsync(string answer)
    {
        var counter = await app.LoginAsync("quangloc.tiepnhan");
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var specialist = await app.LoginAsync("quangloc.chuyenvien");
        var created = await counter.PostAsJsonAsync("/api/v1/communes/16060/petitions", new
        {
            category = "giao-thong", title = "Ổ gà trên đường vào bản Mới", content = "Đường vào bản Mới có nhiều ổ gà lớn, xe máy dễ ngã.",
            senderName = "Vì Văn Tâm", senderPhone = "0977 111 222", channel = "Counter", consentPublish = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var code = body.GetProperty("code").GetString()!;
        var me = (await specialist.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString();
        await Ok(await ActAsync(leader, code, "Assigned", assigneeId: me));
        await Ok(await ActAsync(specialist, code, "Answered", note: answer));
        return (code, body.GetProperty("trackingUrl").GetString()!.Split('/')[^1], (await GetAsync(leader, code)).GetProperty("status").GetString()!);
    }

    [Fact]
    public async Task Approval_is_on_by_default_and_once_the_commune_turns_it_off_the_handlers_answer_is_sent_at_once()
    {
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var profile = await leader.GetStringAsync("/can-bo/thong-tin-xa");
        Assert.Contains("id=\"approval\"", profile);
        Assert.Contains("checked", profile[profile.IndexOf("id=\"approval\"", StringComparison.Ordinal)..][..200]);
        var (held, heldKey, status) = await AnswerBySpecialistAsync("Xã đã lập kế hoạch vá ổ gà trong tháng 12.");
        Assert.Equal("AwaitingApproval", status);
        Assert.Equal(JsonValueKind.Null, (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/petition-tracking/{heldKey}")).GetProperty("answer").ValueKind);

        // The leader turns approval off on the commune's page (unticked: only the hidden "false" is sent).
        var form = await AppFixture.FormAsync(leader, "/can-bo/thong-tin-xa", new()
        {
            ["Input.Address"] = "UBND xã Quang Lộc", ["Input.AnswersNeedApproval"] = "false",
            ["Input.Version"] = (await leader.GetFromJsonAsync<JsonElement>("/api/v1/communes/16060/profile")).GetProperty("version").GetInt32().ToString(),
        });
        var saved = await leader.PostAsync("/can-bo/thong-tin-xa", form);
        Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)saved.StatusCode}");
        Assert.False((await leader.GetFromJsonAsync<JsonElement>("/api/v1/communes/16060/profile")).GetProperty("answersNeedApproval").GetBoolean());

        var (_, key, direct) = await AnswerBySpecialistAsync("Xã đã vá xong các ổ gà ngày 30/11.");
        Assert.Equal("Answered", direct);
        var tracking = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/petition-tracking/{key}");
        Assert.Equal("Xã đã vá xong các ổ gà ngày 30/11.", tracking.GetProperty("answer").GetString());
        Assert.Equal(JsonValueKind.Null, tracking.GetProperty("approvedBy").ValueKind);
        // The draft written before the change still waits for the leader.
        Assert.Equal("AwaitingApproval", (await GetAsync(leader, held)).GetProperty("status").GetString());

        // An API update that does not mention approval leaves it as it is.
        var version = (await leader.GetFromJsonAsync<JsonElement>("/api/v1/communes/16060/profile")).GetProperty("version").GetInt32();
        await Ok(await leader.PutAsJsonAsync("/api/v1/communes/16060/profile", new { address = "UBND xã Quang Lộc", version }));
        Assert.False((await leader.GetFromJsonAsync<JsonElement>("/api/v1/communes/16060/profile")).GetProperty("answersNeedApproval").GetBoolean());
    }
}

public sealed class PetitionApprovalTestsSqlite(SqliteApp app) : PetitionApprovalTests<SqliteApp>(app);
public sealed class PetitionApprovalTestsPostgres(PostgresApp app) : PetitionApprovalTests<PostgresApp>(app);
