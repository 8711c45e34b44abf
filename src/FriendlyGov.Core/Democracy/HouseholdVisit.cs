using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một lần đến gặp hộ chưa đồng thuận: who went, when, what was said.</summary>
public class HouseholdVisit : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int HouseholdId { get; set; }
    public DateOnly Date { get; set; }
    [NotPersonal]
    public required string VisitedBy { get; set; }
    [Personal]
    public required string Notes { get; set; }
}

public sealed class HouseholdVisitConfiguration : IEntityTypeConfiguration<HouseholdVisit>
{
    public void Configure(EntityTypeBuilder<HouseholdVisit> e)
    {
        e.HasIndex(x => x.HouseholdId);
        e.HasOne<AffectedHousehold>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.VisitedBy).HasMaxLength(300);
        e.Property(x => x.Notes).HasMaxLength(4000);
    }
}
