using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// One official at a time: the counter chooses the specialist on transfer, each official's queue holds what waits for them,
/// a holder's colleague cannot act on the dossier, the leader takes over or reassigns, and the slip and the book name them.
/// </summary>
public abstract class AssignmentTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Commune = "03298";

    /// <summary>A new specialist of the commune, created by its leader through the staff page; returns the account's id and login.</summary>
    private async Task<(string Id, string UserName, string FullName)> NewSpecialistAsync(HttpClient leader, string fullName)
    {
        var userName = "cv" + Guid.NewGuid().ToString("N")[..10];
        var form = await AppFixture.FormAsync(leader, "/can-bo/nhan-su", new()
        {
            ["Input.FullName"] = fullName, ["Input.UserName"] = userName, ["Input.JobTitle"] = "Công chức Tư pháp - Hộ tịch",
            ["Input.Role"] = "specialist", ["Input.Password"] = "Chuyen-vien-2026!",
        });
        var r = await leader.PostAsync("/can-bo/nhan-su?handler=Create", form);
        Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)r.StatusCode}");
        var staff = await leader.GetFromJsonAsync<JsonElement[]>($"/api/v1/staff?unit={Commune}");
        var id = staff!.Single(s => s.GetProperty("userName").GetString() == userName).GetProperty("id").GetString()!;
        return (id, userName, fullName);
    }


    private static async Task<JsonElement> DossierAsync(HttpClient client, string code) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}");

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, string code, string action, string? assigneeId = null, string? note = null)
    {
        var version = (await DossierAsync(client, code)).GetProperty("version").GetInt32();
        return await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action, assigneeId, note, version });
    }

    private static async Task<HttpResponseMessage> AssignAsync(HttpClient client, string code, string? assigneeId)
    {
        var version = (await DossierAsync(client, code)).GetProperty("version").GetInt32();
        return await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/assignee", new { assigneeId, version });
    }

    private static async Task<List<string>> QueueAsync(HttpClient client, bool commune = false) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/me/queue{(commune ? "?commune=true" : "")}"))!.Select(i => i.GetProperty("code").GetString()!)];

    private static async Task Ok(HttpResponseMessage r) => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");

    private static async Task Refused(HttpResponseMessage r, string message)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Contains(message, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_counter_gives_two_dossiers_to_two_specialists_each_finds_theirs_and_only_the_holder_or_the_leader_acts()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var one = await NewSpecialistAsync(leader, "Lò Văn Một");
        var two = await NewSpecialistAsync(leader, "Cà Thị Hai");
        var first = await AppLogin(one);
        var second = await AppLogin(two);
        var a = (await TestDossiers.ReceiveAsync(officer, applicant: "Quàng Văn Panh", phone: "0912 345 678")).Code;
        var b = (await TestDossiers.ReceiveAsync(officer, applicant: "Quàng Văn Panh", phone: "0912 345 678")).Code;

        // Received at the counter, both wait in the counter's queue; a specialist's queue does not hold them.
        Assert.Contains(a, await QueueAsync(officer));
        Assert.DoesNotContain(a, await QueueAsync(first));

        // The transfer form offers the commune's specialists by full name.
        var transfer = await officer.GetStringAsync($"/can-bo/ho-so/{a}");
        Assert.Contains("Lò Văn Một — Công chức Tư pháp - Hộ tịch", transfer);
        Assert.Contains("name=\"Act.AssigneeId\"", transfer);

        // A counter officer is not a specialist: refused, nothing changed.
        var officerId = (await officer.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString();
        var before = (await DossierAsync(officer, a)).GetProperty("version").GetInt32();
        await Refused(await ActAsync(officer, a, "StartProcessing", officerId), "Chọn cán bộ của xã đảm nhận bước tiếp theo.");
        Assert.Equal(before, (await DossierAsync(officer, a)).GetProperty("version").GetInt32());

        await Ok(await ActAsync(officer, a, "StartProcessing", one.Id));
        await Ok(await ActAsync(officer, b, "StartProcessing", two.Id));
        Assert.Equal(one.Id, (await DossierAsync(officer, a)).GetProperty("assigneeId").GetString());

        var firstQueue = await QueueAsync(first);
        var secondQueue = await QueueAsync(second);
        Assert.Contains(a, firstQueue);
        Assert.DoesNotContain(b, firstQueue);
        Assert.Contains(b, secondQueue);
        Assert.DoesNotContain(a, secondQueue);
        Assert.DoesNotContain(a, await QueueAsync(officer));
        var desk = await first.GetStringAsync("/can-bo");
        var section = desk[desk.IndexOf("id=\"hang-doi\"", StringComparison.Ordinal)..];
        Assert.Contains(a, section[..section.IndexOf("</section>", StringComparison.Ordinal)]);

        // The colleague sees who holds it and has no action to take; acting anyway is refused.
        var page = await second.GetStringAsync($"/can-bo/ho-so/{a}");
        Assert.Contains("Lò Văn Một", page);
        Assert.DoesNotContain("Trình lãnh đạo phê duyệt</button>", page);
        await Refused(await ActAsync(second, a, "HandOver"), "Hồ sơ đang do cán bộ khác xử lý");
        await Refused(await AssignAsync(second, a, null), "Hồ sơ đang do cán bộ khác xử lý");
        Assert.Contains("Trình lãnh đạo phê duyệt</button>", await first.GetStringAsync($"/can-bo/ho-so/{a}"));

        // The leader reassigns A to the second specialist, and takes B over.
        await Ok(await AssignAsync(leader, a, two.Id));
        await Ok(await AssignAsync(leader, b, null));
        Assert.DoesNotContain(a, await QueueAsync(first));
        Assert.Contains(a, await QueueAsync(second));
        Assert.DoesNotContain(b, await QueueAsync(second));
        await Refused(await ActAsync(first, a, "HandOver"), "Hồ sơ đang do cán bộ khác xử lý");
        await Refused(await ActAsync(second, b, "HandOver"), "Hồ sơ đang do cán bộ khác xử lý");
        var commune = await QueueAsync(leader, commune: true);
        Assert.Contains(a, commune);
        Assert.Contains(b, commune);

        // The second specialist submits A to the leaders: it waits at the leader's step, nobody submits it again.
        await Ok(await ActAsync(second, a, "HandOver"));
        Assert.Contains(a, await QueueAsync(leader));
        Assert.DoesNotContain(a, await QueueAsync(second));
        Assert.DoesNotContain("Trình lãnh đạo phê duyệt</button>", await leader.GetStringAsync($"/can-bo/ho-so/{a}"));
        await Ok(await ActAsync(leader, a, "Complete"));
        Assert.Contains(a, await QueueAsync(officer)); // back at the counter to return the result
        Assert.DoesNotContain(a, await QueueAsync(leader));

        // The control slip and the tracking book name the officials; the public timeline does not show the internal assignment.
        var slip = await officer.GetStringAsync($"/can-bo/ho-so/{a}/kiem-soat");
        Assert.Contains("Lò Văn Một", slip);
        Assert.Contains("Cà Thị Hai", slip);
        Assert.DoesNotContain(two.UserName, slip);
        var book = await officer.GetStringAsync($"/can-bo/so-theo-doi?q={a}");
        Assert.Contains("Cà Thị Hai", book);
        var steps = await officer.GetFromJsonAsync<JsonElement[]>($"/api/v1/dossiers/{a}/steps");
        Assert.Contains(steps!, s => s.GetProperty("action").GetString() == "Assign" && s.GetProperty("toUserId").GetString() == two.Id);
    }

    [Fact]
    public async Task After_a_supplement_the_dossier_returns_to_the_specialist_who_asked_and_a_closed_one_cannot_be_assigned()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var one = await NewSpecialistAsync(leader, "Tòng Văn Ba");
        var specialist = await AppLogin(one);
        var code = (await TestDossiers.ReceiveAsync(officer, applicant: "Quàng Văn Panh", phone: "0912 345 678")).Code;
        await Ok(await ActAsync(officer, code, "StartProcessing", one.Id));
        await Ok(await ActAsync(specialist, code, "RequestSupplement", note: "Bổ sung bản sao giấy khai sinh"));
        // Waiting for the citizen at the counter: nobody holds it, any counter officer records the supplement.
        Assert.Equal(JsonValueKind.Null, (await DossierAsync(officer, code)).GetProperty("assigneeId").ValueKind);
        Assert.Contains(code, await QueueAsync(officer));
        await Ok(await ActAsync(officer, code, "Supplement"));
        Assert.Equal(one.Id, (await DossierAsync(officer, code)).GetProperty("assigneeId").GetString());
        Assert.Contains(code, await QueueAsync(specialist));

        // Only the counter records the citizen's withdrawal, and it may do so while the specialist holds the file.
        await Refused(await ActAsync(leader, code, "Withdraw", note: "Công dân rút hồ sơ"), "Vai trò của bạn không thực hiện thao tác này.");
        await Ok(await ActAsync(officer, code, "Withdraw", note: "Công dân rút hồ sơ"));
        await Refused(await AssignAsync(leader, code, one.Id), "Hồ sơ đã kết thúc");
        Assert.DoesNotContain(code, await QueueAsync(specialist));
    }

    [Fact]
    public async Task The_procedures_workflow_names_the_specialist_a_transfer_goes_to_by_default()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var named = await NewSpecialistAsync(leader, "Vì Thị Năm");

        // The leader names the specialist on the procedure's specialist step, in the catalog's Excel layout.
        var export = await leader.GetAsync("/can-bo/thu-tuc?handler=Export");
        var rows = (await new MemoryStream(await export.Content.ReadAsByteArrayAsync()).QueryAsync<FriendlyGov.Web.Features.Procedures.CatalogRow>()).ToList();
        var row = rows.Single(r => r.Code == "1.004873");
        Assert.Contains("| specialist |", row.Workflow);
        async Task<HttpResponseMessage> ImportAsync(string official)
        {
            row.Workflow = string.Join("\n", row.Workflow!.Split('\n').Select(l => l.Contains("| specialist |") ? $"{string.Join(" | ", l.Split('|').Take(3).Select(x => x.Trim()))} | {official}" : l));
            using var stream = new MemoryStream();
            await stream.SaveAsAsync(rows);
            var file = new ByteArrayContent(stream.ToArray());
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            var token = AppFixture.Token(await leader.GetStringAsync("/can-bo/thu-tuc"));
            return await leader.PostAsync("/can-bo/thu-tuc?handler=Import", new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "file", "thu-tuc.xlsx" } });
        }
        // A login that is no specialist of the commune is refused, naming it.
        var refused = await ImportAsync("chiengsinh.tiepnhan");
        Assert.Contains("không phải tên đăng nhập của cán bộ xã đảm nhận bước", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        var saved = await ImportAsync(named.UserName);
        Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)saved.StatusCode}");

        // A transfer without a choice goes to the named specialist, and the transfer form offers them first.
        var code = (await TestDossiers.ReceiveAsync(officer)).Code;
        Assert.Matches($"<option value=\"{named.Id}\" selected=\"selected\">", await officer.GetStringAsync($"/can-bo/ho-so/{code}"));
        await Ok(await ActAsync(officer, code, "StartProcessing"));
        Assert.Equal(named.Id, (await DossierAsync(officer, code)).GetProperty("assigneeId").GetString());
        // The export carries the name back out.
        var again = await leader.GetAsync("/can-bo/thu-tuc?handler=Export");
        var reread = (await new MemoryStream(await again.Content.ReadAsByteArrayAsync()).QueryAsync<FriendlyGov.Web.Features.Procedures.CatalogRow>()).Single(r => r.Code == "1.004873");
        Assert.Contains($"| {named.UserName}", reread.Workflow);
    }

    private Task<HttpClient> AppLogin((string Id, string UserName, string FullName) who) => app.LoginAsync(who.UserName, "Chuyen-vien-2026!");
}

public sealed class AssignmentTestsSqlite(SqliteApp app) : AssignmentTests<SqliteApp>(app);
public sealed class AssignmentTestsPostgres(PostgresApp app) : AssignmentTests<PostgresApp>(app);
