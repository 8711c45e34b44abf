using System.Text.RegularExpressions;
using SkiaSharp;

namespace FriendlyGov.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class PetitionFlowTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{

    private static byte[] Photo()
    {
        using var bmp = new SKBitmap(1200, 900);
        using (var canvas = new SKCanvas(bmp))
        {
            canvas.Clear(SKColors.SaddleBrown);
            canvas.DrawCircle(600, 450, 200, new SKPaint { Color = SKColors.Gray });
        }
        return SKImage.FromBitmap(bmp).Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }

    [Fact]
    public async Task A_citizen_files_from_a_phone_without_javascript_the_leader_assigns_the_official_answers_the_board_shows_it_and_the_citizen_confirms()
    {
        await fx.WithRetryOnStallAsync(async phone =>
        {
            var title = "Ổ gà lớn trên đường bản Lồng " + Guid.NewGuid().ToString("N")[..5];
            // The citizen, on a cheap phone with JavaScript off, from the commune's page.
            await phone.GotoAsync("/xa/03298");
            await phone.ClickAsync("a:has-text('Gửi phản ánh, kiến nghị')");
            await phone.WaitForURLAsync(new Regex("/xa/03298/phan-anh$"));
            // Sending an empty form is refused beside the fields, in Vietnamese.
            await phone.ClickAsync("button:has-text('Gửi phản ánh')");
            Assert.Contains("Chọn lĩnh vực phản ánh.", await phone.Locator("main").InnerTextAsync());
            await phone.SelectOptionAsync("#Input_Category", new SelectOptionValue { Label = "Giao thông, hạ tầng" });
            await phone.FillAsync("#Input_Title", title);
            await phone.FillAsync("#Input_Content", "Đoạn đường đầu bản Lồng có ổ gà sâu, đêm qua một xe máy bị ngã.");
            await phone.SelectOptionAsync("#Input_Village", new SelectOptionValue { Label = "Lồng" });
            await phone.SetInputFilesAsync("#photos", new FilePayload { Name = "o-ga.jpg", MimeType = "image/jpeg", Buffer = Photo() });
            await phone.FillAsync("#Input_SenderName", "Cà Thị Hương");
            await phone.FillAsync("#Input_SenderPhone", "0978111222");
            Assert.True(await phone.IsCheckedAsync("#Input_ConsentPublish"));
            Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
            await phone.ClickAsync("button:has-text('Gửi phản ánh')");
            await phone.WaitForURLAsync(new Regex("/phan-anh/[0-9a-f]{32}"));
            var link = new Uri(phone.Url).AbsolutePath;
            var mine = await phone.Locator("main").InnerTextAsync();
            Assert.Contains("Đã gửi phản ánh", mine);
            var code = Regex.Match(mine, @"PA-03298-\d{6}-\d{3}").Value;
            Assert.NotEmpty(code);
            Assert.Equal(1, await phone.Locator(".photos img").CountAsync());
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
            await phone.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "petition-phone.png"), FullPage = true });

            // The leader sees it on the list and gives it to the specialist.
            var leader = await fx.SignedInAsync("chiengsinh.lanhdao");
            await leader.GotoAsync("/can-bo/phan-anh");
            await leader.ClickAsync($"a:has-text('{code}')");
            Assert.Contains("0978111222", await leader.Locator("#sender").InnerTextAsync());
            await leader.SelectOptionAsync("#Act_AssigneeId", new SelectOptionValue { Label = "Quàng Văn Minh — Công chức Tư pháp - Hộ tịch" });
            await leader.ClickAsync("#assign button");
            await leader.WaitForSelectorAsync("p.notice");
            Assert.Equal("Quàng Văn Minh", await leader.Locator("#assignee").InnerTextAsync());
            await leader.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "petition-staff.png"), FullPage = true });

            // The specialist answers from their list of work.
            var specialist = await fx.SignedInAsync("chiengsinh.chuyenvien");
            await specialist.GotoAsync("/can-bo/phan-anh?Mine=true");
            await specialist.ClickAsync($"a:has-text('{code}')");
            await specialist.FillAsync("#Act_Note_answer", "UBND xã đã vá ổ gà ngày 25/11 và đặt biển cảnh báo. Cảm ơn chị đã phản ánh.");
            Assert.Equal("Trình lãnh đạo duyệt", (await specialist.Locator("#answer-form button").InnerTextAsync()).Trim());
            await specialist.ClickAsync("#answer-form button");
            await specialist.WaitForSelectorAsync("p.notice");
            Assert.Equal("Chờ lãnh đạo duyệt trả lời", await specialist.Locator("#status").InnerTextAsync());

            // The leader finds it on the desk, reads the draft and approves it: only then is it sent and published.
            await leader.GotoAsync("/can-bo");
            await leader.ClickAsync($"#hang-doi a:has-text('{code}')");
            Assert.Contains("đã vá ổ gà", await leader.Locator("#draft-answer").InnerTextAsync());
            await leader.ClickAsync("#approve-form button");
            await leader.WaitForSelectorAsync("p.notice");
            Assert.Equal("Đã trả lời", await leader.Locator("#status").InnerTextAsync());

            // The public board shows the answer, found without diacritics, with no phone and no name (not chosen).
            await phone.GotoAsync("/xa/03298/phan-anh-kien-nghi");
            await phone.FillAsync("#q", "o ga lon tren duong ban long");
            await phone.ClickAsync("button:has-text('Tìm')");
            var board = await phone.Locator("#board").InnerTextAsync();
            Assert.Contains(title, board);
            Assert.Contains("đã vá ổ gà", board);
            Assert.DoesNotContain("0978111222", await phone.ContentAsync());
            Assert.DoesNotContain("Cà Thị Hương", board);

            // The citizen confirms from the private link.
            await phone.GotoAsync(link);
            await phone.Locator("#overall label", new() { HasText = "Hài lòng" }).Nth(1).ClickAsync(); // "Rất hài lòng" comes first
            await phone.ClickAsync("button:has-text('Gửi xác nhận')");
            await phone.WaitForSelectorAsync("p.notice:has-text('Bạn đã xác nhận hài lòng')");
            Assert.Equal("Đã kết thúc", await phone.Locator("#status").InnerTextAsync());
            await leader.ReloadAsync();
            Assert.Contains("Hài lòng", await leader.Locator("main").InnerTextAsync());
        }, javaScript: false);
    }
}
