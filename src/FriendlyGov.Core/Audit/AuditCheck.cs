using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>One verification of the audit log (nightly, at start-up, on demand): a failure waits on the administrator's and the supervisor's desk.</summary>
public class AuditCheck
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>nightly · startup · manual</summary>
    [NotPersonal] public required string Trigger { get; set; }
    public bool Intact { get; set; }
    public long Entries { get; set; }
    public int Chains { get; set; }
    public int? BrokenChain { get; set; }
    public long? BrokenSeq { get; set; }
    [NotPersonal] public string? Reason { get; set; }
}

public sealed class AuditCheckConfiguration : IEntityTypeConfiguration<AuditCheck>
{
    public void Configure(EntityTypeBuilder<AuditCheck> e)
    {
        e.HasIndex(c => c.At);
        e.Property(c => c.Trigger).HasMaxLength(20);
        e.Property(c => c.Reason).HasMaxLength(500);
    }
}
