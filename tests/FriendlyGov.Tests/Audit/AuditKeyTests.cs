using FriendlyGov.Web.Features.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace FriendlyGov.Tests.Integration;

public class AuditKeyTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Development_generates_a_key_file_once_and_reuses_it()
    {
        var dir = Directory.CreateTempSubdirectory("fg-key-").FullName;
        try
        {
            var env = new HostingEnvironment { EnvironmentName = "Development", ContentRootPath = dir };
            var first = AuditKeys.Load(Config([]), env, NullLogger.Instance);
            var file = Path.Combine(dir, AuditKeys.DevelopmentKeyFile);
            Assert.True(File.Exists(file));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(first.Id, AuditKeys.Load(Config([]), env, NullLogger.Instance).Id);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Production_needs_a_key_from_configuration_or_an_existing_file()
    {
        var dir = Directory.CreateTempSubdirectory("fg-key-").FullName;
        try
        {
            var env = new HostingEnvironment { EnvironmentName = "Production", ContentRootPath = dir };
            Assert.Contains("No audit key", Assert.Throws<InvalidOperationException>(() => AuditKeys.Load(Config([]), env, NullLogger.Instance)).Message);
            Assert.Throws<InvalidOperationException>(() => AuditKeys.Load(Config(new() { ["Audit:KeyFile"] = "missing.key" }), env, NullLogger.Instance));
            Assert.False(File.Exists(Path.Combine(dir, AuditKeys.DevelopmentKeyFile))); // never generated outside Development
            var key = FriendlyGov.Core.Domain.AuditKey.NewBase64();
            File.WriteAllText(Path.Combine(dir, "audit.key"), key);
            Assert.Equal(FriendlyGov.Core.Domain.AuditKey.FromBase64(key).Id,
                AuditKeys.Load(Config(new() { ["Audit:KeyFile"] = "audit.key" }), env, NullLogger.Instance).Id);
        }
        finally { Directory.Delete(dir, true); }
    }
}
