using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>One change in a unit's life, kept so records made before it keep their old names and places.</summary>
public class UnitEvent
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public UnitEventKind Kind { get; set; }
    public DateOnly Effective { get; set; }
    [NotPersonal]
    public string? OldName { get; set; }
    [NotPersonal]
    public string? NewName { get; set; }
    public int? OldParentId { get; set; }
    public int? NewParentId { get; set; }
    /// <summary>For a merge: the new unit (on each source) or nothing.</summary>
    public int? RelatedUnitId { get; set; }
    /// <summary>The legal act behind the change, e.g. "Nghị quyết số 1661/NQ-UBTVQH15".</summary>
    [NotPersonal]
    public string? LegalBasis { get; set; }
    public DateTime RecordedAt { get; set; }
}

public sealed class UnitEventConfiguration : IEntityTypeConfiguration<UnitEvent>
{
    public void Configure(EntityTypeBuilder<UnitEvent> e)
    {
        e.HasIndex(x => new { x.UnitId, x.Effective });
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.OldName).HasMaxLength(100);
        e.Property(x => x.NewName).HasMaxLength(100);
        e.Property(x => x.LegalBasis).HasMaxLength(300);
    }
}
