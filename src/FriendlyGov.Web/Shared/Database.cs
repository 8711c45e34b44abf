using FriendlyGov.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace FriendlyGov.Web.Shared;

public enum DatabaseProvider { Sqlite, Postgres }

public static class Database
{
    public const string DefaultSqlite = "Data Source=data/friendlygov.db";

    public static DatabaseProvider ProviderFrom(IConfiguration config)
    {
        var name = config["Database:Provider"] ?? "Sqlite";
        return Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var p)
            ? p
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{name}'.");
    }

    public static string ConnectionStringFrom(IConfiguration config) =>
        config.GetConnectionString("Default") is { Length: > 0 } cs ? cs : DefaultSqlite;

    /// <summary>
    /// PostgreSQL connections prepare the statements they repeat (Npgsql's automatic preparation): the session check, the
    /// intake's inserts and the lookups are parsed and planned once per pooled connection instead of on every request.
    /// A connection string that names "Max Auto Prepare" itself keeps its own setting (0 turns preparation off).
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        // The keywords the string itself names (Npgsql's own builder answers for every keyword it knows), spaces ignored as Npgsql does.
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        if (named.Any(k => k.Replace(" ", "").Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))) return connectionString;
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPrepared, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    /// <summary>How many statements each pooled PostgreSQL connection keeps prepared (the most used ones).</summary>
    public const int AutoPrepared = 50;

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
            options.UseNpgsql(WithPreparedStatements(connectionString), x => x.MigrationsAssembly("FriendlyGov.Migrations.Postgres"));
        else
            options.UseSqlite(connectionString, x => x.MigrationsAssembly("FriendlyGov.Migrations.Sqlite"));
    }

    /// <summary>
    /// What every context's saves go through, whichever connection it has: the file store, the outbox writer, the satisfaction
    /// and petition figures, then the commit hooks.
    /// </summary>
    public static void AddKernelInterceptors(DbContextOptionsBuilder options, IServiceProvider services) =>
        options.AddInterceptors(services.GetRequiredService<StoredFiles>(), services.GetRequiredService<FriendlyGov.Web.Features.Notifications.NotificationRaiser>(),
            services.GetRequiredService<FriendlyGov.Web.Features.Satisfaction.SatisfactionFeeder>(), services.GetRequiredService<FriendlyGov.Web.Features.Petitions.PetitionFeeder>(),
            services.GetRequiredService<CommittedChanges>());

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration config)
    {
        ProviderFrom(config); // fail at start-up on a wrong provider name
        // Read when the options are built, so settings layered on after composition (tests, hosting) count.
        // Options are a singleton so the unit directory and commands can open contexts of their own.
        // Pooled: a request leases a ready context (EF's per-context services already built) and gives it its scope.
        services.AddPooledDbContextFactory<AppDbContext>((sp, o) =>
        {
            var c = sp.GetRequiredService<IConfiguration>();
            var provider = ProviderFrom(c);
            var cs = ConnectionStringFrom(c);
            if (provider == DatabaseProvider.Sqlite) cs = AnchorSqlite(cs, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            Configure(o, provider, cs);
            AddKernelInterceptors(o, sp);
        });
        services.AddSingleton<CommittedChanges>();
        services.AddSingleton<AppDataSource>();
        services.AddSingleton<StoredFiles>();
        services.AddSingleton<FriendlyGov.Web.Features.Satisfaction.SatisfactionFeeder>();
        services.AddSingleton<FriendlyGov.Web.Features.Petitions.PetitionFeeder>();
        services.AddSingleton<StandbyReads>();
        services.AddScoped(sp =>
        {
            // A dashboard's GET may read on the standby (ConnectionStrings:Reads); everything else reads and writes the primary.
            var db = (sp.GetRequiredService<StandbyReads>().FactoryFor(sp.GetService<IHttpContextAccessor>()?.HttpContext)
                ?? sp.GetRequiredService<IDbContextFactory<AppDbContext>>()).CreateDbContext();
            db.Lease(sp.GetRequiredService<IUnitScope>(), sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<FriendlyGov.Core.Domain.AuditKey>());
            return db;
        });
        services.AddHostedService<DatabaseInitializer>();
        services.AddScoped<SystemContexts>();
        return services;
    }

    /// <summary>A context outside any request: unrestricted, attributed to the named operator or job.</summary>
    public static AppDbContext OpenSystemContext(IServiceProvider services, string actor, string? actorId = null)
    {
        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var key = services.GetRequiredService<FriendlyGov.Core.Domain.AuditKey>();
        // Inside an idempotent request, system writes are part of its one transaction (its answer and what it created
        // commit together; on SQLite a second connection would wait on the request's own write lock).
        if (services.GetService<IHttpContextAccessor>()?.HttpContext?.Items[IdempotencyMiddleware.ContextItem] is AppDbContext outer
            && outer.Database.CurrentTransaction is { } tx)
        {
            var b = new DbContextOptionsBuilder<AppDbContext>();
            var connection = outer.Database.GetDbConnection();
            if (outer.IsPostgres) b.UseNpgsql(connection); else b.UseSqlite(connection);
            AddKernelInterceptors(b, services);
            var joined = AppDbContext.Create(b.Options, new SystemScope(actor, actorId), clock, key);
            joined.Database.UseTransaction(Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(tx));
            return joined;
        }
        return AppDbContext.Create(services.GetRequiredService<DbContextOptions<AppDbContext>>(), new SystemScope(actor, actorId), clock, key);
    }

    /// <summary>A relative SQLite path means "under the app's content root", wherever the process was started from.</summary>
    public static string AnchorSqlite(string connectionString, string contentRoot)
    {
        var b = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(b.DataSource) && b.DataSource != ":memory:" && !Path.IsPathRooted(b.DataSource))
            b.DataSource = Path.Combine(contentRoot, b.DataSource);
        return b.ToString();
    }

    /// <summary>Creates the folder of a SQLite file so a fresh clone starts without set-up.</summary>
    public static void EnsureSqliteFolder(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:") return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }

    /// <summary>The migration that creates the satisfaction figures' table (the same name for both providers).</summary>
    public const string SatisfactionFiguresMigration = "SatisfactionFigures";

    /// <summary>The migration that creates the petition figures' table (the same name for both providers).</summary>
    public const string PetitionFiguresMigration = "PetitionFigures";

    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct, ILogger? log = null)
    {
        if (!db.IsPostgres) EnsureSqliteFolder(db.Database.GetConnectionString()!);
        // Npgsql's history repository takes the history table as present and reads it, so the first migration of a new
        // PostgreSQL database logged two errors for its absence (npgsql/efcore.pg#3407), which an operator then reads as a
        // failed install. The table is made first, with EF's own script; an instance starting alongside may make it first.
        if (db.IsPostgres)
        {
            try { await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct); }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable) { }
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        // The satisfaction figures are derived from the facts: built once, from the history, when their table is created.
        if (pending.Any(m => m.EndsWith("_" + SatisfactionFiguresMigration, StringComparison.Ordinal)))
        {
            var written = await FriendlyGov.Web.Features.Satisfaction.SatisfactionFigures.RebuildAsync(db,
                new FriendlyGov.Web.Features.Calendar.Calendars(db, new ReferenceCache(TimeProvider.System)));
            if (written > 0) log?.LogInformation("Satisfaction figures built from the history: {Buckets} buckets", written);
        }
        if (pending.Any(m => m.EndsWith("_" + PetitionFiguresMigration, StringComparison.Ordinal)))
        {
            var written = await FriendlyGov.Web.Features.Petitions.PetitionFigureStore.RebuildAsync(db);
            if (written > 0) log?.LogInformation("Petition figures built from the history: {Buckets} buckets", written);
        }
        // WAL lets citizens read while the counter writes.
        if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // Entries from before keyed per-unit chains are resealed once, right after the schema change, before any new write.
        try
        {
            if (await AuditSeals.ResealLegacyAsync(db, "migrate", DateTime.UtcNow, ct: ct) is { } done)
                log?.LogWarning("Audit log resealed once (keyed per-unit chains, personal values fingerprinted): {Changes}", done.Changes);
        }
        catch (InvalidOperationException ex)
        {
            log?.LogError("Audit log not resealed: {Reason}", ex.Message);
        }
    }
}

