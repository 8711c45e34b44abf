using Microsoft.Playwright;
using SkiaSharp;

namespace FriendlyGov.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class ModelSupervisionFlowTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    private static byte[] Photo()
    {
        using var bmp = new SKBitmap(800, 600);
        using (var c = new SKCanvas(bmp)) c.Clear(SKColors.Crimson);
        return SKImage.FromBitmap(bmp).Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    [Fact]
    public async Task The_board_inspects_the_commune_reports_records_training_and_a_photo_adopts_a_practice_and_the_roll_out_shows_it_on_the_map()
    {
        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd");
        var sup = await fx.SignedInAsync("giamsat.dienbien");
        await sup.GotoAsync("/can-bo/nhan-rong");
        var eventsBefore = int.Parse(await sup.Locator("#rollout tr:has-text('Chiềng Sinh') td").Nth(7).InnerTextAsync());
        // The map places the communes that have an office position, one dot each, linked to their model.
        Assert.True(await sup.Locator("svg.map circle").CountAsync() >= 3);
        Assert.Equal(1, await sup.Locator("svg.map a[href='/can-bo/mo-hinh?xa=03298']").CountAsync());

        // The province's board plans a visit to Chiềng Sinh, records it and makes a recommendation.
        await sup.GotoAsync("/can-bo/mo-hinh?xa=03298");
        await sup.FillAsync("#Plan_Subject", "Kiểm tra việc niêm yết thủ tục hành chính và hòm thư góp ý");
        await sup.FillAsync("#Plan_PlannedOn", today);
        await sup.FillAsync("#Plan_Team", "Sở Nội vụ, Ban Dân vận Tỉnh ủy");
        await sup.ClickAsync("#plan-inspection button");
        await sup.WaitForSelectorAsync("p.notice");
        var visit = sup.Locator(".inspection:has-text('hòm thư góp ý')");
        await visit.Locator("textarea[name='Result.Findings']").FillAsync("Hòm thư góp ý đặt khuất, người dân khó thấy.");
        await visit.Locator("button:has-text('Ghi kết quả')").ClickAsync();
        await sup.WaitForSelectorAsync("p.notice");
        visit = sup.Locator(".inspection:has-text('hòm thư góp ý')");
        await visit.Locator("input[name='Recommendation.Content']").FillAsync("Chuyển hòm thư góp ý ra cửa Bộ phận Một cửa");
        await visit.Locator("input[name='Recommendation.Deadline']").FillAsync(DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd"));
        await visit.Locator("button:has-text('Thêm kiến nghị')").ClickAsync();
        await sup.WaitForSelectorAsync("p.notice");

        // The commune's leader sees it and reports what was done; records a propagation event and the launch photo.
        var leader = await fx.SignedInAsync("chiengsinh.lanhdao");
        await leader.GotoAsync("/can-bo/mo-hinh");
        var rec = leader.Locator(".recommendations tr:has-text('Chuyển hòm thư góp ý')");
        Assert.Contains("Chưa thực hiện", await rec.InnerTextAsync());
        await rec.Locator("input[name='Report.Report']").FillAsync("Đã chuyển hòm thư ra cửa Bộ phận Một cửa ngày hôm nay.");
        await rec.Locator("button").ClickAsync();
        await leader.WaitForSelectorAsync("p.notice");
        Assert.Contains("Xã đã báo cáo", await leader.Locator(".recommendations tr:has-text('Chuyển hòm thư góp ý')").InnerTextAsync());

        await leader.ClickAsync("summary:has-text('Ghi buổi tập huấn, tuyên truyền')");
        await leader.SelectOptionAsync("#Event_Kind", "Propagation");
        await leader.FillAsync("#Event_Date", today);
        await leader.SelectOptionAsync("#Event_Audience", "Villagers");
        await leader.FillAsync("#Event_Village", "Lồng");
        await leader.FillAsync("#Event_Place", "Nhà văn hóa bản Lồng");
        await leader.FillAsync("#Event_Content", "Tuyên truyền về mô hình và cách gửi phản ánh bằng điện thoại");
        await leader.FillAsync("#Event_Participants", "64");
        await leader.ClickAsync("#event-form button");
        await leader.WaitForSelectorAsync("p.notice");
        Assert.Contains("Nhà văn hóa bản Lồng", await leader.Locator("#events").InnerTextAsync());

        await leader.SelectOptionAsync("#FileKind", "LaunchPhoto");
        await leader.SetInputFilesAsync("#file", new FilePayload { Name = "le-ra-mat.png", MimeType = "image/png", Buffer = Photo() });
        await leader.ClickAsync("#upload button");
        await leader.WaitForSelectorAsync("p.notice");
        var img = leader.Locator("#photos img").First;
        await img.ScrollIntoViewIfNeededAsync(); // the gallery loads lazily
        Assert.Equal(800, await img.EvaluateAsync<int>("i => i.complete && i.naturalWidth ? i.naturalWidth : new Promise(r => { i.onload = () => r(i.naturalWidth); i.onerror = () => r(0); })"));

        // The board accepts the report; the roll-out counts the new event.
        await sup.GotoAsync("/can-bo/mo-hinh?xa=03298");
        var reported = sup.Locator(".recommendations tr:has-text('Chuyển hòm thư góp ý')");
        await reported.Locator("button:has-text('Chấp nhận, hoàn thành')").ClickAsync();
        await sup.WaitForSelectorAsync("p.notice");
        Assert.Contains("Đã hoàn thành", await sup.Locator(".recommendations tr:has-text('Chuyển hòm thư góp ý')").InnerTextAsync());
        await sup.GotoAsync("/can-bo/nhan-rong");
        Assert.Equal(eventsBefore + 1, int.Parse(await sup.Locator("#rollout tr:has-text('Chiềng Sinh') td").Nth(7).InnerTextAsync()));

        // Chiềng Sinh's leader reads Quang Lộc's published practice and adopts it.
        await leader.GotoAsync("/can-bo/cach-lam-hay");
        await leader.ClickAsync("form.adopt button:has-text('Tổ hỗ trợ dịch vụ công trực tuyến tại thôn')");
        await leader.WaitForSelectorAsync("p.notice");
        Assert.Contains("học tập từ xã Quang Lộc", await leader.Locator("#cua-xa ~ details.practice").First.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await sup.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "rollout-map.png"), FullPage = true });
    }
}
