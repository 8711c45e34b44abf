using FriendlyGov.Core.Domain;

namespace FriendlyGov.Web.Features.Audit;

/// <summary>
/// Where the audit key comes from: <c>Audit:Key</c> (base64, at least 32 bytes) or <c>Audit:KeyFile</c> (a file holding it,
/// outside the database and its backups). Outside Development the app and every operator command refuse to start without
/// one; Development generates <c>data/audit.key</c> on first start and says so.
/// </summary>
public static class AuditKeys
{
    public const string DevelopmentKeyFile = "data/audit.key";

    public static AuditKey Load(IConfiguration config, IHostEnvironment env, ILogger log)
    {
        if (config["Audit:Key"] is { Length: > 0 } inline) return Parse(inline, "Audit:Key");
        var file = config["Audit:KeyFile"];
        if (string.IsNullOrEmpty(file))
        {
            if (!env.IsDevelopment())
                throw new InvalidOperationException(
                    "No audit key: set Audit:KeyFile (a file with a base64 key of at least 32 bytes, kept off the database and its backups) " +
                    "or Audit:Key. Create one with: openssl rand -base64 32 > /etc/friendlygov/audit.key");
            file = DevelopmentKeyFile;
        }
        var path = Path.IsPathRooted(file) ? file : Path.Combine(env.ContentRootPath, file);
        if (!File.Exists(path))
        {
            if (!env.IsDevelopment()) throw new InvalidOperationException($"The audit key file {path} does not exist.");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, AuditKey.NewBase64() + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            log.LogWarning("Development: generated a new audit key at {Path}. Production needs its own key (Audit:KeyFile).", path);
        }
        return Parse(File.ReadAllText(path), path);
    }

    private static AuditKey Parse(string text, string source)
    {
        try
        {
            return AuditKey.FromBase64(text);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"The audit key in {source} is not base64 of at least {AuditKey.MinimumBytes} bytes.", ex);
        }
    }
}
