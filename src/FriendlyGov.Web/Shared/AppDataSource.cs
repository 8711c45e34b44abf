using Npgsql;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// The one plain Npgsql pool on the app's own PostgreSQL database, for what talks to it without EF: the cache bus's
/// LISTEN/NOTIFY and the shared rate windows. Made at first use, so SQLite deployments never open it.
/// </summary>
public sealed class AppDataSource(IConfiguration config) : IAsyncDisposable, IDisposable
{
    private readonly Lazy<NpgsqlDataSource> _source = new(() => NpgsqlDataSource.Create(Database.WithPreparedStatements(Database.ConnectionStringFrom(config))));

    public NpgsqlDataSource Source => _source.Value;

    public void Dispose()
    {
        if (_source.IsValueCreated) _source.Value.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_source.IsValueCreated) await _source.Value.DisposeAsync();
    }
}
