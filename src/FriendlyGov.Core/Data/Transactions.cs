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
            await ConnectionLostException.TranslateAsync(outer, () => outer.CreateSavepointAsync(name, ct));
            return new Work(null, outer, name);
        }
        return new Work(await database.BeginTransactionAsync(ct), null, null);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (_own is not null) await _own.CommitAsync(ct);
        else await ConnectionLostException.TranslateAsync(_outer!, () => _outer!.ReleaseSavepointAsync(_savepoint!, ct));
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

/// <summary>
/// The database connection under an open transaction was lost (the server ended it, a failover): the driver marked the
/// transaction completed, and the next use of it says only "Transaction is already completed". Transient: the request
/// may succeed when sent again, so it answers 503, not a bug's 500.
/// </summary>
public sealed class ConnectionLostException(Exception inner)
    : System.Data.Common.DbException("The database connection under the transaction was lost.", inner)
{
    public override bool IsTransient => true;

    /// <summary>Runs an operation on an open transaction; its refusal because the connection is gone becomes this exception.</summary>
    public static async Task TranslateAsync(IDbContextTransaction transaction, Func<Task> operation)
    {
        try { await operation(); }
        catch (InvalidOperationException e) when (Lost(transaction, e)) { throw new ConnectionLostException(e); }
    }

    /// <summary>
    /// True when the driver has let go of the transaction: its connection is gone, or the driver calls it completed. Our code
    /// never uses a transaction it committed or rolled back, so a completed one here was ended under us: the connection was
    /// lost (and EF Core may already have opened a fresh one, which is why the connection's state alone does not tell).
    /// </summary>
    public static bool Lost(IDbContextTransaction transaction, InvalidOperationException e)
    {
        if (e.Message.Contains("completed", StringComparison.OrdinalIgnoreCase)) return true;
        try { return transaction.GetDbTransaction().Connection is not { State: System.Data.ConnectionState.Open }; }
        catch (InvalidOperationException) { return true; } // the driver refuses even to name the connection of a completed transaction
    }
}

public static class WorkExtensions
{
    /// <summary>Begins a transaction, or a savepoint inside the one already open.</summary>
    public static Task<Work> BeginWorkAsync(this DatabaseFacade database, CancellationToken ct = default) => Work.BeginAsync(database, ct);
}
