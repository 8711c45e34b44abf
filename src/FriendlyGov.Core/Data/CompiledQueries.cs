using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FriendlyGov.Core.Data;

/// <summary>
/// A compiled query per model: EF binds a compiled query to the model it first ran on, and one process may hold several
/// (SQLite and PostgreSQL side by side in the tests). The hot public and counter lookups use it.
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
