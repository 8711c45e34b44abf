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
    public override string ConnectionString => $"Data Source={Path.Combine(_dir, "test.db")}";

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

    public PostgresDatabase()
    {
        using var c = new NpgsqlConnection(Server);
        c.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {_name}", c);
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
