using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// One window of a rate limit that must hold across app instances (a partner key's Open311 reports, a client's
/// submissions): the instances count in the same row with one atomic upsert. Bookkeeping, like the satisfaction figures:
/// written by SQL, never audited, dropped a day after its window.
/// </summary>
public class RateWindow
{
    /// <summary>The policy and whose window: a keyed hash of the client address or of the partner key, never the value.</summary>
    [NotPersonal] public required string Key { get; set; }
    public DateTime WindowStart { get; set; }
    public int Count { get; set; }
}

public sealed class RateWindowConfiguration : IEntityTypeConfiguration<RateWindow>
{
    public void Configure(EntityTypeBuilder<RateWindow> e)
    {
        e.HasKey(w => new { w.Key, w.WindowStart });
        e.HasIndex(w => w.WindowStart);
        e.Property(w => w.Key).HasMaxLength(120);
    }
}
