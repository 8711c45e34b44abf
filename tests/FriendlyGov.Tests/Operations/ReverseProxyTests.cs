using System.Net.Http.Json;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Domain;
using Microsoft.Data.Sqlite;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The deployment as a province runs it: the app in Production as its own process, behind a real nginx (Debian's package,
/// started here on loopback) that terminates TLS. The citizen connects from 127.0.0.5; nginx connects to the app from
/// 127.0.0.1, the one known proxy. Seen from the app, the client's address, the scheme and the host are the citizen's, a
/// forwarded address the citizen made up is not believed, and every answer carries the security headers, compressed.
/// </summary>
[Collection(nameof(CommandsCollection))]
public sealed class ReverseProxyTests : IAsyncLifetime
{
    private const string Citizen = "127.0.0.5";
    private const string PublicHost = "dichvucong.dienbien.example.vn";
    private readonly string _dir = Directory.CreateTempSubdirectory("fg-nginx-").FullName;
    private readonly int _appPort = TestProcesses.FreePort();
    private readonly int _proxyPort = TestProcesses.FreePort();
    private Process? _app, _nginx;
    private string Db => Path.Combine(_dir, "fg.db");

    private static string? Nginx() =>
        Environment.GetEnvironmentVariable("FRIENDLYGOV_NGINX") is { Length: > 0 } n ? n
        : new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    public async ValueTask InitializeAsync()
    {
        if (Nginx() is null) return;
        // The data-protection keys are encrypted at rest with a certificate Production must be given.
        using (var rsa = RSA.Create(2048))
        {
            var keys = new CertificateRequest("CN=FriendlyGov keys (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(Path.Combine(_dir, "keys.pfx"), keys.Export(X509ContentType.Pkcs12, "khoa-thu"));
        }
        // nginx's TLS certificate for the public name.
        using (var rsa = RSA.Create(2048))
        {
            var tls = new CertificateRequest($"CN={PublicHost}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllTextAsync(Path.Combine(_dir, "tls.crt"), tls.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(_dir, "tls.key"), rsa.ExportPkcs8PrivateKeyPem());
        }
        _app = await TestProcesses.StartAppAsync(_appPort, new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Default"] = $"Data Source={Db}",
            ["Audit__Key"] = AuditKey.NewBase64(),
            ["DataProtection__CertificateFile"] = Path.Combine(_dir, "keys.pfx"),
            ["DataProtection__CertificatePassword"] = "khoa-thu",
            ["Proxy__KnownProxies__0"] = "127.0.0.1",
            // Production serves only with a public address or the forwarded names it believes; this test keeps the base
            // address unset, to prove the forwarded host is used.
            ["Proxy__AllowedHosts__0"] = PublicHost,
        });
        var temp = Directory.CreateDirectory(Path.Combine(_dir, "nginx-temp")).FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, (UnixFileMode)0x1FF); // nginx's workers write here
        await File.WriteAllTextAsync(Path.Combine(_dir, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/nginx-error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                server {
                    listen 127.0.0.1:{{_proxyPort}} ssl;
                    server_name {{PublicHost}};
                    ssl_certificate {{_dir}}/tls.crt;
                    ssl_certificate_key {{_dir}}/tls.key;
                    location / {
                        proxy_pass http://127.0.0.1:{{_appPort}};
                        proxy_http_version 1.1;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-Host $host;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    }
                }
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(Nginx()!, ["-c", Path.Combine(_dir, "nginx.conf"), "-p", _dir])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        _nginx.BeginErrorReadLine();
        _nginx.BeginOutputReadLine();
        using var probe = CitizenClient();
        for (var i = 0; i < 100; i++)
        {
            try { if ((await probe.GetAsync("/health")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            if (_nginx.HasExited) throw new InvalidOperationException("nginx exited: " + await File.ReadAllTextAsync(Path.Combine(_dir, "nginx-error.log")));
            await Task.Delay(100);
        }
        throw new TimeoutException("nginx did not answer");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in new[] { _nginx, _app })
            if (p is { HasExited: false }) { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); }
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A browser at 127.0.0.5 that reaches the public name through nginx (trusting its test certificate).</summary>
    private HttpClient CitizenClient(CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies ?? new CookieContainer(),
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                s.Bind(new IPEndPoint(IPAddress.Parse(Citizen), 0));
                await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _proxyPort), ct);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{PublicHost}:{_proxyPort}") };
    }

    private static void SkipWithoutNginx()
    {
        // test.sh installs nginx; run alone without it, this says so instead of passing.
        Assert.SkipWhen(Nginx() is null, "nginx is not installed (test.sh installs Debian's nginx package)");
    }

    [Fact]
    public async Task Behind_nginx_the_app_sees_the_citizens_address_scheme_and_host_and_not_a_made_up_address()
    {
        SkipWithoutNginx();
        var cookies = new CookieContainer();
        using var c = CitizenClient(cookies);
        // Links that leave the app are built on the citizen's scheme and host.
        var discovery = JsonDocument.Parse(await c.GetStringAsync("/open311/v2/discovery.json")).RootElement;
        Assert.Equal($"https://{PublicHost}/open311/v2/", discovery.GetProperty("endpoints")[0].GetProperty("url").GetString());

        // Cookies are Secure: the app knows the request came over HTTPS.
        var login = await c.GetAsync("/dang-nhap");
        var setCookies = login.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(setCookies, s => s.StartsWith("fg.af=") && s.Contains("secure", StringComparison.OrdinalIgnoreCase));

        // A failed sign-in is counted against the citizen's address, not nginx's, nor one the citizen wrote in a header.
        var token = AppFixture.Token(await login.Content.ReadAsStringAsync());
        var post = new HttpRequestMessage(HttpMethod.Post, "/dang-nhap")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "khong-ai", ["Input.Password"] = "Sai.Mat.Khau1", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("X-Forwarded-For", "6.6.6.6");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await c.SendAsync(post)).StatusCode);
        await using var db = new SqliteConnection($"Data Source={Db}");
        await db.OpenAsync();
        var keys = new List<string>();
        await using (var cmd = new SqliteCommand("SELECT \"Key\" FROM \"SignInThrottles\" WHERE \"Key\" LIKE 'ip:%'", db))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) keys.Add(r.GetString(0));
        Assert.Equal(["ip:" + Citizen], keys);
    }

    [Fact]
    public async Task Every_answer_through_nginx_carries_the_security_headers_and_is_compressed()
    {
        SkipWithoutNginx();
        using var c = CitizenClient();
        foreach (var encoding in new[] { "br", "gzip" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Accept-Encoding", encoding);
            var home = await c.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Equal(encoding, home.Content.Headers.ContentEncoding.Single());
        }
        var page = await c.GetAsync("/tra-cuu");
        string Header(string name) => page.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
        var csp = Header("Content-Security-Policy");
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline' 'self'; script", csp);
        Assert.Matches("script-src 'self'(;|$)", csp); // no inline script, no eval
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header("Referrer-Policy"));
        Assert.Contains("camera=()", Header("Permissions-Policy"));
        Assert.Contains("max-age=", Header("Strict-Transport-Security"));
        // JSON is compressed too.
        var api = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/discovery.json");
        api.Headers.Add("Accept-Encoding", "br");
        Assert.Equal("br", (await c.SendAsync(api)).Content.Headers.ContentEncoding.Single());
        // The pages really hold no inline script: every <script> names a file of the app.
        var html = await (await c.GetAsync("/dang-nhap")).Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotMatch(" on[a-z]+=\"", html);
    }
}

