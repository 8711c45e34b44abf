using System.Text.RegularExpressions;

namespace FriendlyGov.BrowserTests;

/// <summary>
/// One working day at the commune office, through the pages each official uses: the counter takes in two dossiers and gives
/// them to two specialists, each specialist finds theirs on the desk and moves it on, the leader approves both and their
/// queue no longer holds them; the control slip names the officials by full name (and the giver's title), never by login.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class DayOfEachRoleTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    private const string Password = "Ngay-lam-viec-2026!";

    private static async Task<string> NewSpecialistAsync(IPage leader, string fullName)
    {
        var userName = "cv" + Guid.NewGuid().ToString("N")[..8];
        await leader.GotoAsync("/can-bo/nhan-su");
        await leader.FillAsync("#Input_FullName", fullName);
        await leader.FillAsync("#Input_UserName", userName);
        await leader.FillAsync("#Input_JobTitle", "Công chức Tư pháp - Hộ tịch");
        await leader.SelectOptionAsync("#Input_Role", "specialist");
        await leader.FillAsync("#Input_Password", Password);
        await leader.ClickAsync("button:has-text('Tạo tài khoản')");
        await leader.WaitForSelectorAsync($"text={userName}");
        return userName;
    }

    private static async Task<string> ReceiveAsync(IPage officer, string applicant)
    {
        // The phone is written the way people write it.
        await BrowserFixture.ReceiveAtCounterAsync(officer, applicant, "011092001" + Random.Shared.Next(100, 999), "0912 345 678", "Bản Củ, xã Chiềng Sinh");
        return new Uri(officer.Url).AbsolutePath.Replace("/phieu", "");
    }

    private static async Task<string> QueueAsync(IPage page)
    {
        await page.GotoAsync("/can-bo");
        return await page.Locator("#hang-doi").InnerTextAsync();
    }

    private static string CodeOf(string dossierUrl) => dossierUrl.Split('/')[^1];

    [Fact]
    public async Task The_counter_gives_two_dossiers_to_two_specialists_each_moves_theirs_on_and_the_leader_approves_both()
    {
        var leader = await fx.SignedInAsync("chiengsinh.lanhdao");
        var one = await NewSpecialistAsync(leader, "Lò Văn Một");
        var two = await NewSpecialistAsync(leader, "Cà Thị Hai");
        try
        {
            await DayAsync(leader, one, two);
        }
        finally
        {
            // The browser scenarios share one commune: the day's two extra specialists leave when it ends (a locked account
            // is offered to nobody and counted nowhere).
            foreach (var user in new[] { one, two }) await LockAsync(leader, user);
        }
    }

    private static async Task LockAsync(IPage leader, string userName)
    {
        await leader.GotoAsync("/can-bo/nhan-su");
        await leader.Locator("tr", new() { HasText = userName }).Locator("button:has-text('Khóa')").ClickAsync();
        await leader.WaitForSelectorAsync("p.notice");
    }

    private async Task DayAsync(IPage leader, string one, string two)
    {
        // The counter officer takes in two dossiers and, on transfer, chooses who handles each.
        var officer = await fx.SignedInAsync("chiengsinh.tiepnhan");
        var first = await ReceiveAsync(officer, "Quàng Thị Một");
        var second = await ReceiveAsync(officer, "Lường Văn Hai");
        Assert.Contains(CodeOf(first), await QueueAsync(officer)); // received, waiting at the counter to be passed on
        foreach (var (url, name) in new[] { (first, "Lò Văn Một"), (second, "Cà Thị Hai") })
        {
            await officer.GotoAsync(url);
            await officer.SelectOptionAsync("#Act_AssigneeId", new SelectOptionValue { Label = $"{name} — Công chức Tư pháp - Hộ tịch" });
            await officer.ClickAsync("button[name='Act.Action']:has-text('Chuyển xử lý')");
            await officer.WaitForSelectorAsync("p.notice");
            Assert.Contains(name, await officer.Locator("#holder").InnerTextAsync());
        }
        Assert.DoesNotContain(CodeOf(first), await QueueAsync(officer));

        // Each specialist finds theirs (and only theirs) on the desk and submits it to the leader.
        foreach (var (user, mine, theirs) in new[] { (one, first, second), (two, second, first) })
        {
            var specialist = await fx.SignedInAsync(user, Password);
            var queue = await QueueAsync(specialist);
            Assert.Contains(CodeOf(mine), queue);
            Assert.DoesNotContain(CodeOf(theirs), queue);
            await specialist.ClickAsync($"#hang-doi a:has-text('{CodeOf(mine)}')");
            await specialist.WaitForURLAsync(new Regex(Regex.Escape(mine) + "$"));
            await specialist.ClickAsync("button[name='Act.Action']:has-text('Trình lãnh đạo phê duyệt')");
            await specialist.WaitForSelectorAsync("p.notice");
            Assert.Equal(0, await specialist.Locator("button:has-text('Trình lãnh đạo phê duyệt')").CountAsync());
            // The colleague's dossier shows who holds it and offers nothing to do.
            await specialist.GotoAsync(theirs);
            Assert.Equal(0, await specialist.Locator("button[name='Act.Action']").CountAsync());
        }

        // The leader finds both waiting, approves them, and they leave the leader's queue for the counter's.
        var leaderQueue = await QueueAsync(leader);
        Assert.Contains(CodeOf(first), leaderQueue);
        Assert.Contains(CodeOf(second), leaderQueue);
        foreach (var url in new[] { first, second })
        {
            await leader.GotoAsync(url);
            Assert.Equal(0, await leader.Locator("button:has-text('Trình lãnh đạo phê duyệt')").CountAsync());
            await leader.ClickAsync("button[name='Act.Action']:has-text('Phê duyệt, có kết quả')");
            await leader.WaitForSelectorAsync("p.notice");
        }
        leaderQueue = await QueueAsync(leader);
        Assert.DoesNotContain(CodeOf(first), leaderQueue);
        Assert.DoesNotContain(CodeOf(second), leaderQueue);
        Assert.Contains(CodeOf(first), await QueueAsync(officer));

        // The control slip names each official by full name, never by login.
        await officer.GotoAsync(first + "/kiem-soat");
        var slip = await officer.Locator("body").InnerTextAsync();
        Assert.Contains("Lò Văn Một", slip);
        Assert.DoesNotContain(one, slip);
        Assert.DoesNotContain("chiengsinh.", slip);
    }
}
