using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một điều kiện trong rà soát, đánh giá điều kiện thực hiện mô hình.</summary>
public class ReadinessItem : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public ReadinessGroup Group { get; set; }
    [NotPersonal]
    public required string Condition { get; set; }
    public ReadinessRating Rating { get; set; }
    [NotPersonal]
    public string? Gap { get; set; }
    [NotPersonal]
    public string? Needs { get; set; }
    public int Version { get; set; }
}

public sealed class ReadinessItemConfiguration : IEntityTypeConfiguration<ReadinessItem>
{
    public void Configure(EntityTypeBuilder<ReadinessItem> e)
    {
        e.HasIndex(x => x.ModelId);
        e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Condition).HasMaxLength(300);
        e.Property(x => x.Gap).HasMaxLength(1000);
        e.Property(x => x.Needs).HasMaxLength(1000);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
