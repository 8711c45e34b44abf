namespace FriendlyGov.BrowserTests;

public sealed class ZzShots
{
    [Fact]
    public async Task Shots()
    {
        using var pw = await Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var plan = Environment.GetEnvironmentVariable("SHOTS")!.Split(';');
        foreach (var item in plan)
        {
            var parts = item.Split('|');
            var (user, width, paths) = (parts[0], int.Parse(parts[1]), parts[2].Split(','));
            var ctx = await browser.NewContextAsync(new() { BaseURL = "http://localhost:5080", Locale = "vi-VN", ViewportSize = new() { Width = width, Height = 900 } });
            var page = await ctx.NewPageAsync();
            if (user != "-")
            {
                await page.GotoAsync("/dang-nhap");
                await page.FillAsync("#Input_UserName", user);
                await page.FillAsync("#Input_Password", "FriendlyGov@2025");
                await page.ClickAsync("main button[type=submit]");
                await page.WaitForLoadStateAsync();
            }
            foreach (var p in paths)
            {
                await page.GotoAsync(p);
                var name = (user + p).Replace('/', '_').Replace('?', '_').Replace('=', '_').Replace('&', '_');
                await page.ScreenshotAsync(new() { Path = $"/tmp/shots/{name}.png", FullPage = true });
                File.WriteAllText($"/tmp/shots/{name}.html", await page.ContentAsync());
            }
            await ctx.CloseAsync();
        }
    }
}
