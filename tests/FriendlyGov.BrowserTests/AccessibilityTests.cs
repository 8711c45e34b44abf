using System.Text.Json;
using System.Text.RegularExpressions;

namespace FriendlyGov.BrowserTests;

/// <summary>
/// Every page a person opens, checked with axe-core's rules (what a screen reader and a keyboard user need) in the real
/// browser: no violation of any impact. Public pages on a phone, staff pages at a desk, printed papers, error pages, and the
/// pages reached only through a dossier's or a petition's own link, with the rows built here.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AccessibilityTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    private static readonly Lazy<string> AxeScript = new(() =>
    {
        var axe = Path.Combine(BrowserFixture.RepoRoot(),
            "tests", "FriendlyGov.BrowserTests", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), "axe-core comes from npm: the browser tests' build restores it");
        return File.ReadAllText(axe);
    });

    /// <summary>The page's axe violations, each as "path: rule (impact) ×nodes: first node"; empty when it passes.</summary>
    private static async Task<List<string>> ViolationsAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        return await ViolationsHereAsync(page, path);
    }

    /// <summary>The axe violations of the page as it stands (after a form was sent back, say), each named with <paramref name="what"/>.</summary>
    internal static async Task<List<string>> ViolationsHereAsync(IPage page, string what)
    {
        // Evaluated, not added as an inline script tag: the pages' Content-Security-Policy allows no inline script.
        await page.EvaluateAsync(AxeScript.Value);
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .map(v => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes[0].html.slice(0, 160)}`)
            """);
        return result.EnumerateArray().Select(v => $"{what}: {v.GetString()}").ToList();
    }

    private static async Task AssertAccessibleAsync(IPage page, IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var path in paths) found.AddRange(await ViolationsAsync(page, path));
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    public static TheoryData<string> PublicPages() =>
    [
        "/", "/xa/03298", "/dang-nhap", "/dang-ky", "/quen-mat-khau", "/tra-cuu", "/tra-cuu?key=khong-co-ma-nay", "/xa/03298/thu-tuc",
        "/xa/03298/thu-tuc/1.004873", "/xa/03298/thu-tuc/1.004873/nop-truc-tuyen", "/xa/03298/thu-tuc/1.004873/niem-yet",
        "/xa/03298/phan-anh", "/xa/03298/phan-anh-kien-nghi", "/xa/03298/danh-gia", "/xa/03298/cong-khai", "/xa/03298/cong-khai/1",
        "/xa/03298/cong-khai/1/niem-yet", "/xa/03298/gop-y", "/xa/03298/gop-y/1", "/xa/03298/nhan-tin", "/cach-lam-hay", "/kiosk",
        "/quan-tri/dang-nhap", "/loi/404", "/khong-co-quyen", "/trang-khong-co", "/bao-ve-du-lieu",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Public_pages_pass_every_accessibility_rule_on_a_phone(string path) =>
        await AssertAccessibleAsync(await fx.NewPageAsync(), [path]);

    public static TheoryData<string, string, string[]> StaffPages() => new()
    {
        { "chiengsinh.tiepnhan", "/can-bo", ["/can-bo", "/can-bo/ho-so", "/can-bo/ho-so/tiep-nhan", "/can-bo/kiosk", "/can-bo/so-theo-doi",
            "/can-bo/thu-tuc", "/can-bo/thong-bao", "/tai-khoan/doi-mat-khau"] },
        { "chiengsinh.lanhdao", "/can-bo", ["/can-bo", "/can-bo/dan-chu?du-an=1", "/can-bo/cong-khai", "/can-bo/cong-khai?id=1", "/can-bo/mo-hinh",
            "/can-bo/phan-anh", "/can-bo/phan-anh/moi", "/can-bo/phan-anh/tong-hop", "/can-bo/phan-anh/linh-vuc", "/can-bo/hai-long",
            "/can-bo/hai-long/phan-hoi", "/can-bo/hai-long/y-kien", "/can-bo/nhan-su", "/can-bo/thong-tin-xa", "/can-bo/gio-lam-viec",
            "/can-bo/cach-lam-hay", "/nhat-ky", "/nhat-ky?loai=read"] },
        { "giamsat.dienbien", "/can-bo", ["/can-bo", "/can-bo/nhan-rong", "/can-bo/giai-phong-mat-bang", "/can-bo/giai-phong-mat-bang?du-an=1",
            "/can-bo/hai-long", "/can-bo/phan-anh/tong-hop", "/nhat-ky"] },
        { "quantri", "/quan-tri/don-vi", ["/quan-tri/don-vi", "/quan-tri/don-vi/them", "/quan-tri/don-vi/sap-nhap", "/quan-tri/don-vi/03298",
            "/quan-tri/lich-nghi", "/can-bo/thong-bao/mau"] },
        { "0987654321", "/", ["/tai-khoan/ho-so", "/tai-khoan/phan-anh", "/tai-khoan/du-lieu", "/tai-khoan/doi-mat-khau"] },
    };

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task Signed_in_pages_pass_every_accessibility_rule(string user, string landing, string[] paths) =>
        await AssertAccessibleAsync(await fx.SignedInAsync(user, landing: landing), paths);

    [Fact]
    public async Task Pages_of_a_new_dossier_and_a_new_petition_pass_every_accessibility_rule()
    {
        // A dossier received at the counter: its receipt, control slip and page for the officer; its tracking and rating
        // pages for the citizen.
        var officer = await fx.SignedInAsync("chiengsinh.tiepnhan");
        await BrowserFixture.ReceiveAtCounterAsync(officer, "Lò Thị Xuân", "011192004321", "0977000111", "Bản Củ, xã Chiềng Sinh");
        var tracking = new Uri(new Uri(fx.BaseUrl), await officer.GetAttributeAsync("a:has-text('Trang tra cứu')", "href")).PathAndQuery;
        var rating = Regex.Match(await officer.ContentAsync(), @"/danh-gia/[A-Za-z0-9_-]+").Value;
        Assert.NotEmpty(rating);
        var dossier = new Uri(officer.Url).AbsolutePath.Replace("/phieu", "");
        await AssertAccessibleAsync(officer, [dossier + "/phieu", dossier, dossier + "/kiem-soat"]);
        // The same applicant comes back: the counter types the ID number and fills the rest in from the dossier above.
        await officer.GotoAsync("/can-bo/ho-so/tiep-nhan?procedure=1.001193");
        await officer.FillAsync("#Input_CitizenId", "011192004321");
        await officer.ClickAsync("#fill");
        await Assertions.Expect(officer.Locator("#Input_ApplicantName")).ToHaveValueAsync("Lò Thị Xuân");
        await Assertions.Expect(officer.Locator("#Input_Phone")).ToHaveValueAsync("0977000111");
        await Assertions.Expect(officer.Locator("#fill-note")).ToContainTextAsync(dossier.Split('/')[^1]);
        var filled = await ViolationsHereAsync(officer, "the intake form filled in");
        Assert.True(filled.Count == 0, string.Join("\n", filled));
        // The same dossier as a specialist not handling it reads it: the applicant's details masked, with the reason said.
        await AssertAccessibleAsync(await fx.SignedInAsync("chiengsinh.chuyenvien"), [dossier]);
        // The leader's page of it lists who has read it; the citizen reads the same list from the tracking page.
        await AssertAccessibleAsync(await fx.SignedInAsync("chiengsinh.lanhdao"), [dossier]);
        await AssertAccessibleAsync(await fx.NewPageAsync(), [tracking, rating, tracking + "/luot-xem"]);

        // A petition sent from the commune's page: the citizen's own follow-up page, and the leader's page of it.
        var phone = await fx.NewPageAsync();
        var title = "Đèn đường bản Củ không sáng " + Guid.NewGuid().ToString("N")[..5];
        await phone.GotoAsync("/xa/03298/phan-anh");
        await phone.SelectOptionAsync("#Input_Category", new SelectOptionValue { Label = "Giao thông, hạ tầng" });
        await phone.FillAsync("#Input_Title", title);
        await phone.FillAsync("#Input_Content", "Ba cột đèn đầu bản Củ tắt từ tuần trước, tối đi lại rất khó.");
        await phone.FillAsync("#Input_SenderName", "Lò Văn Chiến");
        await phone.FillAsync("#Input_SenderPhone", "0978000222");
        await phone.ClickAsync("button:has-text('Gửi phản ánh')");
        await phone.WaitForURLAsync(new Regex("/phan-anh/[0-9a-f]{32}"));
        var code = Regex.Match(await phone.Locator("main").InnerTextAsync(), @"PA-03298-\d{6}-\d{3}").Value;
        Assert.NotEmpty(code);
        var petitionPage = new Uri(phone.Url).AbsolutePath;
        await AssertAccessibleAsync(phone, [petitionPage]);
        await AssertAccessibleAsync(await fx.SignedInAsync("chiengsinh.lanhdao"), ["/can-bo/phan-anh/" + code]);

        // A signed-in citizen opens both links, each with its form to save it to the account; a wrong number is named on its
        // field, and the right one saves the dossier to "Hồ sơ của tôi".
        var citizen = await fx.SignedInAsync("0987654321", landing: "/");
        await AssertAccessibleAsync(citizen, [petitionPage, tracking]);
        await citizen.FillAsync("#CitizenId", "011192004322");
        await citizen.ClickAsync("#claim button");
        await Assertions.Expect(citizen.Locator("#CitizenId")).ToHaveAttributeAsync("aria-invalid", "true");
        var refused = await ViolationsHereAsync(citizen, "the dossier's form sent back");
        Assert.True(refused.Count == 0, string.Join("\n", refused));
        await citizen.FillAsync("#CitizenId", "0111 9200 4321");
        await citizen.ClickAsync("#claim button");
        await citizen.WaitForURLAsync(new Regex("/tai-khoan/ho-so$"));
        await Assertions.Expect(citizen.Locator("#my-dossiers")).ToContainTextAsync(dossier.Split('/')[^1]);
    }

    [Fact]
    public async Task A_form_sent_back_with_errors_names_each_wrong_field_and_why_to_a_screen_reader()
    {
        // A citizen sends the online submission form without ticking the consent, then with an ID number too short: each
        // time the field that is wrong says so, and its message is the field's accessible description, read out when the
        // field takes focus; the fields that were right are not marked.
        var phone = await fx.NewPageAsync();
        await phone.GotoAsync("/xa/03298/thu-tuc/1.004873/nop-truc-tuyen");
        await phone.FillAsync("#Input_ApplicantName", "Lò Văn Chiến");
        await phone.FillAsync("#Input_CitizenId", "0111");
        await phone.FillAsync("#Input_Phone", "0966123456");
        await phone.FillAsync("#Input_Address", "Bản Lồng, xã Chiềng Sinh");
        await phone.ClickAsync("button:has-text('Gửi hồ sơ')");
        await Assertions.Expect(phone.Locator("#Consent")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(phone.Locator("#Consent")).ToHaveAccessibleDescriptionAsync(new Regex("^Cần bạn đồng ý"));
        var found = await ViolationsHereAsync(phone, "online submission sent back for the consent");
        await phone.SetInputFilesAsync("#file-0", new FilePayload { Name = "to-khai.pdf", MimeType = "application/pdf", Buffer = BrowserFixture.Pdf() });
        await phone.CheckAsync("#Consent");
        await phone.ClickAsync("button:has-text('Gửi hồ sơ')");
        var citizenId = phone.GetByRole(AriaRole.Textbox, new() { Name = "Số định danh cá nhân (12 số)" });
        await Assertions.Expect(citizenId).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(citizenId).ToHaveAccessibleDescriptionAsync("Số định danh cá nhân gồm đúng 12 chữ số.");
        await Assertions.Expect(phone.Locator("#Consent")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(phone.Locator("#Input_ApplicantName")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        found.AddRange(await ViolationsHereAsync(phone, "online submission sent back for the ID number"));

        // A petition with a phone number that is not one: the same on the petition form.
        await phone.GotoAsync("/xa/03298/phan-anh");
        await phone.SelectOptionAsync("#Input_Category", new SelectOptionValue { Label = "Giao thông, hạ tầng" });
        await phone.FillAsync("#Input_Title", "Ổ gà trên đường vào bản");
        await phone.FillAsync("#Input_Content", "Đường vào bản có nhiều ổ gà lớn, xe máy đi lại nguy hiểm.");
        await phone.FillAsync("#Input_SenderName", "Lò Văn Chiến");
        await phone.FillAsync("#Input_SenderPhone", "12345");
        await phone.ClickAsync("button:has-text('Gửi phản ánh')");
        await Assertions.Expect(phone.Locator("#Input_SenderPhone")).ToHaveAttributeAsync("aria-invalid", "true");
        var message = await phone.Locator("#Input_SenderPhone-error").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(message), "the phone's message is shown beside it");
        await Assertions.Expect(phone.Locator("#Input_SenderPhone")).ToHaveAccessibleDescriptionAsync(message);
        found.AddRange(await ViolationsHereAsync(phone, "petition sent back"));
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task A_citizen_who_forgot_their_password_sets_a_new_one_with_the_code_mailed_to_their_account()
    {
        var number = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        var email = $"quen.{number}@example.vn";
        var page = await fx.NewPageAsync(); // axe runs in the page: with scripts on
        await page.GotoAsync("/dang-ky");
        await page.FillAsync("#Input_FullName", "Lò Thị Hay Quên");
        await page.FillAsync("#Input_Phone", number);
        await page.FillAsync("#Input_Password", "Mat-khau-cu-2026");
        await page.FillAsync("#Input_ConfirmPassword", "Mat-khau-cu-2026");
        await page.CheckAsync("#Input_Consent");
        await page.ClickAsync("button:has-text('Đăng ký')");
        await page.GotoAsync("/tai-khoan/du-lieu");
        await page.ClickAsync("summary:has-text('Sửa họ tên, thư điện tử')");
        await page.FillAsync("#Details_Email", email);
        await page.ClickAsync("form:has(#Details_Email) button:has-text('Lưu')");
        await page.ClickAsync("button:has-text('Đăng xuất')");

        await page.GotoAsync("/dang-nhap");
        await page.ClickAsync("a:has-text('Quên mật khẩu?')");
        var found = await ViolationsHereAsync(page, "forgotten password, the phone");
        await page.FillAsync("#Ask_Phone", $"{number[..4]} {number[4..7]} {number[7..]}");
        await page.ClickAsync("button:has-text('Gửi mã xác nhận')");
        await Assertions.Expect(page.Locator("#code-sent")).ToBeVisibleAsync();
        found.AddRange(await ViolationsHereAsync(page, "forgotten password, the code"));
        // No SMS contract here: the code goes to the account's e-mail.
        var mail = Assert.Single(await fx.Mail.WaitForAsync(email, 1));
        var code = Regex.Match(mail.TextBody ?? mail.HtmlBody ?? "", @"\b\d{6}\b").Value;
        Assert.Matches(@"^\d{6}$", code);
        await page.FillAsync("#Reset_Code", code);
        await page.FillAsync("#Reset_Password", "Mat-khau-moi-2026");
        await page.FillAsync("#Reset_ConfirmPassword", "Mat-khau-moi-2026");
        await page.ClickAsync("button:has-text('Đặt mật khẩu mới')");
        await Assertions.Expect(page.Locator("main .notice")).ToHaveTextAsync("Đã đặt mật khẩu mới. Mời bạn đăng nhập.");
        Assert.EndsWith("/dang-nhap", page.Url);
        await page.FillAsync("#Input_UserName", number);
        await page.FillAsync("#Input_Password", "Mat-khau-moi-2026");
        await page.ClickAsync("main button:has-text('Đăng nhập')");
        await Assertions.Expect(page.Locator("nav a[href='/tai-khoan/phan-anh']")).ToBeVisibleAsync();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
