using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace FriendlyGov.Core.Data;

/// <summary>
/// A unit of work that starts a transaction, or joins the one already open (a request made idempotent holds one for its
/// whole length) as a savepoint: committing releases it, leaving without commit rolls back to it. The use case's code is
/// the same either way.
/// </summary>
public sealed class Work : IAsyncDisposable
{
    private readonly IDbContextTransaction? _own;
    private readonly IDbContextTransaction? _outer;
    private readonly string? _savepoint;
    private bool _done;

    private Work(IDbContextTransaction? own, IDbContextTransaction? outer, string? savepoint) => (_own, _outer, _savepoint) = (own, outer, savepoint);

    public static async Task<Work> BeginAsync(DatabaseFacade database, CancellationToken ct = default)
    {
        if (database.CurrentTransaction is { } outer)
        {
            var name = "fg_" + Guid.NewGuid().ToString("N")[..12];
            await outer.CreateSavepointAsync(name, ct);
            return new Work(null, outer, name);
        }
        return new Work(await database.BeginTransactionAsync(ct), null, null);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (_own is not null) await _own.CommitAsync(ct);
        else await _outer!.ReleaseSavepointAsync(_savepoint!, ct);
        _done = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_own is not null) await _own.DisposeAsync();
        else if (!_done && _outer is not null)
        {
            try { await _outer.RollbackToSavepointAsync(_savepoint!); }
            catch (InvalidOperationException) { } // the outer transaction is already gone
        }
    }
}

public static class WorkExtensions
{
    /// <summary>Begins a transaction, or a savepoint inside the one already open.</summary>
    public static Task<Work> BeginWorkAsync(this DatabaseFacade database, CancellationToken ct = default) => Work.BeginAsync(database, ct);
}
