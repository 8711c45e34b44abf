using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một cuộc kiểm tra, giám sát of a commune by the supervising board. UnitId is the commune inspected.</summary>
public class Inspection : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int InspectingUnitId { get; set; }
    [NotPersonal]
    public required string Subject { get; set; }
    public DateOnly PlannedOn { get; set; }
    public DateOnly? DoneOn { get; set; }
    /// <summary>Thành phần đoàn.</summary>
    [NotPersonal]
    public string? Team { get; set; }
    /// <summary>Kết quả kiểm tra: what was found, good and not.</summary>
    [NotPersonal]
    public string? Findings { get; set; }
    public InspectionStatus Status { get; set; } = InspectionStatus.Planned;
    [NotPersonal]
    public string? CancelReason { get; set; }
    [NotPersonal]
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
}

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> e)
    {
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.InspectingUnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Subject).HasMaxLength(500);
        e.Property(x => x.Team).HasMaxLength(2000);
        e.Property(x => x.Findings).HasMaxLength(8000);
        e.Property(x => x.CancelReason).HasMaxLength(500);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
