using System.Threading.RateLimiting;
using Npgsql;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Rate limits that hold across app instances (issue 15): a fixed window counted in the database (<c>RateWindows</c>) by
/// one atomic upsert, so two instances behind nginx give a partner key or a client one allowance between them, not one
/// each. On by default on PostgreSQL, the provider that runs several instances (<c>RateLimits:Shared</c>); SQLite is one
/// instance, whose in-memory window is already the whole count. Used for writes only: a lookup is never a write.
/// </summary>
public sealed class SharedLimits(IConfiguration config, AppDataSource database, FriendlyGov.Core.Domain.AuditKey keys, TimeProvider clock, ILogger<SharedLimits> log)
{
    private long _calls;

    public bool Enabled => config.GetValue("RateLimits:Shared", Database.ProviderFrom(config) == DatabaseProvider.Postgres);

    /// <summary>
    /// A window of <paramref name="permits"/> per <paramref name="window"/> for <paramref name="who"/> under <paramref name="policy"/>:
    /// shared when enabled, else the instance's own. <paramref name="who"/> is hashed with the app's key before it is stored.
    /// </summary>
    public RateLimitPartition<string> Window(string policy, string who, int permits, TimeSpan window)
    {
        var key = $"{policy}:{keys.ClientHash(who)[..32]}";
        return Enabled
            ? RateLimitPartition.Get(key, k => new SharedWindowLimiter(this, k, permits, window))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
    }

    /// <summary>Counts one request in the key's current window; answers whether it is within the permits, and when the window ends.</summary>
    internal async Task<(bool Allowed, TimeSpan RetryAfter)> TakeAsync(string key, int permits, TimeSpan window, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Ticks - now.Ticks % window.Ticks, DateTimeKind.Utc);
        await using var cmd = database.Source.CreateCommand("""
            INSERT INTO "RateWindows" ("Key", "WindowStart", "Count") VALUES (@k, @w, 1)
            ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "RateWindows"."Count" + 1
            RETURNING "Count"
            """);
        cmd.Parameters.AddWithValue("k", key);
        cmd.Parameters.AddWithValue("w", start);
        var count = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
        if (Interlocked.Increment(ref _calls) % 500 == 1) await ForgetAsync(now, ct);
        return (count <= permits, start + window - now);
    }

    /// <summary>Windows that ended more than a day ago are dropped, now and then, by whichever instance counts.</summary>
    private async Task ForgetAsync(DateTime now, CancellationToken ct)
    {
        try
        {
            await using var cmd = database.Source.CreateCommand("DELETE FROM \"RateWindows\" WHERE \"WindowStart\" < @before");
            cmd.Parameters.AddWithValue("before", now.AddDays(-1));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException e) { log.LogWarning("Old rate windows were not dropped: {Reason}", e.Message); }
    }

    /// <summary>
    /// The framework's limiter contract over the shared count. Its synchronous attempt never grants, so the rate-limiting
    /// middleware always takes the asynchronous path, which asks the database.
    /// </summary>
    private sealed class SharedWindowLimiter(SharedLimits owner, string key, int permits, TimeSpan window) : RateLimiter
    {
        private long _lastUse = System.Diagnostics.Stopwatch.GetTimestamp();

        // It holds nothing but its settings: once unused for a while the framework drops the partition.
        public override TimeSpan? IdleDuration => System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUse));

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUse, System.Diagnostics.Stopwatch.GetTimestamp());
            if (permitCount == 0) return Lease.Granted;
            var (allowed, retry) = await owner.TakeAsync(key, permits, window, cancellationToken);
            return allowed ? Lease.Granted : new Lease(false, retry);
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter = null) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease NotYet = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
