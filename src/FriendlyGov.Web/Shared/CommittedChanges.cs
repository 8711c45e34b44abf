using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Something kept outside the database (a cache) that must hear of a change once it is committed, never before: it marks
/// what an entry being saved touches, and is told the marks when the transaction holding them commits.
/// </summary>
public interface ICommitListener
{
    void Mark(EntityEntry entry, ISet<object> marks);
    void Committed(IReadOnlyCollection<object> marks);
}

/// <summary>
/// The kernel's hook for <see cref="ICommitListener"/>s: marks are gathered as changes are saved and handed over when their
/// transaction commits (or at once, for a save that was its own transaction). Keyed by the transaction, so a context that
/// joins another's transaction (a system write inside an idempotent request) is heard when that transaction commits.
/// </summary>
public sealed class CommittedChanges(IEnumerable<ICommitListener> listeners) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ICommitListener[] _listeners = [.. listeners];
    private readonly ConditionalWeakTable<DbTransaction, Dictionary<ICommitListener, HashSet<object>>> _pending = new();
    private readonly ConditionalWeakTable<DbContext, Dictionary<ICommitListener, HashSet<object>>> _saving = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Gather(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Gather(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    private void Gather(DbContext? context)
    {
        if (context is null || _listeners.Length == 0) return;
        var marks = _listeners.ToDictionary(l => l, _ => new HashSet<object>());
        foreach (var entry in context.ChangeTracker.Entries())
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                foreach (var l in _listeners) l.Mark(entry, marks[l]);
        // Most saves touch nothing a listener keeps: nothing to hold until the commit.
        if (marks.Values.Any(m => m.Count > 0)) _saving.AddOrUpdate(context, marks);
        else _saving.Remove(context);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var marks)) return;
        _saving.Remove(context);
        if (context.Database.CurrentTransaction?.GetDbTransaction() is { } tx)
        {
            var pending = _pending.GetValue(tx, _ => []);
            lock (pending)
                foreach (var (l, m) in marks)
                    if (pending.TryGetValue(l, out var all)) all.UnionWith(m); else pending[l] = m;
        }
        else Tell(marks);
    }

    private void Tell(Dictionary<ICommitListener, HashSet<object>> marks)
    {
        foreach (var (l, m) in marks)
            if (m.Count > 0) l.Committed(m);
    }

    private void Ended(DbTransaction transaction, bool committed)
    {
        if (!_pending.TryGetValue(transaction, out var marks)) return;
        _pending.Remove(transaction);
        if (committed) Tell(marks);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction, true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(transaction, true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction, false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(transaction, false);
        return Task.CompletedTask;
    }
}
