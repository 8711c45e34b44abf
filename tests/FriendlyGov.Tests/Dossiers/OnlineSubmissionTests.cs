using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

public abstract class OnlineSubmissionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Page = "/xa/03298/thu-tuc/1.004873/nop-truc-tuyen"; // xác nhận tình trạng hôn nhân: online, toàn trình
    private static readonly byte[] Pdf = TestFiles.Pdf("To khai xac nhan tinh trang hon nhan");

    private static async Task<HttpResponseMessage> Submit(HttpClient client, byte[]? file, string fileName = "to-khai.pdf", bool consent = true, string id = "011095001234")
    {
        var token = AppFixture.Token(await client.GetStringAsync(Page));
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Cầm Thị Hương"), "Input.ApplicantName" }, { new StringContent(id), "Input.CitizenId" },
            { new StringContent("0988777666"), "Input.Phone" }, { new StringContent("Bản Chiềng Sinh"), "Input.Address" },
        };
        if (consent) form.Add(new StringContent("true"), "Consent");
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(content, "file-0", fileName);
        }
        return await client.PostAsync(Page, form);
    }

    [Fact]
    public async Task A_citizen_without_an_account_submits_online_and_the_counter_accepts_it()
    {
        var response = await Submit(app.Anonymous(), Pdf);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var key = response.Headers.Location!.ToString().Split('/')[^1];
        var timeline = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/tracking/{key}");
        Assert.Equal("Mới đăng ký", timeline.GetProperty("status").GetString());
        var code = timeline.GetProperty("code").GetString()!;

        long fileId;
        await using (var db = app.OpenDb())
        {
            var d = await db.Dossiers.SingleAsync(x => x.Code == code);
            Assert.Equal(DossierChannel.Online, d.Channel);
            Assert.Null(d.AppointedAt);
            var file = await db.DossierFiles.SingleAsync(f => f.DossierId == d.Id);
            Assert.Equal(Pdf, file.Content);
            Assert.Equal("application/pdf", file.ContentType);
            fileId = file.Id;
        }
        var fileUrl = $"/can-bo/ho-so/{code}?handler=File&id={fileId}";

        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var detail = await officer.GetStringAsync($"/can-bo/ho-so/{code}");
        Assert.Contains("to-khai.pdf", detail);
        var version = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        var accepted = await (await officer.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action = "Accept", version })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Accepted", accepted.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, accepted.GetProperty("appointedAt").ValueKind);
        Assert.Equal(Pdf, await officer.GetByteArrayAsync(fileUrl));
        // Another commune's officer cannot download the attachment; nor can a specialist of this commune who does not
        // handle the dossier (the citizen's papers are their personal data): the page names the paper, without its link.
        var other = await app.LoginAsync("quangloc.tiepnhan");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(fileUrl)).StatusCode);
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var refused = await specialist.GetAsync(fileUrl);
        Assert.True(refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.ToString().Contains("/khong-co-quyen"),
            $"{(int)refused.StatusCode} {refused.Headers.Location}");
        var named = await specialist.GetStringAsync($"/can-bo/ho-so/{code}");
        Assert.DoesNotContain("handler=File", named);
        Assert.Contains("mở được khi hồ sơ được giao cho bạn", named);
        // The counter's download is a reading of the citizen's papers, listed on their page; the refused ones are not.
        var reads = await app.Anonymous().GetStringAsync($"/tra-cuu/{key}/luot-xem");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(reads, "Giấy tờ bạn đã nộp"));
    }

    [Fact]
    public async Task A_file_is_judged_by_its_content_and_consent_is_required()
    {
        await using var before = app.OpenDb();
        var count = await before.Dossiers.CountAsync();
        var exe = await Submit(app.Anonymous(), Encoding.ASCII.GetBytes("MZ\x90\x00 this is not a pdf"), "giay-to.pdf");
        Assert.Contains("không phải PDF, JPG hoặc PNG", await exe.Content.ReadAsStringAsync());
        var noFile = await Submit(app.Anonymous(), null);
        var noFileHtml = await noFile.Content.ReadAsStringAsync();
        Assert.Contains("Đính kèm ít nhất một giấy tờ", noFileHtml);
        AssertFieldTellsItsError(noFileHtml, "file-0", "file-0-error", "Đính kèm ít nhất một giấy tờ");
        var noConsent = await Submit(app.Anonymous(), Pdf, consent: false);
        var noConsentHtml = await noConsent.Content.ReadAsStringAsync();
        Assert.Contains("Cần bạn đồng ý", noConsentHtml);
        Assert.DoesNotMatch("id=\"Consent\"[^>]*checked", noConsentHtml);
        AssertFieldTellsItsError(noConsentHtml, "Consent", "Consent-error", "Cần bạn đồng ý");
        var badId = await Submit(app.Anonymous(), Pdf, id: "12");
        var badIdHtml = await badId.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.CitizenId\"[^>]*>Số định danh cá nhân gồm đúng 12 chữ số.<", badIdHtml);
        // A screen reader hears which field is wrong and why; the fields that were right are not marked.
        AssertFieldTellsItsError(badIdHtml, "Input_CitizenId", "Input_CitizenId-error", "Số định danh cá nhân gồm đúng 12 chữ số.");
        Assert.DoesNotContain("aria-invalid", Tag(badIdHtml, "input", "Input_ApplicantName"));
        // What the citizen gave is not lost silently: the consent stays ticked, and the page names the files to choose again.
        Assert.Matches("id=\"Consent\"[^>]*checked", badIdHtml);
        Assert.Matches("id=\"attach-again\"[^>]*>[^<]*to-khai.pdf", badIdHtml);
        await using var after = app.OpenDb();
        Assert.Equal(count, await after.Dossiers.CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/xa/03298/thu-tuc/2.000884/nop-truc-tuyen")).StatusCode); // counter only
    }

    [Fact]
    public async Task The_form_says_which_fields_must_be_filled_before_it_is_sent()
    {
        var html = await app.Anonymous().GetStringAsync("/xa/03298/thu-tuc/1.004873/nop-truc-tuyen");
        // Required by [Required] on the input model, or by the ID number's domain rule: a star on the label (hidden from a
        // screen reader, which hears aria-required instead), and the note saying what the star means, once.
        foreach (var id in new[] { "Input_ApplicantName", "Input_CitizenId", "Input_Phone", "Input_Address" })
        {
            Assert.Matches($"<label[^>]*for=\"{id}\"[^>]*>[^<]+<span class=\"req\" aria-hidden=\"true\"> \\*</span></label>", html);
            Assert.Contains("aria-required=\"true\"", Tag(html, "input", id));
        }
        Assert.Matches("<label[^>]*for=\"Consent\"[^>]*>[^<]+<span class=\"req\"", html);
        Assert.Single(Regex.Matches(html, "Các mục có dấu \\* là bắt buộc."));
        // A field not marked has neither; the checkbox gets no aria-required, which ARIA does not allow on it.
        Assert.DoesNotMatch("<label[^>]*for=\"file-0\"[^>]*>[^<]+<span class=\"req\"", html);
        Assert.DoesNotContain("aria-required", Tag(html, "input", "file-0"));
        Assert.DoesNotContain("aria-required", Tag(html, "input", "Consent"));
        Assert.DoesNotContain("fg-required", html);
        // A page whose only form has no required field says nothing of stars.
        Assert.DoesNotContain("Các mục có dấu", await app.Anonymous().GetStringAsync("/xa/03298/thu-tuc"));
    }

    /// <summary>The field is marked invalid and described by the element that holds its message.</summary>
    private static void AssertFieldTellsItsError(string html, string fieldId, string messageId, string message)
    {
        var field = Tag(html, "input", fieldId);
        Assert.Contains("aria-invalid=\"true\"", field);
        Assert.Matches($"aria-describedby=\"([^\"]* )?{messageId}\"", field);
        Assert.Matches($"<span[^>]*id=\"{messageId}\"[^>]*>[^<]*{Regex.Escape(message)}", html);
    }

    private static string Tag(string html, string element, string id) =>
        Regex.Match(html, $"<{element}[^>]*id=\"{id}\"[^>]*>").Value is { Length: > 0 } tag
            ? tag : throw new Xunit.Sdk.XunitException($"no <{element} id=\"{id}\"> in the page");

    public static TheoryData<string, byte[]> Disguised() => new()
    {
        { "JPEG header, then a script", [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("<script>alert(document.cookie)</script>")] },
        { "PDF header, then a script", Encoding.ASCII.GetBytes("%PDF-1.7\n<script>alert(document.cookie)</script>") },
        { "a truncated PNG", TestFiles.TruncatedPng() },
        { "a PNG claiming 60,000 × 60,000 pixels", TestFiles.PngClaiming(60_000, 60_000) },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_disguised_or_oversized_file_is_refused_and_nothing_is_saved(string what, byte[] file)
    {
        await using var before = app.OpenDb();
        var count = await before.Dossiers.CountAsync();
        // Each from its own address (through the loopback proxy): the per-client limit of online submissions is not the test.
        var citizen = app.AnonymousElsewhere();
        var response = await Submit(citizen, file, "giay-to.jpg");
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{what}: {response.StatusCode}");
        Assert.Matches("data-valmsg-for=\"file-0\"[^>]*>[^<]+<", await response.Content.ReadAsStringAsync());
        await using var after = app.OpenDb();
        Assert.Equal(count, await after.Dossiers.CountAsync());
    }

    [Fact]
    public async Task A_phone_photo_is_kept_upright_without_its_location_and_re_encoded()
    {
        var photo = Domain.PetitionRulesTests.CameraJpeg();
        var citizen = app.AnonymousElsewhere();
        var response = await Submit(citizen, photo, "IMG_2041.jpg");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var key = response.Headers.Location!.ToString().Split('/')[^1];
        var code = (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/tracking/{key}")).GetProperty("code").GetString()!;
        await using var db = app.OpenDb();
        var stored = await db.DossierFiles.SingleAsync(f => f.DossierId == db.Dossiers.Single(d => d.Code == code).Id);
        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(stored.Content));
        using var kept = SkiaSharp.SKBitmap.Decode(stored.Content);
        Assert.Equal((20, 40), (kept.Width, kept.Height)); // the camera's "rotate 90°" applied: upright
    }

    [Fact]
    public async Task A_signed_in_citizen_finds_the_dossier_in_their_account()
    {
        var citizen = await app.LoginAsync("0987654321");
        Assert.Contains("Hà Thị Mai", await citizen.GetStringAsync(Page)); // prefilled
        var response = await Submit(citizen, Pdf);
        var key = response.Headers.Location!.ToString().Split('/')[^1];
        // Its card: the procedure, where and when, and what happens next.
        string Card(string html) => System.Text.RegularExpressions.Regex.Match(html, $"<li class=\"card\">(?:(?!</li>).)*/tra-cuu/{key}\".*?</li>",
            System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        var card = Card(await citizen.GetStringAsync("/tai-khoan/ho-so"));
        Assert.Contains("Cấp Giấy xác nhận tình trạng hôn nhân", card);
        Assert.Contains("xã Chiềng Sinh", card);
        Assert.Contains($"Ngày nộp: {VietnamTime.FromUtc(DateTime.UtcNow):dd/MM/yyyy}", card);
        Assert.Contains("Mới đăng ký", card);
        Assert.Contains("Bộ phận Một cửa đang kiểm tra hồ sơ", card);
        Assert.Contains($"/tra-cuu/{key}/luot-xem", card); // and who has read it

        // The counter asks for a paper: the card tells the citizen to add it.
        var code = (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/tracking/{key}")).GetProperty("code").GetString()!;
        await TestDossiers.ActAsync(await app.LoginAsync("chiengsinh.tiepnhan"), code, "RequestSupplement", note: "Bản sao giấy khai sinh");
        card = Card(await citizen.GetStringAsync("/tai-khoan/ho-so"));
        Assert.Contains("Yêu cầu bổ sung giấy tờ", card);
        Assert.Contains("Cần bổ sung giấy tờ", card);
        Assert.DoesNotContain("đang kiểm tra hồ sơ", card);
    }
}

public sealed class OnlineSubmissionTestsSqlite(SqliteApp app) : OnlineSubmissionTests<SqliteApp>(app);
public sealed class OnlineSubmissionTestsPostgres(PostgresApp app) : OnlineSubmissionTests<PostgresApp>(app);