/// <summary>Migrates (and, where configured, seeds the demo) before the app takes requests.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, IConfiguration config, ILogger<DatabaseInitializer> log) : IHostedService
{
    /// <summary>The advisory locks under which an instance makes or reads the first data-protection key, and realigns due dates.</summary>
    private const long KeyRingTurn = 4607018, DueDatesTurn = 4607019;

    public async Task StartAsync(CancellationToken ct)
    {
        var env = services.GetRequiredService<IHostEnvironment>();
        Deployment.RefuseHeaderBuiltLinks(config, env);
        await using var db = Database.OpenSystemContext(services, "startup");
        if (config.GetValue("Database:MigrateOnStartup", true))
        {
            await Database.MigrateAsync(db, ct, log);
            log.LogInformation("Database migrated ({Provider})", db.Database.ProviderName);
        }
        if (config.GetValue("Database:MigrateOnStartup", true)) await ReferenceData.EnsureAsync(services, db);
        await DemoGuard.RefuseKnownSecretsAsync(services, env);
        // The key ring lives in the database: made now, not by the first request inside its own transaction. Instances that
        // start together take turns (an advisory lock on PostgreSQL): the first makes the key, the others read it. Without
        // the turns each made its own, and a cookie or a form from one instance was refused by the other.
        await InTurnAsync(db, KeyRingTurn, () =>
        {
            Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(
                services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("FriendlyGov.Startup"), "ready");
            return Task.CompletedTask;
        }, ct);
        await RealignDueDatesAsync(db, ct);
        if (config.GetValue("Database:SeedDemo", false) && !DemoGuard.MaySeed(env)) throw new InvalidOperationException(DemoGuard.SeedRefusal(env));
        if (config.GetValue("Database:SeedDemo", false) && !await db.Units.AnyAsync(ct))
        {
            await DemoSeeder.SeedAsync(services, ct);
            log.LogInformation("Demo data seeded");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The open petitions' due dates follow the answer deadline configured now (and any calendar change missed). Instances
    /// that start together take turns; the later ones find nothing to move. A failure is logged and left to the nightly run:
    /// the app still serves.
    /// </summary>
    private async Task RealignDueDatesAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await InTurnAsync(db, DueDatesTurn, async () =>
            {
                var moved = await Features.Petitions.PetitionDueDates.RealignAsync(db,
                    services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FriendlyGov.Core.Domain.PetitionDeadlines>>().Value, ct: ct);
                if (moved > 0) log.LogWarning("Due dates of {Petitions} open petitions realigned with the calendar and the answer deadline", moved);
            }, ct);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            log.LogError(e, "Due dates of the open petitions not realigned at start-up; the nightly run will try again");
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> while holding a PostgreSQL advisory lock on this context's connection, so instances that
    /// start together take turns at it; on SQLite (one instance) it just runs.
    /// </summary>
    private static async Task InTurnAsync(AppDbContext db, long turn, Func<Task> work, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            await work();
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock({0})", [turn], ct);
            try
            {
                await work();
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0})", [turn], CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>What every database holds, demo or not: the roles, and the government's announced days off already known.</summary>
public static class ReferenceData
{
    public static async Task EnsureAsync(IServiceProvider services, AppDbContext db)
    {
        await Features.Accounts.AccountsSetup.EnsureRolesAsync(services);
        await Features.Calendar.Calendars.EnsureAnnouncedDaysAsync(db);
    }
}

/// <summary>Marks a page or endpoint whose GET may be answered from the standby: a dashboard, where a second of lag is harmless.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ReadsMayLagAttribute : Attribute;

/// <summary>
/// Reads on the standby (issue 15). When ConnectionStrings:Reads is set (PostgreSQL; a multi-host string with
/// <c>Target Session Attributes=prefer-standby</c>, so a lost standby falls back to the primary), the GET requests of pages
/// and endpoints marked <see cref="ReadsMayLagAttribute"/> (the supervisors' dashboards) get their context there. Nothing
/// else does: a counter's own writes, and every page that shows what someone just did, read the primary. The primary commits
/// with <c>synchronous_commit = remote_apply</c> (deploy/postgresql/primary.conf), so even a dashboard opened right after
/// a change on it shows the change.
/// </summary>
public sealed class StandbyReads(IServiceProvider services, IConfiguration config)
{
    private readonly Lazy<IDbContextFactory<AppDbContext>?> _factory = new(() =>
    {
        if (Database.ProviderFrom(config) != DatabaseProvider.Postgres || config.GetConnectionString("Reads") is not { Length: > 0 } reads) return null;
        var b = new DbContextOptionsBuilder<AppDbContext>();
        Database.Configure(b, DatabaseProvider.Postgres, reads);
        Database.AddKernelInterceptors(b, services);
        return new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<AppDbContext>(b.Options);
    });

    public bool Enabled => _factory.Value is not null;

    public IDbContextFactory<AppDbContext>? FactoryFor(HttpContext? http) =>
        http is not null && HttpMethods.IsGet(http.Request.Method) && _factory.Value is { } f
        && http.GetEndpoint()?.Metadata.GetMetadata<ReadsMayLagAttribute>() is not null ? f : null;
}

/// <summary>
/// Opens system contexts for a use case that writes on the actor's behalf (replication, a citizen's consent, an answer to a
/// commune's proposal): the one typed way in, so use cases depend on this, not on the service provider.
/// </summary>
public sealed class SystemContexts(IServiceProvider services)
{
    public AppDbContext Open(string actor, string? actorId = null) => Database.OpenSystemContext(services, actor, actorId);
}