/// <summary>The app with its public address configured, as a province sets it when its gateway rewrites hosts.</summary>
public sealed class PublicUrlApp() : AppFixture("Sqlite")
{
    public const string Base = "https://dichvucong.dienbien.gov.vn";
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("App:PublicBaseUrl", Base + "/");
    }
}

public sealed class PublicUrlTests(PublicUrlApp app) : IClassFixture<PublicUrlApp>
{
    [Fact]
    public async Task Every_link_that_leaves_the_app_is_built_on_the_configured_public_address()
    {
        var discovery = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/open311/v2/discovery.json")).RootElement;
        Assert.Equal($"{PublicUrlApp.Base}/open311/v2/", discovery.GetProperty("endpoints")[0].GetProperty("url").GetString());
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var created = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", new
        {
            procedureCode = "1.004873", applicantName = "Lò Văn Đường", citizenId = "011095007777", phone = "0912000777",
            address = "Bản Hới Nọ", decision = "Accept", received = new[] { 0, 1, 2, 3 },
        });
        var d = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith($"{PublicUrlApp.Base}/tra-cuu/", d.GetProperty("trackingUrl").GetString());
        // The receipt's QR code (the rating link) too.
        var slip = await officer.GetStringAsync($"/can-bo/ho-so/{d.GetProperty("code").GetString()}/phieu");
        Assert.Contains($"{PublicUrlApp.Base}/danh-gia/", slip);
    }
}
