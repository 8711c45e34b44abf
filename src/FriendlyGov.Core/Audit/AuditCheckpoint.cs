using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// A signed record of every chain's head (at least daily and on demand), chained to the previous checkpoint by its signature.
/// Exported off the machine by <c>audit-checkpoint --out</c> and published to the province on the audit page.
/// </summary>
public class AuditCheckpoint
{
    public long Id { get; set; }
    public long Seq { get; set; }
    public DateTime At { get; set; }
    /// <summary>daily · on-demand · reseal</summary>
    [NotPersonal] public required string Trigger { get; set; }
    /// <summary>"chain:seq:hash;…" in chain order.</summary>
    [NotPersonal] public required string Heads { get; set; }
    [NotPersonal] public required string PrevSignature { get; set; }
    [NotPersonal] public required string Signature { get; set; }

    public CheckpointRecord ToRecord() => new(Seq, At.Ticks, Trigger, CheckpointRecord.ParseHeads(Heads), PrevSignature, Signature);
}

public sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> e)
    {
        e.HasIndex(c => c.Seq).IsUnique();
        e.Property(c => c.Trigger).HasMaxLength(20);
        e.Property(c => c.PrevSignature).HasMaxLength(64);
        e.Property(c => c.Signature).HasMaxLength(64);
    }
}
