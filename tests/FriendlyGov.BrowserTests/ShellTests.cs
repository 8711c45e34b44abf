using System.Text.RegularExpressions;

namespace FriendlyGov.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class ShellTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Home_page_is_vietnamese_and_finds_a_commune_without_javascript()
    {
        var page = await fx.NewPageAsync(javaScript: false);
        await page.GotoAsync("/");
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Chính quyền thân thiện, vì nhân dân phục vụ", await page.Locator("h1").InnerTextAsync());
        await page.FillAsync("#q", "quang loc");
        await page.ClickAsync("button:has-text('Tìm')");
        await page.ClickAsync("a:has-text('xã Quang Lộc')");
        Assert.EndsWith("/xa/16060", page.Url);
        Assert.Equal("Ủy ban nhân dân xã Quang Lộc", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Chính quyền thân thiện, vì nhân dân phục vụ", await page.Locator(".slogan").InnerTextAsync());
    }

    [Theory]
    [InlineData(320)]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_header_fits_the_screen_with_both_language_buttons_on_one_line(int width)
    {
        var page = await fx.NewPageAsync();
        await page.SetViewportSizeAsync(width, 800);
        await page.GotoAsync("/xa/03298/danh-gia");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"the page scrolls sideways at {width} px");
        var vi = (await page.Locator(".lang button[lang=vi]").BoundingBoxAsync())!;
        var en = (await page.Locator(".lang button[lang=en]").BoundingBoxAsync())!;
        Assert.Equal(vi.Y, en.Y, 1.0); // side by side, not stacked
        Assert.True(en.X + en.Width <= width, $"'English' ends at {en.X + en.Width} px of {width}");
        Assert.True(vi.Height < 40, $"'Tiếng Việt' wraps onto two lines ({vi.Height} px high)");
    }

    [Fact]
    public async Task Every_role_s_pages_fit_a_phone_and_only_their_tables_scroll_sideways_each_in_a_stop_of_its_own_name()
    {
        // On a 390 px phone a page must not scroll sideways as a whole: a wide table scrolls inside its own named stop.
        // (The walk adds the counter's desk and lists, and the administrator's audit log and holiday calendar.)
        var plan = new (string? User, string[] Paths)[]
        {
            (null, ["/", "/xa/03298", "/xa/03298/thu-tuc", "/xa/03298/gop-y", "/xa/03298/phan-anh-kien-nghi", "/xa/03298/cong-khai", "/tra-cuu", "/cach-lam-hay"]),
            ("chiengsinh.lanhdao", ["/can-bo", "/can-bo/mo-hinh", "/can-bo/dan-chu", "/can-bo/phan-anh", "/can-bo/phan-anh/linh-vuc", "/can-bo/ho-so",
                "/can-bo/so-theo-doi", "/can-bo/hai-long", "/can-bo/cong-khai", "/can-bo/nhan-su", "/can-bo/thong-bao", "/can-bo/gio-lam-viec"]),
            ("chiengsinh.tiepnhan", ["/can-bo", "/can-bo/ho-so", "/can-bo/so-theo-doi", "/can-bo/kiosk"]),
            ("quantri", ["/nhat-ky", "/quan-tri/lich-nghi", "/quan-tri/don-vi"]),
            ("giamsat.dienbien", ["/can-bo", "/can-bo/nhan-rong", "/can-bo/giai-phong-mat-bang", "/can-bo/phan-anh/tong-hop", "/can-bo/hai-long",
                "/can-bo/mo-hinh?xa=03298", "/nhat-ky"]),
        };
        var problems = new List<string>(); // pages too wide, and table stops without a name of their own
        foreach (var (user, paths) in plan)
        {
            var page = user is null ? await fx.NewPageAsync() : await fx.SignedInAsync(user, landing: user == "quantri" ? "/quan-tri/don-vi" : "/can-bo");
            await page.SetViewportSizeAsync(390, 800);
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response!.Ok, $"{path}: {response.Status}");
                // Each table's scrolling stop says which table it is: no two on a page share a name (a keyboard or screen
                // reader user hears the name when the stop takes focus).
                var names = await page.EvaluateAsync<string[]>("""
                    () => [...document.querySelectorAll('div.table')].map(d => d.getAttribute('aria-labelledby')
                        ? d.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id)?.textContent.trim() ?? '?' + id).join(' ')
                        : d.getAttribute('aria-label') ?? '')
                    """);
                foreach (var name in names.GroupBy(n => n).Where(g => g.Count() > 1 || g.Key.Contains('?') || g.Key.Length == 0))
                    problems.Add($"{user ?? "public"} {path}: {name.Count()} tables named “{name.Key}”");
                var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
                if (width > 390)
                {
                    var culprit = await page.EvaluateAsync<string>("""
                        () => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')).slice(0, 3).join(', ')
                        """);
                    problems.Add($"{user ?? "public"} {path}: {width} px ({culprit})");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(12, 390)]
    [InlineData(12, 1280)]
    [InlineData(24, 1280)]
    public async Task A_monthly_chart_prints_no_label_over_another_nor_outside_itself(int months, int width)
    {
        // The satisfaction dashboard's trend: a year (or two) of months named as the dashboard names them, drawn on a page
        // with the site's own style sheet, and each printed label measured as the browser lays it out.
        var points = Enumerable.Range(0, months).Select(i => ($"Tháng {i % 12 + 1}/{2025 + i / 12}", (decimal?)(60 + i % 5 * 8))).ToList();
        var svg = FriendlyGov.Web.Shared.SvgCharts.Line("Tỷ lệ hài lòng theo tháng (%)", points, "trend-chart").ToString()!;
        var page = await fx.NewPageAsync();
        await page.SetViewportSizeAsync(width, 800);
        await page.GotoAsync("/");
        await page.EvaluateAsync("svg => document.querySelector('main').innerHTML = svg", svg);
        var boxes = await page.EvaluateAsync<double[][]>("""
            () => {
                const svg = document.querySelector('#trend-chart'), h = svg.viewBox.baseVal.height;
                return [...svg.querySelectorAll('text')].filter(t => t.getBBox().y > h - 30)
                    .map(t => { const b = t.getBBox(); return [b.x, b.x + b.width]; });
            }
            """);
        Assert.True(boxes.Length >= 4, $"only {boxes.Length} month labels printed");
        Assert.True(boxes[0][0] >= 0, $"the first label starts outside the chart, at {boxes[0][0]}");
        Assert.True(boxes[^1][1] <= 640, $"the last label ends outside the chart, at {boxes[^1][1]}");
        for (var i = 1; i < boxes.Length; i++)
            Assert.True(boxes[i][0] >= boxes[i - 1][1], $"label {i} ({boxes[i][0]:0}–{boxes[i][1]:0}) overlaps label {i - 1} ({boxes[i - 1][0]:0}–{boxes[i - 1][1]:0})");
    }

    public static TheoryData<string, string, string> Roles() => new()
    {
        // The staff menu is grouped by what the role does: each role sees its groups (their pages open inside them).
        { "chiengsinh.tiepnhan", "/can-bo", "Một cửa" },
        { "chiengsinh.chuyenvien", "/can-bo", "Một cửa" },
        { "chiengsinh.lanhdao", "/can-bo", "Quản trị" },
        { "quangloc.tiepnhan", "/can-bo", "Một cửa" },
        { "quangloc.lanhdao", "/can-bo", "Quản trị" },
        { "giamsat.dienbien", "/can-bo", "Các xã, phường được giám sát" },
        { "quantri", "/quan-tri/don-vi", "Sáp nhập đơn vị cấp xã" },
        { "0987654321", "/", "Hà Thị Mai" },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_signs_in_and_lands_on_its_own_page(string user, string landing, string visible) =>
        await fx.WithRetryOnStallAsync(async page =>
        {
            await page.GotoAsync("/dang-nhap");
            await page.FillAsync("#Input_UserName", user);
            await page.FillAsync("#Input_Password", BrowserFixture.Password);
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForURLAsync(new Regex(Regex.Escape(landing) + "$"));
            Assert.True(await page.GetByText(visible).First.IsVisibleAsync(), $"{user} should see “{visible}”");
            // A group opens with a tap, no script needed, and shows its pages.
            if (visible == "Quản trị")
            {
                await page.ClickAsync("nav summary:has-text('Quản trị')");
                Assert.True(await page.Locator("nav a[href='/can-bo/nhan-su']").IsVisibleAsync());
            }
            // Navigation follows the role: only administrators see the unit administration.
            Assert.Equal(user == "quantri", await page.Locator("nav a[href='/quan-tri/don-vi']").CountAsync() > 0);
            await page.ClickAsync("nav button:has-text('Đăng xuất')");
            await page.WaitForURLAsync(new Regex("/$"));
            Assert.Equal(1, await page.Locator("nav a[href='/dang-nhap']").CountAsync());
        });

    [Fact]
    public async Task A_validation_error_shows_beside_its_field()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/dang-ky");
        await page.FillAsync("#Input_FullName", "Lò Văn Thử");
        await page.FillAsync("#Input_Phone", "12345");
        await page.FillAsync("#Input_Password", "Cong.Dan2025!");
        await page.FillAsync("#Input_ConfirmPassword", "Cong.Dan2025!");
        await page.CheckAsync("#Input_Consent");
        await page.ClickAsync("main button[type=submit]");
        var message = page.Locator("[data-valmsg-for='Input.Phone']");
        Assert.Contains("Số điện thoại di động gồm 10 chữ số", await message.InnerTextAsync());
        // Beside the field: the message follows the phone input inside the same group.
        var group = page.Locator("div:has(> #Input_Phone)");
        Assert.Contains("Số điện thoại di động", await group.InnerTextAsync());
        Assert.Contains("input-validation-error", await page.GetAttributeAsync("#Input_Phone", "class"));
        Assert.Equal("", await page.Locator("[data-valmsg-for='Input.FullName']").InnerTextAsync());
    }

    [Fact]
    public async Task The_language_switch_changes_the_interface_and_back()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/xa/03298");
        await page.ClickAsync("button:has-text('English')");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        Assert.EndsWith("/xa/03298", page.Url);
        Assert.Equal("Friendly government, serving the people", await page.Locator(".slogan").InnerTextAsync());
        Assert.Equal("Sign in", await page.Locator("nav a[href='/dang-nhap']").InnerTextAsync());
        await page.ClickAsync("button:has-text('Tiếng Việt')");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'vi'");
        Assert.Equal("Đăng nhập", await page.Locator("nav a[href='/dang-nhap']").InnerTextAsync());
    }

    /// <summary>The pages a citizen opens on a cheap phone over a slow mountain network, and the most each may weigh.</summary>
    public static TheoryData<string, int> CitizenPages() => new()
    {
        { "/xa/03298", 30_000 }, { "/xa/03298/phan-anh", 30_000 }, { "/xa/03298/cong-khai", 30_000 }, { "/xa/03298/gop-y", 30_000 },
        { "/xa/03298/gop-y/1", 30_000 },
    };

    [Theory]
    [MemberData(nameof(CitizenPages))]
    public async Task Citizen_pages_stay_light_for_slow_networks(string path, int most)
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        // What the browser itself recorded for the page and everything it loaded, uncompressed (decoded) bytes; counted once
        // loading is over, so no response is missed or counted late.
        var bytes = await page.EvaluateAsync<long>("""
            () => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                .reduce((sum, e) => sum + e.decodedBodySize, 0)
            """);
        Assert.InRange(bytes, 1_000, most); // HTML and CSS; no script is needed
        Directory.CreateDirectory(Path.Combine(BrowserFixture.RepoRoot(), "tests", "artifacts"));
        var name = "phone" + path.Replace('/', '-') + ".png";
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.RepoRoot(), "tests", "artifacts", name), FullPage = true });
    }

    /// <summary>
    /// The Content-Security-Policy (no inline script, no eval) breaks nothing: the pages that use script (the petition form's
    /// location button, the kiosk) and the staff desk run without a single violation reported by the browser.
    /// </summary>
    [Fact]
    public async Task Pages_run_under_the_content_security_policy_without_violations()
    {
        var violations = new List<string>();
        void Watch(IPage p) => p.Console += (_, m) => { if (m.Text.Contains("Content Security Policy")) violations.Add($"{p.Url}: {m.Text}"); };
        var citizen = await fx.NewPageAsync();
        Watch(citizen);
        foreach (var path in new[] { "/", "/xa/03298", "/xa/03298/phan-anh", "/tra-cuu", "/dang-nhap", "/xa/03298/danh-gia" })
        {
            var response = await citizen.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync()).GetValueOrDefault("content-security-policy") ?? "");
        }
        var officer = await fx.SignedInAsync("chiengsinh.tiepnhan");
        Watch(officer);
        foreach (var path in new[] { "/can-bo", "/can-bo/ho-so", "/can-bo/ho-so/tiep-nhan", "/can-bo/kiosk" })
            await officer.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
