using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Running behind nginx or a provincial gateway: whose forwarded headers are believed (Proxy:KnownProxies, Proxy:KnownNetworks;
/// loopback when none is configured), and the public address every link that leaves the app is built on (App:PublicBaseUrl).
/// </summary>
public static class Deployment
{
    public static IServiceCollection AddDeployment(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            var proxies = config.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [];
            var networks = config.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [];
            if (proxies.Length + networks.Length > 0)
            {
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                foreach (var p in proxies) o.KnownProxies.Add(IPAddress.Parse(p));
                foreach (var n in networks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n));
            }
            o.ForwardLimit = config.GetValue("Proxy:ForwardLimit", 1);
            // A forwarded host is believed only if it is one of ours (when configured): links must not point elsewhere.
            o.AllowedHosts = config.GetSection("Proxy:AllowedHosts").Get<string[]>() ?? [];
        });
        // HTML, CSS, JS, JSON and problem answers, Brotli first: a page is a third of its size on a slow mountain network.
        // Over HTTPS too: the secrets in a page (antiforgery tokens) are encrypted afresh for each answer, so compression
        // reveals nothing about them (BREACH).
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml", "text/xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }

    /// <summary>
    /// The keys that protect sign-in cookies and antiforgery tokens: kept in the database, so every instance behind the proxy
    /// shares them and a restart keeps everyone signed in, and each key encrypted at rest with a certificate kept outside the
    /// database (DataProtection:CertificateFile, a PKCS#12 file, and DataProtection:CertificatePassword). Production refuses to
    /// start without one; elsewhere one is generated under DataProtection:KeysPath (data/keys).
    /// </summary>
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var ring = services.AddDataProtection().SetApplicationName("FriendlyGov").PersistKeysToDbContext<AppDbContext>();
        // Operator commands protect nothing (no cookie, no form): they need no certificate.
        if (!config.GetValue("DataProtection:Unused", false)) ring.ProtectKeysWithCertificate(KeyCertificate(config, env));
        return services;
    }

    public static X509Certificate2 KeyCertificate(IConfiguration config, IHostEnvironment env)
    {
        var file = config["DataProtection:CertificateFile"];
        var password = config["DataProtection:CertificatePassword"];
        if (string.IsNullOrEmpty(file))
        {
            if (env.IsProduction())
                throw new InvalidOperationException("No certificate to encrypt the data-protection keys at rest: set DataProtection:CertificateFile " +
                    "(a PKCS#12 file outside the database) and DataProtection:CertificatePassword. Create one with: openssl req -x509 -newkey rsa:3072 " +
                    "-nodes -days 3650 -subj /CN=FriendlyGov-keys -keyout k.pem -out c.pem && openssl pkcs12 -export -inkey k.pem -in c.pem -out keys.pfx");
            var dir = config["DataProtection:KeysPath"] ?? "data/keys";
            file = Path.Combine(Path.IsPathRooted(dir) ? dir : Path.Combine(env.ContentRootPath, dir), "keys-certificate.pfx");
            password = "";
            if (!File.Exists(file)) CreateCertificate(file);
        }
        else if (!Path.IsPathRooted(file)) file = Path.Combine(env.ContentRootPath, file);
        return X509CertificateLoader.LoadPkcs12FromFile(file, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static void CreateCertificate(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=FriendlyGov data-protection keys (development)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        var tmp = file + "." + Environment.ProcessId + ".tmp";
        File.WriteAllBytes(tmp, cert.Export(X509ContentType.Pkcs12, ""));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try { File.Move(tmp, file); } catch (IOException) { File.Delete(tmp); } // another process made it first
    }

    /// <summary>
    /// Production: refuse to serve when the links that leave the app (messages, QR codes, Open311) would be built from a
    /// request's Host header, which anyone can set: a public base address (App:PublicBaseUrl), or at least the names a
    /// forwarded host must be one of (Proxy:AllowedHosts), must be configured.
    /// </summary>
    public static void RefuseHeaderBuiltLinks(IConfiguration config, IHostEnvironment env)
    {
        if (!env.IsProduction() || !string.IsNullOrWhiteSpace(config["App:PublicBaseUrl"])) return;
        if ((config.GetSection("Proxy:AllowedHosts").Get<string[]>() ?? []).Any(h => !string.IsNullOrWhiteSpace(h))) return;
        throw new InvalidOperationException("Refusing to start in Production without a public address: links sent to citizens would be " +
            "built from the request's Host header, which anyone can forge. Set App:PublicBaseUrl (e.g. https://dichvucong.example.gov.vn) " +
            "or Proxy:AllowedHosts (the public names nginx forwards).");
    }

    /// <summary>
    /// The address of a page as people outside reach it: App:PublicBaseUrl when configured (QR codes, links to send), else the
    /// request's own scheme and host (already the citizen's, through the forwarded headers).
    /// </summary>
    public static string PublicUrl(this HttpRequest request, string path)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["App:PublicBaseUrl"];
        var baseUrl = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
        return baseUrl + (path.StartsWith('/') ? path : "/" + path);
    }
}
