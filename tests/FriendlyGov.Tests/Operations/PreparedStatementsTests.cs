using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The app's PostgreSQL connections prepare the statements they repeat (Npgsql's automatic preparation), so a hot request
/// is not parsed and planned again on every call; an operator's own "Max Auto Prepare" in the connection string wins.
/// </summary>
public sealed class PreparedStatementsTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_statement_the_app_repeats_on_a_connection_is_prepared_on_the_server()
    {
        await using var db = app.OpenDb();
        await db.Database.OpenConnectionAsync();
        var marker = "prepared-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++) await db.Units.AsNoTracking().CountAsync(u => u.Code == marker);

        // pg_prepared_statements lists what this session (the context's connection) holds prepared.
        var prepared = await db.Database.SqlQueryRaw<string>("""SELECT statement AS "Value" FROM pg_prepared_statements""").ToListAsync();
        Assert.Contains(prepared, s => s.Contains("FROM \"Units\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_operators_own_setting_is_kept_and_otherwise_preparation_is_on()
    {
        var tuned = new NpgsqlConnectionStringBuilder(Database.WithPreparedStatements("Host=db.test;Database=fg"));
        Assert.Equal(Database.AutoPrepared, tuned.MaxAutoPrepare);
        Assert.Equal("db.test", tuned.Host);
        Assert.Equal("fg", tuned.Database);
        foreach (var own in new[] { "Host=db.test;Max Auto Prepare=0", "Host=db.test;MaxAutoPrepare=7" })
            Assert.Equal(own, Database.WithPreparedStatements(own));
        // Only a keyword counts: the words in a value (here a password) do not turn preparation off.
        Assert.Equal(Database.AutoPrepared, new NpgsqlConnectionStringBuilder(Database.WithPreparedStatements("Host=db.test;Password=MaxAutoPrepare")).MaxAutoPrepare);
    }
}
