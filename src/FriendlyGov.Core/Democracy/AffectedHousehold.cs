using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một hộ bị ảnh hưởng. Names are personal data: the public sees counts unless the household agreed to be named.</summary>
public class AffectedHousehold : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ProjectId { get; set; }
    [Personal]
    public required string HeadName { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    public decimal AffectedAreaM2 { get; set; }
    [Personal]
    public string? Assets { get; set; }
    [Personal]
    public string? Phone { get; set; }
    public HouseholdStatus Status { get; set; } = HouseholdStatus.Informed;
    [Personal]
    public string? NotAgreedReason { get; set; }
    public bool AgreesToBeNamed { get; set; }
    public int Version { get; set; }
}

public sealed class AffectedHouseholdConfiguration : IEntityTypeConfiguration<AffectedHousehold>
{
    public void Configure(EntityTypeBuilder<AffectedHousehold> e)
    {
        e.HasIndex(x => new { x.ProjectId, x.Village });
        e.HasOne<ClearanceProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.HeadName).HasMaxLength(100);
        e.Property(x => x.Village).HasMaxLength(100);
        e.Property(x => x.Assets).HasMaxLength(2000);
        e.Property(x => x.Phone).HasMaxLength(30);
        e.Property(x => x.NotAgreedReason).HasMaxLength(2000);
        e.Property(x => x.AffectedAreaM2).HasPrecision(14, 2);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
