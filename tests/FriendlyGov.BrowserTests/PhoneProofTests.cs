using System.Text.RegularExpressions;

namespace FriendlyGov.BrowserTests;

/// <summary>
/// Registration where the province has SMS, as a citizen on a phone does it: the form, the code texted to the phone (here
/// the provider's API on loopback), a wrong code named on its field, the right one, and the account. Checked with axe, with
/// and without JavaScript.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed partial class PhoneProofTests(SmsBrowserFixture fx) : IClassFixture<SmsBrowserFixture>
{
    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    private string CodeTextedTo(string phone) =>
        SixDigits().Match(fx.Sms!.Sms.Last(s => s.GetProperty("Phone").GetString() == phone).GetProperty("Content").GetString()!).Value;

    /// <summary>The registration form filled in and sent, as a citizen does; the page then asks for the texted code.</summary>
    private static async Task StartRegistrationAsync(IPage page, string name, string number)
    {
        await page.GotoAsync("/dang-ky");
        await Assertions.Expect(page.Locator("#proof-help")).ToBeVisibleAsync();
        await page.FillAsync("#Input_FullName", name);
        await page.FillAsync("#Input_Phone", number);
        await page.FillAsync("#Input_Password", "Dang-ky-2026!");
        await page.FillAsync("#Input_ConfirmPassword", "Dang-ky-2026!");
        await page.CheckAsync("#Input_Consent");
        await page.ClickAsync("button:has-text('Đăng ký')");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_citizen_proves_their_phone_with_the_texted_code_and_has_an_account(bool javaScript)
    {
        var number = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        var page = await fx.NewPageAsync(javaScript);
        await StartRegistrationAsync(page, "Mùa Thị Xác Minh", number);

        await Assertions.Expect(page.Locator("#code-sent")).ToContainTextAsync(number);
        var code = CodeTextedTo(number);
        var wrong = ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
        await page.FillAsync("#Confirm_Code", wrong);
        await page.ClickAsync("button:has-text('Xác nhận và tạo tài khoản')");
        await Assertions.Expect(page.Locator("#Confirm_Code")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#Confirm_Code-error")).ToContainTextAsync("Mã xác nhận không đúng.");
        if (javaScript)
        {
            var found = await AccessibilityTests.ViolationsHereAsync(page, "the code step, refused");
            Assert.True(found.Count == 0, string.Join("\n", found));
        }

        await page.FillAsync("#Confirm_Code", code);
        await page.ClickAsync("button:has-text('Xác nhận và tạo tài khoản')");
        await Assertions.Expect(page.Locator("main .notice")).ToHaveTextAsync("Đã tạo tài khoản. Chào mừng bạn!");
        await page.GotoAsync("/tai-khoan/du-lieu");
        await Assertions.Expect(page.Locator("#phone-proven")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_citizen_moves_their_account_to_a_new_number_from_their_data_page()
    {
        var number = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        var page = await fx.NewPageAsync();
        await StartRegistrationAsync(page, "Vàng Văn Đổi Số", number);
        await page.FillAsync("#Confirm_Code", CodeTextedTo(number));
        await page.ClickAsync("button:has-text('Xác nhận và tạo tài khoản')");
        await Assertions.Expect(page.Locator("main .notice")).ToBeVisibleAsync();

        await page.GotoAsync("/tai-khoan/du-lieu");
        await page.ClickAsync("#change-phone");
        var found = await AccessibilityTests.ViolationsHereAsync(page, "the change of number");
        var next = "08" + Random.Shared.Next(10_000_000, 99_999_999);
        await page.FillAsync("#Ask_Phone", next);
        await page.FillAsync("#Ask_Password", "Dang-ky-2026!");
        await page.ClickAsync("button:has-text('Gửi mã xác nhận')");
        await Assertions.Expect(page.Locator("#code-sent")).ToContainTextAsync(next);
        found.AddRange(await AccessibilityTests.ViolationsHereAsync(page, "the change's code step"));
        Assert.True(found.Count == 0, string.Join("\n", found));
        await page.FillAsync("#Confirm_Code", CodeTextedTo(next));
        await page.ClickAsync("button:has-text('Xác nhận và đổi số')");
        await Assertions.Expect(page.Locator("main .notice")).ToHaveTextAsync($"Đã đổi số điện thoại đăng nhập sang {next}.");
        await Assertions.Expect(page.Locator("dd:has(#change-phone)")).ToContainTextAsync(next);
    }
}
