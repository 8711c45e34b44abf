using System.Text.RegularExpressions;

namespace FriendlyGov.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class NotificationFlowTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    private static string Link(string body, string path) => Regex.Match(body, $@"https?://[^\s]+{Regex.Escape(path)}[^\s]*").Value;

    [Fact]
    public async Task A_citizen_who_submits_online_choosing_email_is_told_each_step_in_order_with_links_that_work()
    {
        var email = $"dan-{Guid.NewGuid():N}@example.vn";
        var phone = await fx.NewPageAsync(javaScript: false); // the core citizen flow works without JavaScript
        await phone.GotoAsync("/xa/03298/thu-tuc/1.004873/nop-truc-tuyen");
        await phone.FillAsync("#Input_ApplicantName", "Cà Thị Xuân");
        await phone.FillAsync("#Input_CitizenId", "011193004567");
        await phone.FillAsync("#Input_Phone", "0966123456");
        await phone.FillAsync("#Input_Address", "Bản Lồng, xã Chiềng Sinh");
        Assert.Contains("Tin không có số định danh", await phone.Locator("#notify-choice").InnerTextAsync());
        await phone.CheckAsync("#notify-Email");
        await phone.FillAsync("#Input_Email", email);
        await phone.SetInputFilesAsync("#file-0", new FilePayload { Name = "to-khai.pdf", MimeType = "application/pdf", Buffer = BrowserFixture.Pdf() });
        await phone.CheckAsync("#Consent");
        await phone.ClickAsync("button:has-text('Gửi hồ sơ')");
        await phone.WaitForURLAsync(new Regex("/tra-cuu/"));

        var submitted = Assert.Single(await fx.Mail.WaitForAsync(email, 1));
        var code = Regex.Match(submitted.Subject ?? "", @"\S+-\d{6}-\d{4}").Value;
        Assert.NotEmpty(code);
        var dossierUrl = $"/can-bo/ho-so/{code}";

        // The counter checks it: a document is missing. The citizen brings it, the counter accepts.
        var officer = await fx.SignedInAsync("chiengsinh.tiepnhan");
        await BrowserFixture.ActAsync(officer, dossierUrl, "Yêu cầu bổ sung hồ sơ", note: "Bản sao giấy khai sinh");
        await BrowserFixture.ActAsync(officer, dossierUrl, "Công dân đã bổ sung", note: "Đã nộp bản sao");
        await BrowserFixture.ActAsync(officer, dossierUrl, "Tiếp nhận");
        await BrowserFixture.ActAsync(officer, dossierUrl, "Chuyển xử lý");
        // It will be late: the specialist drafts the apology, the leader approves it and the result.
        await fx.LateWithApprovedApologyAsync(dossierUrl, "Cần xác minh với nơi cư trú trước đây");
        await BrowserFixture.ActAsync(officer, dossierUrl, "Trả kết quả", receivedBy: "Cà Thị Xuân");

        // Six messages, in the order things happened; none carries the ID number, the phone or the address.
        var mails = await fx.Mail.WaitForAsync(email, 6);
        Assert.Equal(6, mails.Count);
        var expected = new[] { "Đã nhận hồ sơ", "cần bổ sung", "đã được tiếp nhận", "Thư xin lỗi", "đã có kết quả", "mời ông/bà đánh giá" };
        for (var i = 0; i < expected.Length; i++) Assert.Contains(expected[i], mails[i].Subject);
        Assert.Contains("Bản sao giấy khai sinh", mails[1].TextBody);
        Assert.Contains("Cần xác minh với nơi cư trú trước đây", mails[3].TextBody);
        foreach (var m in mails)
        {
            Assert.DoesNotContain("011193004567", m.TextBody);
            Assert.DoesNotContain("0966123456", m.TextBody);
            Assert.DoesNotContain("Bản Lồng", m.TextBody);
        }

        // The links work: tracking shows the new date, rating opens the form, the withdrawal link stops the messages.
        await phone.GotoAsync(Link(mails[3].TextBody!, "/tra-cuu/"));
        Assert.Contains("Cần xác minh với nơi cư trú trước đây", await phone.Locator("main").InnerTextAsync());
        await phone.GotoAsync(Link(mails[5].TextBody!, "/danh-gia/"));
        Assert.True(await phone.Locator("form").CountAsync() > 0);
        await phone.GotoAsync(Link(mails[5].TextBody!, "/thong-bao/tu-choi"));
        await phone.ClickAsync("button:has-text('Ngừng nhận tin')");
        Assert.Contains($"không nhận tin về hồ sơ {code}", await phone.Locator("main").InnerTextAsync());

        // The dossier's page tells the staff what was sent and that it went out.
        await officer.GotoAsync(dossierUrl);
        var sent = await officer.Locator("#thong-bao-da-gui").InnerTextAsync();
        Assert.Contains("Thư xin lỗi và hẹn lại ngày trả kết quả", sent);
        Assert.Contains("Người dân đã ngừng nhận tin", sent);
    }
}
