using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Hiến đất mở rộng đường: a household's voluntary donation, thanked publicly if it agreed.</summary>
public class LandDonation : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [Personal]
    public required string HeadName { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    public decimal AreaM2 { get; set; }
    public decimal WallsMovedM { get; set; }
    [Personal]
    public string? TreesStructures { get; set; }
    public DateOnly AgreementDate { get; set; }
    /// <summary>The road or project it serves.</summary>
    [NotPersonal]
    public required string Road { get; set; }
    public int? ProjectId { get; set; }
    public bool ThankPublicly { get; set; }
    public int Version { get; set; }
}

public sealed class LandDonationConfiguration : IEntityTypeConfiguration<LandDonation>
{
    public void Configure(EntityTypeBuilder<LandDonation> e)
    {
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ClearanceProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.HeadName).HasMaxLength(100);
        e.Property(x => x.Village).HasMaxLength(100);
        e.Property(x => x.Road).HasMaxLength(300);
        e.Property(x => x.TreesStructures).HasMaxLength(1000);
        e.Property(x => x.AreaM2).HasPrecision(14, 2);
        e.Property(x => x.WallsMovedM).HasPrecision(10, 2);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
