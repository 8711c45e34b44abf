using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FriendlyGov.BrowserTests;

/// <summary>
/// The app on a real Kestrel port with its own SQLite file and the demo data, and Debian's Chromium driven by
/// Playwright (never a downloaded browser). One per test class (<see cref="BrowserCollection"/>).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fg-browser-").FullName;
    private App? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    /// <summary>The commune's mail relay: a real SMTP server on loopback that keeps what it is sent.</summary>
    public FriendlyGov.Tests.Integration.TestMailServer Mail { get; } = new();
    public string BaseUrl { get; private set; } = "";
    /// <summary>The province's SMS provider (its API on loopback), for a fixture that has one (<see cref="WithSms"/>).</summary>
    public FriendlyGov.Tests.Integration.TestSmsZaloProvider? Sms { get; private set; }
    /// <summary>Whether the province has SMS: registration then proves the phone, and reset codes go by SMS, not e-mail.</summary>
    protected virtual bool WithSms => false;

    /// <summary>This fixture's audit key (configuration, never the database), fresh for each run.</summary>
    public static readonly string AuditKeyBase64 = FriendlyGov.Core.Domain.AuditKey.NewBase64();

    private sealed class App(string dir, int smtpPort, string? smsBaseUrl = null) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(dir, "browser.db")}");
            builder.UseSetting("Database:SeedDemo", "true");
            builder.UseSetting("DataProtection:KeysPath", Path.Combine(dir, "keys"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Audit:Key", AuditKeyBase64);
            builder.UseSetting("Notifications:Email:Host", "127.0.0.1");
            builder.UseSetting("Notifications:Email:Port", smtpPort.ToString());
            builder.UseSetting("Notifications:Email:From", "khongtraloi@dichvucong.test");
            builder.UseSetting("Notifications:PollSeconds", "1");
            if (smsBaseUrl is null) return;
            builder.UseSetting("Notifications:Sms:BaseUrl", smsBaseUrl);
            builder.UseSetting("Notifications:Sms:ApiKey", FriendlyGov.Tests.Integration.TestSmsZaloProvider.ApiKey);
            builder.UseSetting("Notifications:Sms:SecretKey", FriendlyGov.Tests.Integration.TestSmsZaloProvider.SecretKey);
            builder.UseSetting("Notifications:Sms:Brandname", FriendlyGov.Tests.Integration.TestSmsZaloProvider.Brandname);
        }
    }

    /// <summary>
    /// The demo database as the app leaves it after its first start (migrated, seeded), made once per run; each class starts
    /// on a copy of the file, as a restarted server does, instead of migrating and seeding for seconds of CPU.
    /// </summary>
    private static readonly Lazy<Task<string>> Template = new(async () =>
    {
        var dir = Directory.CreateTempSubdirectory("fg-browser-template-").FullName;
        await using (var mail = new FriendlyGov.Tests.Integration.TestMailServer())
        await using (var app = new App(dir, mail.Port))
        {
            app.UseKestrel(0);
            app.StartServer();
        }
        var file = Path.Combine(dir, "browser.db");
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
        {
            c.Open();
            using var checkpoint = c.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, true); } catch (IOException) { } };
        return file;
    });

    public async ValueTask InitializeAsync()
    {
        File.Copy(await Template.Value, Path.Combine(_dir, "browser.db"));
        if (WithSms) Sms = new FriendlyGov.Tests.Integration.TestSmsZaloProvider();
        _app = new App(_dir, Mail.Port, Sms?.BaseUrl);
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        var chromium = Environment.GetEnvironmentVariable("FRIENDLYGOV_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}: run ./test.sh, which installs Debian's chromium package.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await Mail.DisposeAsync();
        if (Sms is not null) await Sms.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    /// <summary>A fresh browser context: a phone-sized screen, Vietnamese, no shared cookies.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl, JavaScriptEnabled = javaScript, Locale = "vi-VN",
            ViewportSize = new() { Width = 390, Height = 844 },
        });
        // Generous: on a loaded 2-core CI machine a first sign-in (password hashing, first render) can take seconds.
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(45_000);
        return await context.NewPageAsync();
    }

    public const string Password = DemoSeeder.Password;

    /// <summary>The repository's root, where the browser tests' npm packages and the screenshot artifacts live.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FriendlyGov.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>A step on a dossier's page: the button of that name, with its note or the name of who took the result.</summary>
    public static async Task ActAsync(IPage page, string dossierUrl, string button, string? note = null, string? receivedBy = null)
    {
        await page.GotoAsync(dossierUrl);
        if (note is not null) await page.FillAsync("#Act_Note", note);
        if (receivedBy is not null) await page.FillAsync("#Act_ReceivedBy", receivedBy);
        await page.ClickAsync($"button[name='Act.Action']:has-text('{button}')");
        await page.WaitForSelectorAsync("p.notice");
    }

    /// <summary>
    /// A dossier in processing that will run late: the specialist drafts the apology with a new date ten days on and sends
    /// the dossier up; the leader approves the apology and the result.
    /// </summary>
    public async Task LateWithApprovedApologyAsync(string dossierUrl, string reason)
    {
        var specialist = await SignedInAsync("chiengsinh.chuyenvien");
        await specialist.GotoAsync(dossierUrl);
        await specialist.FillAsync("#Apology_Reason", reason);
        await specialist.FillAsync("#Apology_NewDate", DateTime.UtcNow.AddHours(7).AddDays(10).ToString("yyyy-MM-ddT10:00"));
        await specialist.ClickAsync("button:has-text('Lập văn bản xin lỗi')");
        await specialist.WaitForSelectorAsync("p.notice");
        await ActAsync(specialist, dossierUrl, "Trình lãnh đạo phê duyệt", note: "Đủ điều kiện");
        var leader = await SignedInAsync("chiengsinh.lanhdao");
        await leader.GotoAsync(dossierUrl);
        await leader.ClickAsync("button:has-text('Phê duyệt văn bản xin lỗi')");
        await leader.WaitForSelectorAsync("p.notice");
        await ActAsync(leader, dossierUrl, "Phê duyệt, có kết quả");
    }

    /// <summary>A one-page PDF form, what a citizen attaches to an online submission.</summary>
    public static byte[] Pdf()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText("To khai", 12, new UglyToad.PdfPig.Core.PdfPoint(40, 760),
            builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica));
        return builder.Build();
    }

    /// <summary>
    /// A counter officer receives a dossier for procedure 1.004873 through the intake form, every paper ticked, and lands on
    /// its receipt (Mẫu 01).
    /// </summary>
    public static async Task ReceiveAtCounterAsync(IPage officer, string applicant, string citizenId, string phone, string address)
    {
        await officer.GotoAsync("/can-bo/ho-so/tiep-nhan");
        await officer.SelectOptionAsync("#procedure", "1.004873");
        await officer.ClickAsync("button:has-text('Tiếp tục')");
        foreach (var box in await officer.Locator("input[name='Input.Received']").AllAsync()) await box.CheckAsync();
        await officer.FillAsync("#Input_ApplicantName", applicant);
        await officer.FillAsync("#Input_CitizenId", citizenId);
        await officer.FillAsync("#Input_Phone", phone);
        await officer.FillAsync("#Input_Address", address);
        await officer.ClickAsync("button:has-text('Ghi nhận')");
        await officer.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/phieu$"));
    }

    /// <summary>
    /// An official at a desktop screen, signed in through the login form and landed on the desk. A sign-in that stalls
    /// (Chromium on the loaded 2-core machine, seen in a CI run) is tried once more in a fresh context, and the retry is
    /// reported; a sign-in that fails twice fails the test.
    /// </summary>
    public async Task<IPage> SignedInAsync(string user, string password = Password, string landing = "/can-bo")
    {
        try
        {
            return await SignInOnceAsync(user, password, landing);
        }
        catch (TimeoutException stall)
        {
            Retried($"sign-in of {user} stalled, tried once more in a fresh context: {stall.Message.Split('\n')[0]}");
            return await SignInOnceAsync(user, password, landing);
        }
    }

    private async Task<IPage> SignInOnceAsync(string user, string password, string landing)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, Locale = "vi-VN", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(45_000);
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/dang-nhap");
            await page.FillAsync("#Input_UserName", user);
            await page.FillAsync("#Input_Password", password);
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(landing) + "$"));
        }
        catch (TimeoutException)
        {
            await context.CloseAsync();
            throw;
        }
        context.SetDefaultTimeout(90_000);
        return page;
    }

    /// <summary>
    /// Runs a browser scenario, once more with a fresh page if Chromium stalls past the step timeout (seen about once in six
    /// full runs on the 2-core CI machine). Only a Playwright timeout is retried, and it is reported in the output; a failed
    /// assertion fails at once.
    /// </summary>
    public async Task WithRetryOnStallAsync(Func<IPage, Task> scenario, bool javaScript = true)
    {
        try
        {
            await scenario(await NewPageAsync(javaScript));
        }
        catch (TimeoutException stall) // Playwright reports a step past its timeout as System.TimeoutException
        {
            Retried($"browser stalled, tried once more with a fresh page: {stall.Message.Split('\n')[0]}");
            await scenario(await NewPageAsync(javaScript));
        }
    }

    /// <summary>
    /// Reports a retry: in the test's output, and as a line of the file named by FRIENDLYGOV_RETRY_LOG, which the test command
    /// counts into its closing summary (a retried pass is a pass, but never a silent one).
    /// </summary>
    private static void Retried(string what)
    {
        var line = $"{TestContext.Current.Test?.TestDisplayName ?? "?"}: {what}";
        TestContext.Current.SendDiagnosticMessage("Retry: " + line);
        Console.WriteLine($"[browser retry] {line}");
        if (Environment.GetEnvironmentVariable("FRIENDLYGOV_RETRY_LOG") is { Length: > 0 } log)
            lock (RetryLog) File.AppendAllText(log, line.ReplaceLineEndings(" ") + Environment.NewLine);
    }

    private static readonly object RetryLog = new();
}

/// <summary>
/// The browser tests run one class at a time (Chromium and the app would starve each other on 2 cores), but each class has
/// its own <see cref="BrowserFixture"/>: its own app, SQLite file, mail server and browser. No class sees what another wrote,
/// so none depends on the order the classes run in.
/// </summary>
/// <summary>The app where the province has an SMS contract.</summary>
public sealed class SmsBrowserFixture : BrowserFixture
{
    protected override bool WithSms => true;
}

[CollectionDefinition(nameof(BrowserCollection), DisableParallelization = true)]
public sealed class BrowserCollection;
