namespace FriendlyGov.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class DemocracyFlowTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_citizen_comments_from_a_phone_staff_publish_a_summary_a_household_agrees_and_a_donation_is_thanked()
    {
        // A citizen comments on the draft village convention from a phone, without JavaScript.
        var phone = await fx.Browser.NewPageAsync(new() { BaseURL = fx.BaseUrl, Locale = "vi-VN", ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, JavaScriptEnabled = false });
        await phone.GotoAsync("/xa/03298/gop-y");
        await phone.ClickAsync("#consultations a:has-text('hương ước bản Hới Nọ')");
        await phone.FillAsync("#Input_Name", "Lò Thị Mai");
        await phone.FillAsync("#Input_Village", "Hới Nọ");
        await phone.FillAsync("#Input_Content", "Đề nghị thêm điều khoản giữ sạch nguồn nước đầu bản.");
        await phone.ClickAsync("#comment-form button");
        Assert.Contains("Cảm ơn bạn đã góp ý", await phone.Locator("p.notice").InnerTextAsync());
        Assert.Contains("giữ sạch nguồn nước đầu bản", await phone.Locator(".comment:has-text('Lò Thị Mai')").InnerTextAsync());

        // The leader answers the closed socio-economic plan's comments and publishes the summary.
        var leader = await fx.SignedInAsync("chiengsinh.lanhdao");
        const string awaiting = "#viec-can-lam a:has-text('chưa công bố kết quả tổng hợp')";
        Assert.Contains("Ý kiến góp ý mới", await leader.Locator("#viec-can-lam").InnerTextAsync()); // the comment just sent
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await leader.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "desk-leader.png"), FullPage = true });
        await leader.ClickAsync(awaiting); // the desk leads to the draft waiting for its summary
        Assert.EndsWith("/can-bo/dan-chu#lay-y-kien", leader.Url);
        await leader.ClickAsync("#consultations a:has-text('kế hoạch phát triển kinh tế')");
        await leader.FillAsync("#Reply_Topic", "Ưu tiên làm đường bản Củ");
        await leader.FillAsync("#Reply_Comments", "1");
        await leader.FillAsync("#Reply_Explanation", "Đã đưa đường bản Củ vào kế hoạch đầu tư năm 2027.");
        await leader.CheckAsync("#Reply_Accepted");
        await leader.ClickAsync("#respond button");
        await leader.WaitForSelectorAsync("p.notice");
        await leader.FillAsync("#summary textarea", "Nhận 1 ý kiến về đường bản Củ; đã tiếp thu.");
        await leader.ClickAsync("#summary button");
        await leader.WaitForSelectorAsync("p.notice");
        await phone.GotoAsync("/xa/03298/gop-y");
        await phone.ClickAsync("#consultations a:has-text('kế hoạch phát triển kinh tế')");
        Assert.Contains("đã tiếp thu", await phone.Locator("#tong-hop + p").InnerTextAsync());
        Assert.Contains("Tiếp thu", await phone.Locator("#responses").InnerTextAsync());
        await leader.GotoAsync("/can-bo");
        Assert.Equal(0, await leader.Locator(awaiting).CountAsync()); // done, so no longer waiting on the desk

        // The household that had not agreed agrees; the project's consensus figure moves.
        await leader.GotoAsync("/can-bo/dan-chu");
        await leader.ClickAsync("#projects a:has-text('Hới Ná')");
        var before = await leader.Locator("#consensus strong").InnerTextAsync();
        var row = leader.Locator("#households tr:has-text('Lường Văn Xôm')");
        await row.Locator("select[name='Status.Status']").SelectOptionAsync("Agreed");
        await row.Locator(".status-form button").ClickAsync();
        await leader.WaitForSelectorAsync("p.notice");
        var after = await leader.Locator("#consensus strong").InnerTextAsync();
        Assert.NotEqual(before, after);
        Assert.Contains("4/6", after);

        // The province's supervisor follows the same figure, per village, and reads the households without their phones.
        var supervisor = await fx.SignedInAsync("giamsat.dienbien");
        await supervisor.GotoAsync("/can-bo/giai-phong-mat-bang");
        var projectRow = supervisor.Locator("#overview tr:has-text('Hới Ná')").First;
        Assert.Contains("4/6", await projectRow.InnerTextAsync());
        Assert.Contains("Hới Nọ: 0/2", await projectRow.InnerTextAsync());
        await projectRow.Locator("a").ClickAsync();
        Assert.Contains("Lường Văn Xôm", await supervisor.Locator("#households").InnerTextAsync());
        Assert.DoesNotContain("0912 406 318", await supervisor.Locator("main").InnerTextAsync());

        // A land donation, thanked on the public board.
        await leader.FillAsync("#Donation_HeadName", "Tòng Văn Khiêm");
        await leader.FillAsync("#Donation_Village", "Lồng");
        await leader.FillAsync("#Donation_Road", "Đường lên bản Lồng");
        await leader.FillAsync("#Donation_AreaM2", "64");
        await leader.FillAsync("#Donation_WallsMovedM", "15");
        await leader.ClickAsync("#donation button");
        await leader.WaitForSelectorAsync("p.notice");
        await phone.GotoAsync("/xa/03298/gop-y#hien-dat");
        Assert.Contains("Tòng Văn Khiêm", await phone.Locator("#donors").InnerTextAsync());
        Assert.Contains("Đường lên bản Lồng", await phone.Locator("#by-road").InnerTextAsync());
        Assert.DoesNotContain("Lường Văn Xôm", await phone.Locator("main").InnerTextAsync()); // agreed, but not to be named
    }
}
