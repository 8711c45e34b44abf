using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace FriendlyGov.Tests.Integration;

/// <summary>Every status change of a petition through the API and the pages, on both databases, with tenant isolation.</summary>
public abstract class PetitionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static object Input(string title, string content, string channel = "Counter", string category = "giao-thong", string? village = "03298.04",
        string? meeting = null, bool consent = true) => new
    {
        category, title, content, senderName = "Lò Văn Xuân", senderPhone = "0977654321", senderAddress = "Bản Củ", village, channel, meeting,
        consentPublish = consent,
    };

    private static async Task<(string Code, string Key)> FileAsync(HttpClient staff, object input, string commune = "03298")
    {
        var r = await staff.PostAsJsonAsync($"/api/v1/communes/{commune}/petitions", input);
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("code").GetString()!, body.GetProperty("trackingUrl").GetString()!.Split('/')[^1]);
    }

    private static async Task<JsonElement> GetAsync(HttpClient c, string code) => await c.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{code}");

    private static async Task<HttpResponseMessage> ActAsync(HttpClient c, string code, string action, string? note = null, string? assigneeId = null,
        string? ground = null, string? targetUnit = null, int? version = null)
    {
        version ??= (await GetAsync(c, code)).GetProperty("version").GetInt32();
        return await c.PostAsJsonAsync($"/api/v1/petitions/{code}/actions", new { action, note, assigneeId, ground, targetUnit, version });
    }

    private static async Task OkAsync(HttpResponseMessage r) =>
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");

    private async Task<string> FullNameAsync(string userName)
    {
        await using var db = app.OpenDb();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.FullName).SingleAsync();
    }

    private static async Task<List<string>> LeaderQueueAsync(HttpClient leader) =>
        [.. (await leader.GetFromJsonAsync<JsonElement[]>("/api/v1/me/queue"))!.Select(i => i.GetProperty("code").GetString()!)];

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = app.OpenDb();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task A_petition_goes_from_the_counter_to_the_senders_confirmation_and_reopens_once_when_they_are_not_satisfied()
    {
        var counter = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var sender = app.Anonymous();
        var (code, key) = await FileAsync(counter, Input("Cống thoát nước bản Củ bị vỡ", "Cống qua đường đầu bản Củ bị vỡ, nước chảy tràn mặt đường.",
            channel: "VillageMeeting", meeting: "Họp bản Củ 20/11/2026"));
        var p = await GetAsync(leader, code);
        Assert.Equal("Received", p.GetProperty("status").GetString());
        Assert.Equal("VillageMeeting", p.GetProperty("channel").GetString());
        Assert.Equal("0977654321", p.GetProperty("senderPhone").GetString()); // the leader sees the contact
        Assert.Equal("0977654321", (await GetAsync(counter, code)).GetProperty("senderPhone").GetString()); // so does the counter
        // A specialist of the commune who has not been given it reads the petition, but not whom to call.
        Assert.Equal("0977****21", (await GetAsync(specialist, code)).GetProperty("senderPhone").GetString());
        var page = await specialist.GetStringAsync($"/can-bo/phan-anh/{code}");
        Assert.Contains("0977****21", page);
        Assert.DoesNotContain("0977654321", page);
        // 2 working days to decline, 5 to ask for more, 15 to answer.
        var (refuseBy, askBy, due) = (p.GetProperty("refuseBy").GetDateTime(), p.GetProperty("askInfoBy").GetDateTime(), p.GetProperty("due").GetDateTime());
        Assert.True(refuseBy < askBy && askBy < due, $"{refuseBy} {askBy} {due}");
        Assert.True((due - refuseBy).TotalDays >= 13, $"{refuseBy} → {due}"); // 13 more working days are at least 13 calendar days

        // Only the leader assigns; the counter officer is refused with a reason, and nothing changes.
        var refused = await ActAsync(counter, code, "Assigned", assigneeId: await UserIdAsync("chiengsinh.chuyenvien"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("lãnh đạo", await refused.Content.ReadAsStringAsync());
        Assert.Equal("Received", (await GetAsync(leader, code)).GetProperty("status").GetString());
        // An official of another commune cannot be given it.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(leader, code, "Assigned", assigneeId: await UserIdAsync("quangloc.chuyenvien"))).StatusCode);
        await OkAsync(await ActAsync(leader, code, "Assigned", assigneeId: await UserIdAsync("chiengsinh.chuyenvien")));
        // Given it, the specialist sees the contact, on the page and through the API.
        Assert.Equal("0977654321", (await GetAsync(specialist, code)).GetProperty("senderPhone").GetString());
        Assert.Contains("0977654321", await specialist.GetStringAsync($"/can-bo/phan-anh/{code}"));
        // A stale version is a conflict, not an overwrite.
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(specialist, code, "Started", version: 0)).StatusCode);
        await OkAsync(await ActAsync(specialist, code, "Started"));

        // More information: the clock pauses until the sender answers through the private link.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(specialist, code, "InfoRequested")).StatusCode); // what is needed must be said
        await OkAsync(await ActAsync(specialist, code, "InfoRequested", note: "Cho biết cống nằm ở phía nào của đường."));
        var tracking = await sender.GetFromJsonAsync<JsonElement>($"/api/v1/petition-tracking/{key}");
        Assert.True(tracking.GetProperty("paused").GetBoolean());
        Assert.Equal("Cho biết cống nằm ở phía nào của đường.", tracking.GetProperty("infoRequested").GetString());
        Assert.DoesNotContain("0977654321", tracking.GetRawText());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await sender.PostAsJsonAsync($"/api/v1/petition-tracking/{key}/info", new { info = " " })).StatusCode);
        await OkAsync(await sender.PostAsJsonAsync($"/api/v1/petition-tracking/{key}/info", new { info = "Phía bên trái, cạnh nhà văn hóa bản." }));
        Assert.Equal("InProgress", (await GetAsync(leader, code)).GetProperty("status").GetString());

        // The specialist's answer goes to the leader first: neither the sender nor the board sees the draft.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(specialist, code, "Answered", note: "ngắn")).StatusCode);
        await OkAsync(await ActAsync(specialist, code, "Answered", note: "Xã sẽ xem xét thay cống."));
        Assert.Equal("AwaitingApproval", (await GetAsync(leader, code)).GetProperty("status").GetString());
        tracking = await sender.GetFromJsonAsync<JsonElement>($"/api/v1/petition-tracking/{key}");
        Assert.Equal(JsonValueKind.Null, tracking.GetProperty("answer").ValueKind);
        Assert.DoesNotContain("Xã sẽ xem xét thay cống", tracking.GetRawText());
        Assert.DoesNotContain("Xã sẽ xem xét thay cống", await sender.GetStringAsync("/xa/03298/phan-anh-kien-nghi?q=cong thoat nuoc ban cu"));
        Assert.Contains(code, await LeaderQueueAsync(leader));
        // The specialist cannot approve their own draft; the leader sends it back with what to fix.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(specialist, code, "AnswerApproved")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(leader, code, "AnswerReturned")).StatusCode); // say what to fix
        await OkAsync(await ActAsync(leader, code, "AnswerReturned", note: "Nêu rõ ngày thay cống."));
        Assert.Contains("Nêu rõ ngày thay cống.", await specialist.GetStringAsync($"/can-bo/phan-anh/{code}"));
        await OkAsync(await ActAsync(specialist, code, "Answered", note: "Xã đã thay ống cống mới ngày 24/11. Cảm ơn ông đã phản ánh."));
        Assert.Contains("Duyệt và gửi trả lời", await leader.GetStringAsync($"/can-bo/phan-anh/{code}"));
        await OkAsync(await ActAsync(leader, code, "AnswerApproved"));

        // Approved: sent and published on the commune's board, without the phone or address, with who approved it.
        tracking = await sender.GetFromJsonAsync<JsonElement>($"/api/v1/petition-tracking/{key}");
        Assert.Equal("Xã đã thay ống cống mới ngày 24/11. Cảm ơn ông đã phản ánh.", tracking.GetProperty("answer").GetString());
        var approver = tracking.GetProperty("approvedBy").GetString()!;
        Assert.StartsWith(await FullNameAsync("chiengsinh.lanhdao"), approver);
        Assert.Contains(approver, WebUtility.HtmlDecode(await sender.GetStringAsync($"/phan-anh/{key}")));
        var board = WebUtility.HtmlDecode(await sender.GetStringAsync("/xa/03298/phan-anh-kien-nghi?q=cong thoat nuoc ban cu"));
        Assert.Contains("Xã đã thay ống cống mới", board);
        Assert.Contains(approver, board);
        Assert.DoesNotContain("chiengsinh.lanhdao", board);
        Assert.DoesNotContain("0977654321", board);
        Assert.DoesNotContain("Lò Văn Xuân", board); // the sender did not choose to show the name

        // Not satisfied: a rating of the petition (with a follow-up for the leader), and the petition reopens once.
        await OkAsync(await sender.PostAsJsonAsync($"/api/v1/petition-tracking/{key}/confirm", new { overall = 2, comment = "Cống mới vẫn bị tắc." }));
        p = await GetAsync(leader, code);
        Assert.Equal("InProgress", p.GetProperty("status").GetString());
        Assert.Equal(1, p.GetProperty("reopenCount").GetInt32());
        await using (var db = app.OpenDb())
        {
            var id = await db.Petitions.Where(x => x.Code == code).Select(x => x.Id).SingleAsync();
            var rating = await db.Ratings.SingleAsync(r => r.PetitionId == id);
            Assert.Equal((RatingSource.Petition, SatisfactionLevel.Dissatisfied), (rating.Source, rating.Overall));
            Assert.True(await db.FollowUps.AnyAsync(f => f.RatingId == rating.Id));
        }
        await OkAsync(await ActAsync(specialist, code, "Answered", note: "Đã nạo vét lại cống và lắp song chắn rác."));
        await OkAsync(await ActAsync(leader, code, "AnswerApproved"));
        await OkAsync(await sender.PostAsJsonAsync($"/api/v1/petition-tracking/{key}/confirm", new { overall = 2 }));
        p = await GetAsync(leader, code);
        Assert.Equal("Closed", p.GetProperty("status").GetString()); // reopened once only
        Assert.False(p.GetProperty("senderSatisfied").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await sender.PostAsJsonAsync($"/api/v1/petition-tracking/{key}/confirm", new { overall = 5 })).StatusCode);
        await using (var db = app.OpenDb())
        {
            var id = await db.Petitions.Where(x => x.Code == code).Select(x => x.Id).SingleAsync();
            Assert.Equal(1, await db.Ratings.CountAsync(r => r.PetitionId == id)); // one rating per petition
            var actions = await db.PetitionEvents.Where(e => e.PetitionId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
            Assert.Equal([PetitionAction.Submitted, PetitionAction.Assigned, PetitionAction.Started, PetitionAction.InfoRequested, PetitionAction.InfoProvided,
                PetitionAction.AnswerProposed, PetitionAction.AnswerReturned, PetitionAction.AnswerProposed, PetitionAction.Answered, PetitionAction.Confirmed,
                PetitionAction.Reopened, PetitionAction.AnswerProposed, PetitionAction.Answered, PetitionAction.Confirmed, PetitionAction.Closed], actions);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(Petition) && a.EntityId == id.ToString()));
        }
    }

    [Fact]
    public async Task Bad_input_gets_vietnamese_reasons_and_saves_nothing()
    {
        var counter = await app.LoginAsync("chiengsinh.tiepnhan");
        await using var db = app.OpenDb();
        var before = await db.Petitions.CountAsync();
        async Task<string> Refused(object body)
        {
            var r = await counter.PostAsJsonAsync("/api/v1/communes/03298/petitions", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            return await r.Content.ReadAsStringAsync();
        }
        Assert.Contains("Chọn lĩnh vực", await Refused(new { title = "Đường hỏng", content = "Đường hỏng nặng", senderName = "A B", senderPhone = "0977654321" }));
        Assert.Contains("Ghi cuộc họp", await Refused(Input("Đèn đường hỏng", "Đèn đường hỏng nhiều ngày", channel: "VoterMeeting")));
        Assert.Contains("Thôn, bản không thuộc xã", await Refused(Input("Đèn đường hỏng", "Đèn đường hỏng nhiều ngày", village: "16060.01")));
        Assert.Contains("Số điện thoại", await Refused(new { category = "khac", title = "Đèn đường hỏng", content = "Đèn đường hỏng nhiều ngày", senderName = "A B", senderPhone = "12345", channel = "Counter" }));
        Assert.Contains("trả lời bạn", await Refused(new { category = "khac", title = "Đèn đường hỏng", content = "Đèn đường hỏng nhiều ngày", senderName = "A B", channel = "Counter" }));
        Assert.Contains("lãnh thổ Việt Nam", await Refused(new { category = "khac", title = "Đèn đường hỏng", content = "Đèn đường hỏng nhiều ngày", senderName = "A B", senderPhone = "0977654321", latitude = 48.85, longitude = 2.35, channel = "Counter" }));
        Assert.Contains("kênh tiếp nhận", await Refused(Input("Đèn đường hỏng", "Đèn đường hỏng nhiều ngày", channel: "Web")));
        // Malformed JSON is a 400 problem, not a 500.
        var broken = await counter.PostAsync("/api/v1/communes/03298/petitions", new StringContent("{\"title\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        // The public form: 422 with the messages on the page, no JavaScript needed.
        var citizen = app.Anonymous();
        var form = await AppFixture.FormAsync(citizen, "/xa/03298/phan-anh", new() { ["Input.Title"] = "x", ["Input.ConsentPublish"] = "false" });
        var page = await citizen.PostAsync("/xa/03298/phan-anh", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Chọn lĩnh vực phản ánh.", html);
        Assert.Contains("Tiêu đề cần ít nhất 5 ký tự.", html);
        Assert.Contains("Nhập họ và tên người gửi", html.Replace("Họ và tên người gửi cần ít nhất 2 ký tự.", "Nhập họ và tên người gửi"));
        Assert.Equal(before, await db.Petitions.CountAsync());
    }

    private static byte[] Jpeg(int w = 64, int h = 48)
    {
        using var bmp = new SKBitmap(w, h);
        using (var c = new SKCanvas(bmp)) c.Clear(SKColors.Orange);
        return SKImage.FromBitmap(bmp).Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
    }

    [Fact]
    public async Task A_citizen_files_from_the_public_form_with_a_photo_that_only_the_sender_and_the_commune_can_see_until_published()
    {
        var citizen = app.Anonymous();
        var html = await citizen.GetStringAsync("/xa/03298/phan-anh");
        var form = new MultipartFormDataContent
        {
            { new StringContent(AppFixture.Token(html)), "__RequestVerificationToken" },
            { new StringContent("moi-truong"), "Input.Category" },
            { new StringContent("Khói đốt rơm rạ gần trường học"), "Input.Title" },
            { new StringContent("Chiều nào cũng đốt rơm rạ sát trường mầm non bản Lồng, trẻ bị ho."), "Input.Content" },
            { new StringContent("03298.05"), "Input.Village" },
            { new StringContent("Lường Thị Mai"), "Input.SenderName" },
            { new StringContent("0988777666"), "Input.SenderPhone" },
            { new StringContent("true"), "Input.ConsentPublish" },
            { new StringContent("21,5912"), "Lat" }, // typed with a decimal comma on a Vietnamese phone
            { new StringContent("103.4021"), "Lng" },
        };
        var photo = new ByteArrayContent(Jpeg());
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(photo, "photos", "khoi.jpg");
        var r = await citizen.PostAsync("/xa/03298/phan-anh", form);
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, System.Text.RegularExpressions.Regex.Match(await r.Content.ReadAsStringAsync(), "<div class=\"error[^>]*>.*?</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Value);
        var link = r.Headers.Location!.ToString();
        Assert.StartsWith("/phan-anh/", link);
        var key = link.Split('/')[^1].Split('?')[0];
        var mine = await citizen.GetStringAsync(link);
        Assert.Contains("Đã gửi phản ánh", mine);
        Assert.Contains("Môi trường", mine);

        await using var db = app.OpenDb();
        var p = await db.Petitions.SingleAsync(x => x.TrackingKey == key);
        Assert.Equal((PetitionChannel.Web, "Lồng", 21.5912), (p.Channel, p.VillageName, p.Latitude!.Value));
        var photoId = await db.PetitionPhotos.Where(x => x.PetitionId == p.Id).Select(x => x.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync($"/phan-anh/anh/{photoId}?key={key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/phan-anh/anh/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("quangloc.tiepnhan")).GetAsync($"/phan-anh/anh/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.LoginAsync("chiengsinh.chuyenvien")).GetAsync($"/phan-anh/anh/{photoId}")).StatusCode);
        // Another commune's staff do not find it; the commune's do, with the contact.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("quangloc.lanhdao")).GetAsync($"/api/v1/petitions/{p.Code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("quangloc.lanhdao")).GetAsync($"/can-bo/phan-anh/{p.Code}")).StatusCode);
        var staffPage = await (await app.LoginAsync("chiengsinh.lanhdao")).GetStringAsync($"/can-bo/phan-anh/{p.Code}");
        Assert.Contains("0988777666", staffPage);
        // The province's supervisor reads it, with the phone masked.
        var sup = await GetAsync(await app.LoginAsync("giamsat.dienbien"), p.Code);
        Assert.Equal("0988****66", sup.GetProperty("senderPhone").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("giamsat.thanhhoa")).GetAsync($"/api/v1/petitions/{p.Code}")).StatusCode);
    }

    [Fact]
    public async Task A_transfer_hands_the_petition_to_another_commune_which_then_sees_and_handles_it_with_the_clock_restarted()
    {
        var aLeader = await app.LoginAsync("chiengsinh.lanhdao");
        var bLeader = await app.LoginAsync("quangloc.lanhdao");
        var (code, key) = await FileAsync(await app.LoginAsync("chiengsinh.tiepnhan"),
            Input("Xin xác nhận đất ở Quang Lộc", "Tôi có thửa đất tại thôn Nam xã Quang Lộc, xin xác nhận nguồn gốc.", category: "dat-dai", village: null));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(aLeader, code, "TransferredOut", targetUnit: "16060")).StatusCode); // a reason is needed
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(aLeader, code, "TransferredOut", note: "x", targetUnit: "03298")).StatusCode); // not to itself
        await OkAsync(await ActAsync(aLeader, code, "TransferredOut", note: "Thửa đất thuộc địa bàn xã Quang Lộc.", targetUnit: "16060"));

        var old = await GetAsync(aLeader, code);
        Assert.Equal("Transferred", old.GetProperty("status").GetString());
        Assert.Contains("Quang Lộc", old.GetProperty("transferredTo").GetString());
        // The sender's link now shows the receiving commune's record.
        var tracking = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/petition-tracking/{key}");
        var newCode = tracking.GetProperty("code").GetString()!;
        Assert.StartsWith("PA-16060-", newCode);
        Assert.Equal("Received", tracking.GetProperty("status").GetString());
        var received = await GetAsync(bLeader, newCode);
        Assert.Equal("0977654321", received.GetProperty("senderPhone").GetString()); // now Quang Lộc handles it
        Assert.Contains(received.GetProperty("events").EnumerateArray(), e => e.GetProperty("action").GetString() == "TransferredIn");
        // Chiềng Sinh can no longer act on it, or read the new record.
        Assert.Equal(HttpStatusCode.NotFound, (await aLeader.GetAsync($"/api/v1/petitions/{newCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(aLeader, code, "Answered", note: "Trả lời sau khi đã chuyển")).StatusCode);
        await OkAsync(await ActAsync(bLeader, newCode, "Assigned", assigneeId: await UserIdAsync("quangloc.chuyenvien")));

        // To the province: its supervisor handles it as the leader would.
        var (code2, _) = await FileAsync(await app.LoginAsync("chiengsinh.tiepnhan"),
            Input("Quốc lộ 279 sạt lở đoạn qua xã", "Quốc lộ 279 sạt lở taluy, cần tỉnh chỉ đạo xử lý.", village: null));
        await OkAsync(await ActAsync(aLeader, code2, "TransferredOut", note: "Quốc lộ do tỉnh quản lý.", targetUnit: "11"));
        var sup = await app.LoginAsync("giamsat.dienbien");
        var atProvince = (await sup.GetFromJsonAsync<JsonElement>("/api/v1/petitions?q=Quốc lộ 279&status=Received")).EnumerateArray().Single();
        var provinceCode = atProvince.GetProperty("code").GetString()!;
        Assert.StartsWith("PA-11-", provinceCode);
        await OkAsync(await ActAsync(sup, provinceCode, "Answered", note: "Sở Xây dựng đã cử đơn vị bảo trì xử lý sạt lở trong tuần."));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("giamsat.thanhhoa")).GetAsync($"/api/v1/petitions/{provinceCode}")).StatusCode);
    }

    [Fact]
    public async Task A_rejection_names_the_ground_and_the_way_to_go()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var (code, key) = await FileAsync(await app.LoginAsync("chiengsinh.tiepnhan"), Input("Khiếu nại quyết định xử phạt", "Tôi khiếu nại quyết định xử phạt hành chính của xã."));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(leader, code, "Rejected", note: "Là khiếu nại")).StatusCode); // ground missing
        await OkAsync(await ActAsync(leader, code, "Rejected", note: "Nội dung là khiếu nại quyết định hành chính.", ground: "Complaint"));
        var t = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/petition-tracking/{key}");
        Assert.Equal("Rejected", t.GetProperty("status").GetString());
        Assert.Contains("Luật Khiếu nại", t.GetProperty("wayToGo").GetString());
    }

    [Fact]
    public async Task A_duplicate_is_offered_linked_and_answered_by_the_same_answer()
    {
        var counter = await app.LoginAsync("chiengsinh.tiepnhan");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var (first, _) = await FileAsync(counter, Input("Cầu treo bản Lồng gãy ván sàn", "Cầu treo bản Lồng bị gãy nhiều tấm ván sàn, người đi bộ rất nguy hiểm."));
        var (second, secondKey) = await FileAsync(counter, Input("Ván sàn cầu treo bản Lồng bị gãy", "Cầu treo bản Lồng gãy ván sàn, người đi rất nguy hiểm, đề nghị sửa."));
        var view = await GetAsync(leader, second);
        Assert.Contains(first, view.GetProperty("similar").EnumerateArray().Select(x => x.GetString()));
        var page = await leader.GetStringAsync($"/can-bo/phan-anh/{second}");
        Assert.Contains("Có thể trùng với phản ánh đang xử lý", page);
        var link = await leader.PostAsJsonAsync($"/api/v1/petitions/{second}/link", new { to = first, version = view.GetProperty("version").GetInt32() });
        await OkAsync(link);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await leader.PostAsJsonAsync($"/api/v1/petitions/{first}/link", new { to = second, version = (await GetAsync(leader, first)).GetProperty("version").GetInt32() })).StatusCode);
        await OkAsync(await ActAsync(leader, first, "Assigned", assigneeId: await UserIdAsync("chiengsinh.chuyenvien")));
        await OkAsync(await ActAsync(specialist, first, "Answered", note: "Xã đã thay 12 tấm ván sàn cầu treo bản Lồng ngày 25/11."));
        await OkAsync(await ActAsync(leader, first, "AnswerApproved"));
        var t = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/petition-tracking/{secondKey}");
        Assert.Equal("Answered", t.GetProperty("status").GetString());
        Assert.Equal("Xã đã thay 12 tấm ván sàn cầu treo bản Lồng ngày 25/11.", t.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task An_overdue_petition_escalates_to_the_leader_and_then_to_the_supervisor_of_its_province_only()
    {
        var (code, _) = await FileAsync(await app.LoginAsync("chiengsinh.tiepnhan"), Input("Trạm bơm nước bản Hới Nọ hỏng", "Trạm bơm cấp nước sinh hoạt bản Hới Nọ hỏng, dân thiếu nước."));
        await using (var db = app.OpenDb())
        {
            // Forty calendar days ago: far past fifteen working days plus three.
            var p = await db.Petitions.SingleAsync(x => x.Code == code);
            p.SubmittedAt = DateTime.UtcNow.AddDays(-40);
            p.StartClock(p.SubmittedAt, DateTime.UtcNow.AddDays(-18));
            await db.SaveChangesAsync();
        }
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var own = await GetAsync(leader, code);
        Assert.True(own.GetProperty("overdue").GetBoolean());
        Assert.Equal("Supervisor", own.GetProperty("escalation").GetString());
        var escalated = await (await app.LoginAsync("giamsat.dienbien")).GetFromJsonAsync<JsonElement>("/api/v1/petitions?escalated=true");
        Assert.Contains(code, escalated.EnumerateArray().Select(x => x.GetProperty("code").GetString()));
        var other = await (await app.LoginAsync("giamsat.thanhhoa")).GetFromJsonAsync<JsonElement>("/api/v1/petitions?escalated=true");
        Assert.DoesNotContain(code, other.EnumerateArray().Select(x => x.GetProperty("code").GetString()));
        Assert.Contains("quá hạn", await leader.GetStringAsync("/can-bo"));
    }

    [Fact]
    public async Task A_routing_rule_assigns_new_petitions_of_a_field_to_its_official()
    {
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var cats = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/communes/16060/petition-categories");
        var hung = await UserIdAsync("quangloc.chuyenvien");
        var list = cats.EnumerateArray().Select(c => new
        {
            code = c.GetProperty("code").GetString(), name = c.GetProperty("name").GetString(), active = true,
            defaultAssigneeId = c.GetProperty("code").GetString() == "nong-nghiep" ? hung : null,
        }).ToList();
        var foreign = await UserIdAsync("chiengsinh.chuyenvien"); // an official of another commune cannot be the rule's assignee
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await leader.PutAsJsonAsync("/api/v1/communes/16060/petition-categories",
            list.Select(c => c.code == "khac" ? c with { defaultAssigneeId = foreign } : c).ToList())).StatusCode);
        await OkAsync(await leader.PutAsJsonAsync("/api/v1/communes/16060/petition-categories", list));
        var (code, _) = await FileAsync(await app.LoginAsync("quangloc.tiepnhan"),
            Input("Kênh tưới thôn Nam bị bồi lấp", "Kênh tưới nội đồng thôn Nam bị bồi lấp, lúa thiếu nước.", category: "nong-nghiep", village: "16060.03"), "16060");
        var p = await GetAsync(leader, code);
        Assert.Equal("Assigned", p.GetProperty("status").GetString());
        Assert.Equal("Lê Văn Hùng", p.GetProperty("assignee").GetString());
    }

    [Fact]
    public async Task The_dan_van_kheo_view_counts_by_field_village_and_month_and_exports_to_excel()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var stats = await leader.GetFromJsonAsync<JsonElement>("/api/v1/petitions/stats");
        var total = stats.GetProperty("total");
        await using var db = app.OpenDb();
        var cs = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
        var year = new DateTime(DateTime.UtcNow.AddHours(7).Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-7);
        var expected = await db.Petitions.CountAsync(p => p.UnitId == cs && p.SubmittedAt >= year && p.Status != PetitionStatus.Transferred);
        Assert.Equal(expected, total.GetProperty("total").GetInt32());
        Assert.Contains(stats.GetProperty("byVillage").EnumerateArray(), r => r.GetProperty("key").GetString() == "Hới Ná");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await leader.GetAsync("/api/v1/petitions/stats?from=2026-05-01&to=2026-01-01")).StatusCode);
        var xlsx = await leader.GetAsync("/can-bo/phan-anh/tong-hop?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(bytes, 0, 2));
        Assert.Contains("Dân vận khéo", await leader.GetStringAsync("/can-bo/phan-anh/tong-hop"));
    }
}

public sealed class PetitionTestsSqlite(SqliteApp app) : PetitionTests<SqliteApp>(app);
public sealed class PetitionTestsPostgres(PostgresApp app) : PetitionTests<PostgresApp>(app);
