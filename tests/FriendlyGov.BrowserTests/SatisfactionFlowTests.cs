using System.Text.RegularExpressions;

namespace FriendlyGov.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class SatisfactionFlowTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    private async Task<IBrowserContext> ContextAsync(int width, int height, bool touch)
    {
        var context = await fx.Browser.NewContextAsync(new()
        {
            BaseURL = fx.BaseUrl, Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height }, HasTouch = touch, IsMobile = touch,
        });
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(45_000);
        return context;
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/dang-nhap");
        await page.FillAsync("#Input_UserName", user);
        await page.FillAsync("#Input_Password", BrowserFixture.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(new Regex("/can-bo$"));
    }

    private static async Task RateAsync(IPage page, string level, string? codeNo, string? comment)
    {
        await page.Locator("#overall label", new() { HasText = level }).First.TapAsync();
        if (codeNo is not null)
            await page.Locator($".tri[aria-label='{codeNo}'] label", new() { HasText = "Không" }).First.TapAsync();
        if (comment is not null) await page.FillAsync("#Input_Comment", comment);
        await page.Locator("button:has-text('Gửi đánh giá')").TapAsync();
    }

    [Fact]
    public async Task An_officer_opens_the_kiosk_a_citizen_rates_by_touch_even_offline_and_the_leader_closes_the_follow_up()
    {
        var comment = "Chưa được nghe hết ý " + Guid.NewGuid().ToString("N")[..6];
        // A tablet beside the counter, touch only.
        var tabletContext = await ContextAsync(800, 1280, touch: true);
        var tablet = await tabletContext.NewPageAsync();
        await SignInAsync(tablet, "quangloc.tiepnhan");
        await tablet.GotoAsync("/can-bo/kiosk");
        await tablet.Locator("button:has-text('Bật kiosk trên máy này')").TapAsync();
        await tablet.WaitForURLAsync(new Regex("/kiosk$"));
        Assert.Equal("Nguyễn Thị Lan", await tablet.Locator("#officer").InnerTextAsync());
        Assert.Equal("NL", await tablet.Locator(".avatar").InnerTextAsync());
        // Touch targets a finger can hit.
        var tile = await tablet.Locator("#overall label span").First.BoundingBoxAsync();
        Assert.True(tile!.Height >= 60, $"tile height {tile.Height}");

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await tablet.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "kiosk-tablet.png"), FullPage = true });
        // Sent without a level: the kiosk says so on the form, and sends nothing.
        await tablet.Locator("button:has-text('Gửi đánh giá')").TapAsync();
        await Assertions.Expect(tablet.GetByText("Chọn mức độ hài lòng chung.")).ToBeVisibleAsync();
        Assert.True(await tablet.Locator("#kiosk-form").IsVisibleAsync());
        // A citizen who was not listened to.
        await RateAsync(tablet, "Không hài lòng", "Biết nghe dân nói", comment);
        await tablet.Locator("#kiosk-thanks").WaitForAsync();
        // The thanks fit the rating: an apology, no smiling face, and the form is really gone under it.
        Assert.Contains("xin lỗi", await tablet.Locator("#kiosk-thanks").InnerTextAsync());
        Assert.False(await tablet.Locator("#kiosk-thanks .big-face").IsVisibleAsync());
        Assert.False(await tablet.Locator("#kiosk-form").IsVisibleAsync());
        await tablet.Locator("#kiosk-form").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 15_000 }); // resets itself
        await tablet.Locator("#kiosk-status").WaitForAsync(new() { State = WaitForSelectorState.Hidden }); // sent
        Assert.Equal(0, await tablet.Locator("#overall input:checked").CountAsync());

        // The network drops: the next rating waits on the tablet and goes when it returns.
        await tabletContext.SetOfflineAsync(true);
        await RateAsync(tablet, "Rất hài lòng", null, null);
        await tablet.Locator("#kiosk-status").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Contains("1", await tablet.Locator("#kiosk-status").InnerTextAsync());
        await tabletContext.SetOfflineAsync(false);
        await tablet.Locator("#kiosk-status").WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 30_000 });

        // A citizen cannot leave the kiosk: ending it asks for the officer's password.
        await tablet.Locator("summary:has-text('Kết thúc kiosk')").TapAsync();
        await tablet.Locator("form:has(#OfficerPassword) button").TapAsync();
        await tablet.Locator("text=Chỉ cán bộ đã bật kiosk mới kết thúc được").WaitForAsync();
        Assert.EndsWith("/kiosk", new Uri(tablet.Url).AbsolutePath);

        // The kiosk reaches nothing else: the officer's sign-in is gone from the tablet.
        await tablet.GotoAsync("/can-bo/ho-so");
        Assert.Contains("/dang-nhap", tablet.Url);

        // The leader sees the follow-up and closes it with what was done.
        // At a desktop, through the fixture's sign-in: a stalled sign-in on the loaded machine is retried once, and reported.
        var desk = await fx.SignedInAsync("quangloc.lanhdao");
        await desk.GotoAsync("/can-bo/hai-long/phan-hoi");
        var row = desk.Locator("#followups tr", new() { HasText = comment });
        Assert.Contains("Nguyễn Thị Lan", await row.InnerTextAsync());
        await row.Locator("a:has-text('Xử lý')").ClickAsync();
        Assert.Contains("Biết nghe dân nói", await desk.Locator("main").InnerTextAsync());
        await desk.FillAsync("#Input_ContactNote", "Người dân không để lại liên hệ; trao đổi tại quầy khi đến lần sau");
        await desk.FillAsync("#Input_Explanation", "Xin lỗi vì cán bộ chưa lắng nghe đầy đủ");
        await desk.FillAsync("#Input_Changes", "Nhắc nhở cán bộ; họp rút kinh nghiệm Bộ phận Một cửa");
        await desk.CheckAsync("#Input_Close");
        await desk.ClickAsync("button:has-text('Lưu')");
        await desk.WaitForURLAsync(new Regex("/can-bo/hai-long/phan-hoi$"));
        Assert.Equal(0, await desk.Locator("#followups tr", new() { HasText = comment }).CountAsync());

        // Both kiosk ratings count for the officer on the leader's dashboard.
        await desk.GotoAsync("/can-bo/hai-long/y-kien");
        Assert.Contains(comment, await desk.Locator("#ratings").InnerTextAsync());
        Assert.Contains("tại quầy", await desk.Locator("#ratings").InnerTextAsync());
        await desk.GotoAsync("/can-bo/hai-long");
        Assert.Contains("Nguyễn Thị Lan", await desk.Locator("#rows").InnerTextAsync());
        await desk.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "satisfaction-leader.png"), FullPage = true });
    }

    [Fact]
    public async Task A_citizen_rates_the_commune_from_a_phone()
    {
        await fx.WithRetryOnStallAsync(async phone =>
        {
            await phone.GotoAsync("/xa/03298");
            await phone.ClickAsync("a:has-text('Đánh giá mức độ hài lòng')");
            await phone.WaitForURLAsync(new Regex("/xa/03298/danh-gia$"));
            // Sending without a level is refused beside the form, in Vietnamese.
            await phone.ClickAsync("button:has-text('Gửi đánh giá')");
            Assert.Contains("Chọn mức độ hài lòng chung", await phone.Locator("main").InnerTextAsync());
            await phone.SelectOptionAsync("#Input_OfficialId", new SelectOptionValue { Label = "Lò Thị Hoa — Cán bộ Bộ phận Một cửa" });
            await phone.Locator("#overall label", new() { HasText = "Hài lòng" }).Nth(1).ClickAsync(); // "Rất hài lòng" comes first
            await phone.Locator(".tri[aria-label='Biết cảm ơn'] label", new() { HasText = "Có" }).ClickAsync();
            await phone.FillAsync("#Input_Comment", "Chị Hoa hướng dẫn tận tình bằng tiếng Thái");
            await phone.ClickAsync("button:has-text('Gửi đánh giá')");
            await phone.WaitForSelectorAsync("p:has-text('Cảm ơn bạn đã đánh giá')");
            // Fits the phone: nothing wider than the screen.
            Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
            await phone.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "rating-phone.png"), FullPage = true });
        });
    }
}
