using System.Text.RegularExpressions;

namespace FriendlyGov.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class DossierFlowTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{

    private static async Task ActAsync(IPage page, string dossierUrl, string button, string? note = null, string? receivedBy = null)
    {
        await page.GotoAsync(dossierUrl);
        if (note is not null) await page.FillAsync("#Act_Note", note);
        if (receivedBy is not null) await page.FillAsync("#Act_ReceivedBy", receivedBy);
        await page.ClickAsync($"button[name='Act.Action']:has-text('{button}')");
        await page.WaitForSelectorAsync("p.notice");
    }

    [Fact]
    public async Task A_dossier_from_the_counter_to_the_citizens_phone()
    {
        // The counter: receive, print the receipt (Mẫu 01) with its QR code.
        var officer = await fx.SignedInAsync("chiengsinh.tiepnhan");
        await BrowserFixture.ReceiveAtCounterAsync(officer, "Quàng Văn Sơn", "011092008765", "0977123456", "Bản Hới Ná, xã Chiềng Sinh");
        Assert.Equal("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", await officer.Locator("h1").InnerTextAsync());
        // Two QR codes: follow the dossier, and rate the service once the result is returned.
        Assert.Equal(2, await officer.Locator(".sheet-qr svg").CountAsync());
        Assert.Contains("/danh-gia/", await officer.Locator(".sheet-qr .url").InnerTextAsync());
        var receiptPdf = await officer.PdfAsync(new() { Format = "A4" }); // what the counter prints
        Assert.True(receiptPdf.Length > 5_000);
        var trackingUrl = await officer.GetAttributeAsync("a:has-text('Trang tra cứu')", "href");
        var dossierUrl = new Uri(officer.Url).AbsolutePath.Replace("/phieu", "");
        await ActAsync(officer, dossierUrl, "Chuyển xử lý");

        // The specialist checks it, asks the leader to sign; it will run late, so an apology is drafted.
        var specialist = await fx.SignedInAsync("chiengsinh.chuyenvien");
        await specialist.GotoAsync(dossierUrl);
        await specialist.FillAsync("#Apology_Reason", "Cần xác minh thông tin với xã nơi cư trú trước đây");
        await specialist.FillAsync("#Apology_NewDate", DateTime.UtcNow.AddHours(7).AddDays(10).ToString("yyyy-MM-ddT10:00"));
        await specialist.ClickAsync("button:has-text('Lập văn bản xin lỗi')");
        await specialist.WaitForSelectorAsync("p.notice");
        await ActAsync(specialist, dossierUrl, "Trình lãnh đạo phê duyệt", note: "Đủ điều kiện");

        // The leader approves the apology and the result.
        var leader = await fx.SignedInAsync("chiengsinh.lanhdao");
        await leader.GotoAsync(dossierUrl);
        await leader.ClickAsync("button:has-text('Phê duyệt văn bản xin lỗi')");
        await leader.WaitForSelectorAsync("p.notice");
        await ActAsync(leader, dossierUrl, "Phê duyệt, có kết quả");

        // The counter returns the result to the citizen.
        await ActAsync(officer, dossierUrl, "Trả kết quả", receivedBy: "Quàng Văn Sơn");
        Assert.Contains("Đã trả kết quả", await officer.Locator("main").InnerTextAsync());

        // The citizen, on a phone, opens the QR link: every step, the apology and the new date, no ID number.
        var phone = await fx.NewPageAsync();
        await phone.GotoAsync(trackingUrl!);
        var text = await phone.Locator("main").InnerTextAsync();
        foreach (var step in new[] { "Được tiếp nhận", "Đang xử lý", "Đã xử lý xong", "Đã trả kết quả" }) Assert.Contains(step, text);
        Assert.Contains("xin lỗi", text);
        Assert.Contains("Cần xác minh thông tin", text);
        Assert.DoesNotContain("011092008765", await phone.ContentAsync());
        Assert.DoesNotContain("0977123456", await phone.ContentAsync());
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "tracking-phone.png"), FullPage = true });
    }
}
