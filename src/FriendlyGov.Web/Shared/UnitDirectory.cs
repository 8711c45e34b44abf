using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// The unit tree with its history, held in memory: every request's scope is computed from it, so it must be
/// cheap. Reloaded after any change to the units (this process makes them all) and at most five minutes old.
/// </summary>
public sealed class UnitDirectory(IServiceProvider services, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private volatile Snapshot? _snapshot;
    private readonly SemaphoreSlim _loading = new(1, 1);

    private sealed record Snapshot(UnitGraph Graph, DateTimeOffset LoadedAt);

    public UnitGraph Graph
    {
        get
        {
            var s = _snapshot;
            if (s is not null && clock.GetUtcNow() - s.LoadedAt < MaxAge) return s.Graph;
            _loading.Wait();
            try
            {
                s = _snapshot;
                if (s is null || clock.GetUtcNow() - s.LoadedAt >= MaxAge) _snapshot = s = new Snapshot(Load(), clock.GetUtcNow());
                return s.Graph;
            }
            finally { _loading.Release(); }
        }
    }

    public void Invalidate() => _snapshot = null;

    private UnitGraph Load()
    {
        using var db = Database.OpenSystemContext(services, "unit-directory");
        var units = db.Units.AsNoTracking().Select(u => new { u.Id, u.Level, u.ParentId, u.SuccessorId }).ToList();
        var formerParents = db.UnitEvents.AsNoTracking()
            .Where(e => e.Kind == UnitEventKind.Reparented && e.OldParentId != null)
            .Select(e => new { e.UnitId, OldParentId = e.OldParentId!.Value }).ToList()
            .ToLookup(e => e.UnitId, e => e.OldParentId);
        return new UnitGraph(units.Select(u => new UnitNode(u.Id, u.Level, u.ParentId, u.SuccessorId, formerParents[u.Id].ToList())));
    }
}
