using System.Text.RegularExpressions;

namespace FriendlyGov.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class DossierFlowTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
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
        await BrowserFixture.ActAsync(officer, dossierUrl, "Chuyển xử lý");

        // The specialist checks it and asks the leader to sign; it will run late, so an apology is drafted, and the leader
        // approves the apology and the result.
        await fx.LateWithApprovedApologyAsync(dossierUrl, "Cần xác minh thông tin với xã nơi cư trú trước đây");

        // The counter returns the result to the citizen.
        await BrowserFixture.ActAsync(officer, dossierUrl, "Trả kết quả", receivedBy: "Quàng Văn Sơn");
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
