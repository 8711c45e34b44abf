using Npgsql;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// What one instance's caches must hear of the others' commits (issue 15: several instances behind nginx). On PostgreSQL,
/// LISTEN/NOTIFY on the app's own database: a commit that changes what a cache keeps is published with the instance's id,
/// and every other instance drops those rows. After a lost connection an instance drops everything, since it may have
/// missed a message. SQLite is one instance and needs none of this.
/// </summary>
public sealed class CacheBus(IConfiguration config, AppDataSource database, ILogger<CacheBus> log) : BackgroundService
{
    public const string Channel = "friendlygov_cache";
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private readonly List<Action<IReadOnlyList<string>>> _subscribers = [];

    private bool IsPostgres => Database.ProviderFrom(config) == DatabaseProvider.Postgres;

    // The app's one plain pool (shared with the rate windows) for the listener and the notices, made once even when the
    // first commits publish at the same moment.
    private NpgsqlDataSource Source => database.Source;

    /// <summary>Called with the marks ("d:42", "*") other instances committed.</summary>
    public void Subscribe(Action<IReadOnlyList<string>> onRemote)
    {
        lock (_subscribers) _subscribers.Add(onRemote);
    }

    /// <summary>Tells the other instances (after this instance's commit); a failure is logged, and the others' TTL bounds it.</summary>
    public void Publish(IReadOnlyCollection<string> marks)
    {
        if (!IsPostgres || marks.Count == 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var cmd = Source.CreateCommand("SELECT pg_notify(@c, @p)");
                // NOTIFY payloads stop at 8000 bytes: a commit that touched very many rows says "everything".
                var payload = _instance + "|" + string.Join(",", marks);
                if (payload.Length > 7000) payload = _instance + "|*";
                cmd.Parameters.AddWithValue("c", Channel);
                cmd.Parameters.AddWithValue("p", payload);
                await cmd.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                log.LogWarning("Cache invalidation could not be published: {Error}", e.GetType().Name);
            }
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!IsPostgres) return;
        var first = true;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await Source.OpenConnectionAsync(stop);
                connection.Notification += (_, e) => Deliver(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stop);
                if (!first) Tell(["*"]); // messages may have been missed while the connection was down
                first = false;
                while (!stop.IsCancellationRequested) await connection.WaitAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or System.IO.IOException)
            {
                log.LogWarning("Cache invalidation listener lost its connection: {Error}; reconnecting", e.GetType().Name);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stop); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private void Deliver(string payload)
    {
        var bar = payload.IndexOf('|');
        if (bar < 0 || payload[..bar] == _instance) return; // our own commits were handled before publishing
        Tell(payload[(bar + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    private void Tell(IReadOnlyList<string> marks)
    {
        Action<IReadOnlyList<string>>[] subscribers;
        lock (_subscribers) subscribers = [.. _subscribers];
        foreach (var s in subscribers) s(marks);
    }
}
