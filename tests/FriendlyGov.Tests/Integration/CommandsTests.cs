using FriendlyGov.Web.Features.Operations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The operator commands on real databases. They compose the app as the web host does, so they run apart from
/// the tests that host it (the test host intercepts host building in its process).
/// </summary>
[CollectionDefinition(nameof(CommandsCollection), DisableParallelization = true)]
public sealed class CommandsCollection;

[Collection(nameof(CommandsCollection))]
public abstract class CommandsTests(string provider) : IAsyncLifetime
{
    private readonly TestDatabase _db = TestDatabase.Create(provider);
    private readonly string _out = Directory.CreateTempSubdirectory("fg-cmd-").FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_out, recursive: true);
    }

    private async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        string[] config = [$"--ConnectionStrings:Default={_db.ConnectionString}", $"--Database:Provider={_db.Provider}",
            $"--DataProtection:KeysPath={Path.Combine(_out, "keys")}", "--Logging:LogLevel:Default=Warning"];
        var code = await OperatorCommands.RunAsync([.. args, .. config], output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task Each_command_explains_itself()
    {
        foreach (var command in new[] { "migrate", "seed-demo", "create-admin", "verify-audit", "backup" })
        {
            var (code, output) = await Run(command, "--help");
            Assert.Equal(0, code);
            Assert.Contains("Usage:", output);
        }
        var help = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(["--help"], help));
        Assert.Contains("verify-audit", help.ToString());
    }

    [Fact]
    public async Task Migrate_seed_admin_verify_and_backup_work_on_a_fresh_database_and_tampering_is_caught()
    {
        Assert.Equal(0, (await Run("migrate")).Code);
        var seed = await Run("seed-demo");
        Assert.Equal(0, seed.Code);
        Assert.Contains("Demo data added", seed.Output);
        Assert.Contains("already has units", (await Run("seed-demo")).Output);

        var weak = await Run("create-admin", "--user", "admin2", "--password", "short");
        Assert.Equal(2, weak.Code);
        Assert.Contains("ít nhất 10 ký tự", weak.Output);
        Assert.Equal(0, (await Run("create-admin", "--user", "admin2", "--password", "Quan.Tri2025!", "--name", "Quản trị viên")).Code);
        Assert.Equal(2, (await Run("create-admin", "--user", "chiengsinh.lanhdao", "--password", "Quan.Tri2025!")).Code);

        var verified = await Run("verify-audit");
        Assert.Equal(0, verified.Code);
        Assert.Matches(@"intact: \d{2,} entries", verified.Output);

        var backup = Path.Combine(_out, provider == "Postgres" ? "fg.dump" : "fg.db");
        var b = await Run("backup", "--out", backup);
        Assert.True(b.Code == 0, b.Output);
        Assert.True(new FileInfo(backup).Length > 10_000);
        if (provider == "Sqlite")
        {
            await using var copy = new SqliteConnection($"Data Source={backup};Pooling=false");
            await copy.OpenAsync();
            await using var count = new SqliteCommand("SELECT COUNT(*) FROM \"Units\"", copy);
            Assert.True((long)(await count.ExecuteScalarAsync())! > 20);
        }

        // Someone with direct database access rewrites one entry: the chain shows it.
        await Tamper();
        var broken = await Run("verify-audit");
        Assert.Equal(1, broken.Code);
        Assert.Contains("BROKEN at entry 5", broken.Output);
    }

    private async Task Tamper()
    {
        const string update = "UPDATE \"AuditEntries\" SET \"UserName\" = 'someone else' WHERE \"Seq\" = 5";
        if (provider == "Postgres")
        {
            await using var c = new NpgsqlConnection(_db.ConnectionString);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"ALTER TABLE \"AuditEntries\" DISABLE TRIGGER ALL; {update}; ALTER TABLE \"AuditEntries\" ENABLE TRIGGER ALL;", c);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            await using var c = new SqliteConnection(_db.ConnectionString + ";Pooling=false");
            await c.OpenAsync();
            await using var cmd = new SqliteCommand($"DROP TRIGGER \"AuditEntries_no_update\"; {update};", c);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}

public sealed class CommandsTestsSqlite() : CommandsTests("Sqlite");
public sealed class CommandsTestsPostgres() : CommandsTests("Postgres");
