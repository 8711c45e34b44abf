using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Each provider's migrations describe the model as it is: a change to an entity (an index, a column) without its migration
/// would pass every test on a database created by the tests and fail on the first real upgrade.
/// </summary>
public abstract class MigrationsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task The_migrations_are_up_to_date_with_the_model_and_all_applied()
    {
        await using var db = app.OpenDb();
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes no migration describes: add one for each provider");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains(await db.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_OpenBacklogIndex", StringComparison.Ordinal));
    }
}

public sealed class MigrationsTestsSqlite(SqliteApp app) : MigrationsTests<SqliteApp>(app);
public sealed class MigrationsTestsPostgres(PostgresApp app) : MigrationsTests<PostgresApp>(app);
