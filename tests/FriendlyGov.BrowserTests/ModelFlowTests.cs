namespace FriendlyGov.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class ModelFlowTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_supervisor_replicates_the_commune_reviews_and_proposes_the_supervisor_answers_officials_sign_and_the_roll_out_shows_it()
    {
        // The province's board replicates the model to two communes in one action.
        var sup = await fx.SignedInAsync("giamsat.dienbien");
        await sup.GotoAsync("/can-bo/nhan-rong");
        Assert.Contains("Chưa có mô hình", await sup.Locator("#rollout tr:has-text('Quài Cang')").InnerTextAsync());
        await sup.CheckAsync("#rep-03289");
        await sup.CheckAsync("#rep-03295");
        await sup.ClickAsync("button:has-text('Nhân rộng')");
        var results = await sup.Locator("#results").InnerTextAsync();
        Assert.Contains("Quài Cang: Đã tạo mô hình", results);
        Assert.Contains("Quài Tở: Đã tạo mô hình", results);
        Assert.Contains("Đang chuẩn bị", await sup.Locator("#rollout tr:has-text('Quài Cang')").InnerTextAsync());
        var signedBefore = await sup.Locator("#rollout tr:has-text('Chiềng Sinh') td").Nth(4).InnerTextAsync();

        // Chiềng Sinh's leader reviews a condition, finds it short, and raises a proposal about it.
        var leader = await fx.SignedInAsync("chiengsinh.lanhdao");
        await leader.GotoAsync("/can-bo/mo-hinh");
        var row = leader.Locator("#readiness tr:has-text('Lối đi cho người khuyết tật')");
        // The row reads as a record; its form is folded under it until opened, with a label on every field.
        Assert.False(await row.GetByLabel("Còn thiếu").IsVisibleAsync());
        await row.Locator("summary").ClickAsync();
        await row.GetByLabel("Đánh giá", new() { Exact = true }).SelectOptionAsync("NotMet");
        await row.GetByLabel("Còn thiếu").FillAsync("Chưa có đường dốc cho xe lăn ở Bộ phận Một cửa");
        await row.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await leader.WaitForSelectorAsync("p.notice");
        var rated = await leader.Locator("#readiness tr:has-text('Lối đi cho người khuyết tật')").InnerTextAsync();
        Assert.Contains("Chưa đạt", rated);
        Assert.Contains("Còn thiếu: Chưa có đường dốc cho xe lăn", rated);
        await leader.FillAsync("#Proposal_Title", "Xin kinh phí làm đường dốc cho xe lăn");
        await leader.FillAsync("#Proposal_Content", "Xã chưa có kinh phí làm đường dốc cho người khuyết tật tại Bộ phận Một cửa; đề nghị tỉnh hỗ trợ.");
        await leader.SelectOptionAsync("#Proposal_ReadinessItemId", new SelectOptionValue { Label = "Lối đi cho người khuyết tật, người cao tuổi" });
        await leader.ClickAsync("#propose button");
        await leader.WaitForSelectorAsync("p.notice");

        // The supervisor answers it with a decision and a deadline; the commune sees the answer.
        await sup.GotoAsync("/can-bo/nhan-rong");
        var proposal = sup.Locator(".proposal:has-text('Xin kinh phí làm đường dốc')");
        await proposal.Locator("textarea").FillAsync("Đồng ý hỗ trợ từ nguồn kinh phí cải cách hành chính năm 2027.");
        await proposal.Locator("input[name='Answer.Decision']").FillAsync("Sở Tài chính bố trí 20 triệu đồng");
        await proposal.Locator("input[name='Answer.Deadline']").FillAsync(DateTime.UtcNow.AddDays(45).ToString("yyyy-MM-dd"));
        await proposal.Locator("button").ClickAsync();
        await sup.WaitForSelectorAsync("p.notice");
        await leader.GotoAsync("/can-bo/mo-hinh");
        Assert.Contains("Sở Tài chính bố trí 20 triệu đồng", await leader.Locator("main").InnerTextAsync());

        // Officials sign the commitment with their own names.
        foreach (var (user, name) in new[] { ("chiengsinh.tiepnhan", "Lò Thị Hoa"), ("chiengsinh.chuyenvien", "Quàng Văn Minh") })
        {
            var official = await fx.SignedInAsync(user);
            await official.GotoAsync("/can-bo/mo-hinh");
            await official.FillAsync("#TypedName", name);
            await official.ClickAsync("#sign button");
            await official.WaitForSelectorAsync("p.notice");
            Assert.Equal(0, await official.Locator("#sign").CountAsync());
        }

        // The roll-out view shows the new signatures.
        await sup.GotoAsync("/can-bo/nhan-rong");
        var signedAfter = await sup.Locator("#rollout tr:has-text('Chiềng Sinh') td").Nth(4).InnerTextAsync();
        Assert.NotEqual(signedBefore, signedAfter);
        Assert.Equal("66,7%", signedAfter); // 2 of the 3 officials, with the Vietnamese decimal comma
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await sup.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "rollout.png"), FullPage = true });
    }
}
