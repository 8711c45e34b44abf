using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The model's page for the commune (/can-bo/mo-hinh): the plan and the review of conditions read as a record, each row's
/// form folded under it with labelled fields; a value that cannot be read ("abc" for a percentage, a status the list does
/// not have) is refused with its message and saves nothing, where it used to be saved as 0 or as "not started".
/// </summary>
public abstract class ModelPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Api = "/api/v1/communes/03298/model";

    private static async Task<JsonElement> RowAsync(HttpClient c, string list, int id) =>
        (await c.GetFromJsonAsync<JsonElement>(Api)).GetProperty(list).EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == id);

    /// <summary>The table row holding the given form field.</summary>
    private static string Row(string html, string fieldId) =>
        Regex.Matches(html, "<tr>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value).Single(r => r.Contains($"id=\"{fieldId}\""));

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<details.*?</details>|<[^>]+>", " ", RegexOptions.Singleline));

    [Fact]
    public async Task A_plan_task_is_updated_through_its_folded_form_and_an_unreadable_value_saves_nothing()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        // The row this test works on, put in a known state through the API first.
        var task = (await leader.GetFromJsonAsync<JsonElement>(Api)).GetProperty("tasks")[0];
        var id = task.GetProperty("id").GetInt32();
        var due = task.GetProperty("due").GetString()!;
        var reset = await leader.PutAsJsonAsync($"{Api}/tasks/{id}", new { status = "NotStarted", progress = 0, due, version = task.GetProperty("version").GetInt32() });
        Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
        var version = (await RowAsync(leader, "tasks", id)).GetProperty("version").GetInt32();

        var html = await leader.GetStringAsync("/can-bo/mo-hinh");
        var row = Row(html, $"task-{id}-progress");
        Assert.Contains($"<label for=\"task-{id}-progress\">Tiến độ (%)</label>", row);
        Assert.Contains($"<label for=\"task-{id}-status\">Trạng thái</label>", row);
        Assert.Matches("<details class=\"edit\">", row); // folded until the official opens it
        Assert.Contains("Chưa làm", Text(row));
        Assert.Contains("0%", Text(row));

        Dictionary<string, string> Form(string status, string progress) => new()
        {
            ["ItemId"] = id.ToString(), ["Task.Version"] = version.ToString(), ["Task.Due"] = due,
            ["Task.Status"] = status, ["Task.Progress"] = progress, ["Task.Evidence"] = "Biên bản họp Ban số 7",
        };
        foreach (var (status, progress, message) in new[] { ("InProgress", "abc", "Giá trị “abc” không hợp lệ cho Tiến độ (%)."), ("Xong", "40", "Giá trị “Xong” không hợp lệ cho Trạng thái.") })
        {
            var refused = await leader.PostAsync("/can-bo/mo-hinh?handler=Task", await AppFixture.FormAsync(leader, "/can-bo/mo-hinh", Form(status, progress)));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var page = await refused.Content.ReadAsStringAsync();
            Assert.Contains(message, WebUtility.HtmlDecode(page));
            var refusedRow = Row(page, $"task-{id}-progress");
            Assert.Contains("<details class=\"edit\" open=\"open\">", refusedRow); // the row's form comes back open
            // with what was typed, and the stored choice where the typed one does not exist: never 0 or the first status
            Assert.Contains($"name=\"Task.Progress\" value=\"{progress}\"", refusedRow);
            Assert.Matches(status == "Xong" ? "<option value=\"NotStarted\" selected=\"selected\">" : "<option value=\"InProgress\" selected=\"selected\">", refusedRow);
            var stored = await RowAsync(leader, "tasks", id);
            Assert.Equal("NotStarted", stored.GetProperty("status").GetString());
            Assert.Equal(0, stored.GetProperty("progress").GetInt32());
            Assert.Equal(version, stored.GetProperty("version").GetInt32());
        }

        var saved = await leader.PostAsync("/can-bo/mo-hinh?handler=Task", await AppFixture.FormAsync(leader, "/can-bo/mo-hinh", Form("InProgress", "40")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await RowAsync(leader, "tasks", id);
        Assert.Equal("InProgress", after.GetProperty("status").GetString());
        Assert.Equal(40, after.GetProperty("progress").GetInt32());
        var shown = Text(Row(await leader.GetStringAsync("/can-bo/mo-hinh"), $"task-{id}-progress"));
        Assert.Contains("Đang làm", shown);
        Assert.Contains("40%", shown);
        Assert.Contains("Biên bản họp Ban số 7", shown);
    }

    [Fact]
    public async Task A_condition_rated_with_a_value_the_list_does_not_have_keeps_its_rating()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var item = (await leader.GetFromJsonAsync<JsonElement>(Api)).GetProperty("readiness")[1];
        var id = item.GetProperty("id").GetInt32();
        var set = await leader.PutAsJsonAsync($"{Api}/readiness/{id}", new { rating = "Met", version = item.GetProperty("version").GetInt32() });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        var version = (await RowAsync(leader, "readiness", id)).GetProperty("version").GetInt32();

        var row = Row(await leader.GetStringAsync("/can-bo/mo-hinh"), $"rate-{id}-rating");
        Assert.Contains($"<label for=\"rate-{id}-gap\">Còn thiếu</label>", row);
        Assert.Contains("Đạt", Text(row));

        var refused = await leader.PostAsync("/can-bo/mo-hinh?handler=Rate", await AppFixture.FormAsync(leader, "/can-bo/mo-hinh", new()
        {
            ["ItemId"] = id.ToString(), ["Rate.Version"] = version.ToString(), ["Rate.Rating"] = "9", ["Rate.Gap"] = "Thiếu ghế",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Giá trị “9” không hợp lệ.", page);
        var stored = await RowAsync(leader, "readiness", id);
        Assert.Equal("Met", stored.GetProperty("rating").GetString());
        Assert.Equal(version, stored.GetProperty("version").GetInt32());
    }
}

public sealed class ModelPageTestsSqlite(SqliteApp app) : ModelPageTests<SqliteApp>(app);
public sealed class ModelPageTestsPostgres(PostgresApp app) : ModelPageTests<PostgresApp>(app);
