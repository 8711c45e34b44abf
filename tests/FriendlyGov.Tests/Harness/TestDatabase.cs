using Npgsql;

namespace FriendlyGov.Tests.Integration;

/// <summary>A database of its own for one fixture: a fresh SQLite file, or a fresh database on the test PostgreSQL server.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }
    public abstract ValueTask DisposeAsync();

    public static TestDatabase Create(string provider) => provider == "Postgres" ? new PostgresDatabase() : new SqliteDatabase();
}

public sealed class SqliteDatabase : TestDatabase
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fg-test-").FullName;
    public override string Provider => "Sqlite";
    private string File => Path.Combine(_dir, "test.db");
    public override string ConnectionString => $"Data Source={File}";

    /// <summary>A new database that starts as a copy of this one, which no connection may be writing.</summary>
    public SqliteDatabase Copy()
    {
        var copy = new SqliteDatabase();
        System.IO.File.Copy(File, copy.File);
        return copy;
    }

    /// <summary>Folds the write-ahead log into the file and closes every pooled connection, so the file alone is the database.</summary>
    public void Settle()
    {
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            cmd.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresDatabase : TestDatabase
{
    /// <summary>Set by ./test.sh, which starts a throw-away cluster on loopback.</summary>
    public static string Server => Environment.GetEnvironmentVariable("FRIENDLYGOV_TEST_POSTGRES")
        ?? throw new InvalidOperationException("FRIENDLYGOV_TEST_POSTGRES is not set: run ./test.sh, which starts a PostgreSQL server for the tests.");

    private readonly string _name = "fg_test_" + Guid.NewGuid().ToString("N")[..12];
    public override string Provider => "Postgres";
    public override string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ToString();

    public PostgresDatabase() : this(template: null) { }

    private PostgresDatabase(string? template)
    {
        using var c = new NpgsqlConnection(Server);
        c.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {_name}" + (template is null ? "" : $" TEMPLATE {template}"), c);
        cmd.ExecuteNonQuery();
    }

    /// <summary>A new database that starts as a copy of this one, to which no session may be connected.</summary>
    public PostgresDatabase Copy() => new(_name);

    /// <summary>Ends every session on this database (the pools of an app that has stopped), so it can be copied.</summary>
    public void Settle()
    {
        NpgsqlConnection.ClearAllPools();
        using var c = new NpgsqlConnection(Server);
        c.Open();
        using var cmd = new NpgsqlCommand($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{_name}'", c);
        cmd.ExecuteNonQuery();
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(Server);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// One migrated database with the demo seeded, per provider and test run, made by starting the app once on an empty
/// database; each fixture then starts on a copy of it (a file copy, or PostgreSQL's CREATE DATABASE … TEMPLATE). A first
/// start migrates and seeds for seconds of CPU; a start on the copy finds both done, as a restarted server does.
/// </summary>
public static class DatabaseTemplates
{
    /// <summary>The audit key the template's entries were sealed with; every fixture on a copy is configured with it.</summary>
    public static readonly string AuditKeyBase64 = FriendlyGov.Core.Domain.AuditKey.NewBase64();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<TestDatabase>>> Templates = new();
    private static readonly SemaphoreSlim Copying = new(1, 1);

    public static async Task<TestDatabase> CopyAsync(string provider)
    {
        var template = await Templates.GetOrAdd(provider, p => new(() => BuildAsync(p))).Value;
        await Copying.WaitAsync();
        try
        {
            return template switch
            {
                SqliteDatabase sqlite => sqlite.Copy(),
                PostgresDatabase postgres => postgres.Copy(),
                _ => throw new InvalidOperationException(template.GetType().Name),
            };
        }
        finally { Copying.Release(); }
    }

    private static async Task<TestDatabase> BuildAsync(string provider)
    {
        var app = new TemplateApp(provider) { KeepDatabase = true };
        await app.InitializeAsync();
        var db = app.Db;
        await app.DisposeAsync();
        if (db is SqliteDatabase sqlite) sqlite.Settle();
        else if (db is PostgresDatabase postgres) postgres.Settle();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => db.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        return db;
    }

    private sealed class TemplateApp(string provider) : AppFixture(provider)
    {
        protected override bool FromTemplate => false;
    }
}
