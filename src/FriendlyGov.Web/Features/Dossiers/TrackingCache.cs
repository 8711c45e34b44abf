using System.Diagnostics.Metrics;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Caching.Memory;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>
/// The public tracking timelines held in memory, dropped the moment a change to their dossier commits: the dossier itself,
/// a step of its history, its rating (the page says "rated"), or a unit's name. A stale status would be a defect: a
/// timeline read while its dossier changes is not kept (the change's generation is compared before and after storing).
/// One per app instance; on PostgreSQL the others' changes arrive through the <see cref="CacheBus"/> (LISTEN/NOTIFY) and
/// drop the same rows. <c>Tracking:Cache</c> turns it off; <c>Tracking:CachedDossiers</c> bounds it.
/// </summary>
public sealed class TrackingCache : ICommitListener, IDisposable
{
    private readonly CacheBus? _bus;

    /// <param name="cachedDossiers">How many dossiers' timelines are held at most (<c>Tracking:CachedDossiers</c>): under 1 KB of
    /// memory each, traded one for one against database reads.</param>
    /// <param name="meters">Publishes how many timelines are held (<c>friendlygov.tracking.cached_dossiers</c>), for sizing the bound.</param>
    public TrackingCache(CacheBus? bus = null, int cachedDossiers = DefaultCachedDossiers, IMeterFactory? meters = null)
    {
        if (cachedDossiers < 1) throw new ArgumentOutOfRangeException(nameof(cachedDossiers), "Tracking:CachedDossiers must be at least 1.");
        CachedDossiers = cachedDossiers;
        // Each dossier is two entries: its timeline by key, and its key by id (to drop it when the dossier changes).
        _rows = new(new MemoryCacheOptions { SizeLimit = 2L * cachedDossiers });
        _bus = bus;
        meters?.Create(Telemetry.MeterName).CreateObservableGauge("friendlygov.tracking.cached_dossiers", () => _rows.Count / 2, "{dossier}",
            "Dossiers whose public timeline this instance holds in memory");
        bus?.Subscribe(marks => Invalidate([.. marks
            .Where(m => m == "*" || m.StartsWith("d:", StringComparison.Ordinal)) // other caches' marks ("ref") are not ours
            .Select(m => m == "*" ? Everything : int.TryParse(m.AsSpan(2), out var id) ? id : Everything)]));
    }

    public const int DefaultCachedDossiers = 100_000;

    /// <summary>The most dossiers held at once.</summary>
    public int CachedDossiers { get; }

    private readonly MemoryCache _rows;
    /// <summary>Dossier id → the generation of its last committed change, kept long enough to outlive any read in flight.</summary>
    private readonly MemoryCache _changed = new(new MemoryCacheOptions());
    private long _generation;
    private long _everythingChangedAt;
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(2);
    private static readonly MemoryCacheEntryOptions Kept = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(20) };
    public bool Enabled { get; init; } = true;

    /// <summary>Taken before reading the database, handed back to <see cref="Store"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet<T>(string key, out T? row) where T : class
    {
        row = null;
        return Enabled && _rows.TryGetValue(key, out row);
    }

    /// <summary>
    /// Keeps the row unless its dossier changed since <paramref name="readAt"/>. Storing and dropping take one lock, so a
    /// row read before a commit is either dropped by that commit or refused by it, never kept after it: without the lock a
    /// drop and a store racing on two cores could each miss the other's write. Only misses and commits take it; hits do not.
    /// </summary>
    public void Store<T>(string key, int dossierId, T row, long readAt) where T : class
    {
        if (!Enabled) return;
        lock (_gate)
        {
            if (ChangedSince(dossierId, readAt)) return;
            // Two entries under keys of different types (the key string itself, the boxed id), so no key is copied to be told apart.
            _rows.Set(key, row, Kept);
            _rows.Set(dossierId, key, Kept);
        }
    }

    private readonly Lock _gate = new();

    private bool ChangedSince(int dossierId, long readAt) =>
        Interlocked.Read(ref _everythingChangedAt) > readAt || _changed.TryGetValue(dossierId, out long at) && at > readAt;

    private void Forget(int dossierId)
    {
        if (_rows.TryGetValue(dossierId, out string? key)) _rows.Remove(key!);
        _rows.Remove(dossierId);
    }

    public void Mark(EntityEntry entry, ISet<object> marks)
    {
        switch (entry.Entity)
        {
            case Dossier d when entry.State != Microsoft.EntityFrameworkCore.EntityState.Added: marks.Add(d.Id); break;
            // A dossier created in this same save had no timeline anyone could have read: its first step drops nothing (and
            // publishes nothing to the other instances, one NOTIFY less per intake).
            case DossierStep s when !CreatedAlongside(entry, s.DossierId): marks.Add(s.DossierId); break;
            case Rating { DossierId: int id }: marks.Add(id); break;
            case AdministrativeUnit: marks.Add(Everything); break;
        }
    }

    private static readonly object Everything = new();

    /// <summary>The step and its dossier are both being inserted. A lookup by key in the identity map; the save has just
    /// detected changes, so the lookup does not detect them again (a save of many steps stays linear).</summary>
    private static bool CreatedAlongside(EntityEntry step, int dossierId)
    {
        if (step.State != Microsoft.EntityFrameworkCore.EntityState.Added) return false;
        var tracker = step.Context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try { return step.Context.Set<Dossier>().Local.FindEntry(dossierId)?.State == Microsoft.EntityFrameworkCore.EntityState.Added; }
        finally { tracker.AutoDetectChangesEnabled = detect; }
    }

    public void Committed(IReadOnlyCollection<object> marks)
    {
        Invalidate(marks);
        _bus?.Publish([.. marks.Select(m => m is int id ? "d:" + id : "*")]);
    }

    private void Invalidate(IReadOnlyCollection<object> marks)
    {
        lock (_gate)
        {
            foreach (var mark in marks)
            {
                var at = Interlocked.Increment(ref _generation);
                if (ReferenceEquals(mark, Everything))
                {
                    Interlocked.Exchange(ref _everythingChangedAt, at);
                    _rows.Compact(1.0);
                }
                else if (mark is int id)
                {
                    _changed.Set(id, at, Remember);
                    Forget(id);
                }
            }
        }
    }

    public void Dispose()
    {
        _rows.Dispose();
        _changed.Dispose();
    }
}
