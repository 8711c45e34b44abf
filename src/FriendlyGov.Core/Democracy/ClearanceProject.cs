using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một dự án giải phóng mặt bằng: the households it touches, the meetings held with the people, its documents on the board.</summary>
public class ClearanceProject : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    [NotPersonal]
    public required string Purpose { get; set; }
    [NotPersonal]
    public string? Investor { get; set; }
    /// <summary>Thôn, bản the project crosses, comma-separated as typed.</summary>
    [NotPersonal]
    public string? Villages { get; set; }
    public decimal? AffectedAreaM2 { get; set; }
    [NotPersonal]
    public string? MapLink { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    /// <summary>The compensation and resettlement plan disclosed on the board (with its posting period).</summary>
    public int? PlanDisclosureId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class ClearanceProjectConfiguration : IEntityTypeConfiguration<ClearanceProject>
{
    public void Configure(EntityTypeBuilder<ClearanceProject> e)
    {
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Disclosure>().WithMany().HasForeignKey(x => x.PlanDisclosureId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Name).HasMaxLength(300);
        e.Property(x => x.Purpose).HasMaxLength(2000);
        e.Property(x => x.Investor).HasMaxLength(300);
        e.Property(x => x.Villages).HasMaxLength(500);
        e.Property(x => x.MapLink).HasMaxLength(500);
        e.Property(x => x.AffectedAreaM2).HasPrecision(14, 2);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
