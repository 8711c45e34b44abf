namespace FriendlyGov.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class DisclosureFlowTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_prepare_a_compensation_plan_the_leader_posts_it_and_it_appears_on_the_public_board_and_the_printable_notice()
    {
        // The counter officer prepares the draft; a 20-day period is refused for a compensation plan.
        var officer = await fx.SignedInAsync("chiengsinh.tiepnhan");
        await officer.GotoAsync("/can-bo/cong-khai");
        await officer.SelectOptionAsync("#create select[name='Input.Category']", "LandRecovery");
        await officer.FillAsync("#create input[name='Input.Title']", "Phương án bồi thường, hỗ trợ làm đường lên bản Lồng");
        await officer.FillAsync("#create input[name='Input.DocumentNumber']", "77/PA-UBND");
        await officer.FillAsync("#create input[name='Input.PostingDays']", "20");
        await officer.FillAsync("#create textarea[name='Input.Summary']", "Bồi thường, hỗ trợ cho 9 hộ có đất bị ảnh hưởng khi làm đường lên bản Lồng.");
        await officer.ClickAsync("#create button");
        Assert.Contains("ít nhất 30 ngày", await officer.Locator("[role=alert]").InnerTextAsync());
        await officer.FillAsync("#create input[name='Input.PostingDays']", "30");
        await officer.ClickAsync("#create button");
        await officer.WaitForSelectorAsync("p.notice");
        Assert.Equal(0, await officer.Locator("#post").CountAsync()); // posting is the leader's

        // The leader posts it.
        var leader = await fx.SignedInAsync("chiengsinh.lanhdao");
        await leader.GotoAsync("/can-bo/cong-khai");
        await leader.ClickAsync("#list a:has-text('đường lên bản Lồng')");
        await leader.ClickAsync("#post button");
        await leader.WaitForSelectorAsync("p.notice");
        Assert.Contains("Đang niêm yết", await leader.Locator("#current").InnerTextAsync());

        // A citizen on a phone finds it on the board, searching without diacritics, and opens the printable notice.
        var phone = await fx.Browser.NewPageAsync(new() { BaseURL = fx.BaseUrl, Locale = "vi-VN", ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true });
        await phone.GotoAsync("/xa/03298/cong-khai?q=duong+len+ban+Long");
        await phone.ClickAsync("#disclosures a:has-text('đường lên bản Lồng')");
        Assert.Contains("77/PA-UBND", await phone.Locator("main").InnerTextAsync());
        Assert.Contains("30 ngày", await phone.Locator("main").InnerTextAsync());
        await phone.ClickAsync("text=Bản in niêm yết");
        Assert.Contains("THÔNG BÁO CÔNG KHAI", await phone.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await phone.Locator(".sheet-qr svg").CountAsync());
        Assert.Contains("/xa/03298/cong-khai/", await phone.Locator(".sheet-qr small").InnerTextAsync());
    }
}
