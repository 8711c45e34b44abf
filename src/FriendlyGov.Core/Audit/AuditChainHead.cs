using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>The last entry of one unit's chain: the row a writer of that unit locks, so units never wait on each other.</summary>
public class AuditChainHead
{
    public int Chain { get; set; }
    public long Seq { get; set; }
    [NotPersonal] public required string Hash { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> e)
    {
        e.HasKey(h => h.Chain);
        e.Property(h => h.Chain).ValueGeneratedNever();
        e.Property(h => h.Hash).HasMaxLength(64);
    }
}
