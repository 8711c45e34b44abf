using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// The reference caches (units, procedures, calendars: <see cref="ReferenceCache"/> and <see cref="UnitDirectory"/>) across
/// instances: a commit of reference data here is published on the <see cref="CacheBus"/>, and one published elsewhere drops
/// what this instance holds, instead of waiting out the cache's minute.
/// </summary>
public sealed class ReferenceInvalidation : ICommitListener
{
    public const string Mark = "ref";
    private static readonly object Changed = new();
    private readonly CacheBus _bus;

    public ReferenceInvalidation(CacheBus bus, UnitDirectory units)
    {
        _bus = bus;
        bus.Subscribe(marks =>
        {
            if (!marks.Any(m => m is Mark or "*")) return;
            AppDbContext.ReferenceChangedElsewhere();
            units.Invalidate();
        });
    }

    void ICommitListener.Mark(EntityEntry entry, ISet<object> marks)
    {
        if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && AppDbContext.IsCachedReference(entry.Entity)) marks.Add(Changed);
    }

    public void Committed(IReadOnlyCollection<object> marks) => _bus.Publish([Mark]);
}
