using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một cách làm hay ("Dân vận khéo"): published, other communes read it and may adopt it into their own register.</summary>
public class GoodPractice : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [NotPersonal]
    public required string Title { get; set; }
    [NotPersonal]
    public string? Field { get; set; }
    /// <summary>Cách làm: what was done, how, with whom.</summary>
    [NotPersonal]
    public required string Description { get; set; }
    /// <summary>Kết quả, hiệu quả: what changed, with figures where there are some.</summary>
    [NotPersonal]
    public required string Results { get; set; }
    public DateOnly? StartedOn { get; set; }
    public bool Published { get; set; }
    public DateTime? PublishedAt { get; set; }
    /// <summary>For a practice adopted from another commune: the original.</summary>
    public int? AdoptedFromId { get; set; }
    [NotPersonal]
    public string? AdoptedFromUnit { get; set; }
    public DateTime CreatedAt { get; set; }
    [NotPersonal]
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
}

public sealed class GoodPracticeConfiguration : IEntityTypeConfiguration<GoodPractice>
{
    public void Configure(EntityTypeBuilder<GoodPractice> e)
    {
        e.HasIndex(x => new { x.Published, x.PublishedAt });
        e.HasIndex(x => x.AdoptedFromId);
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Field).HasMaxLength(100);
        e.Property(x => x.Description).HasMaxLength(8000);
        e.Property(x => x.Results).HasMaxLength(4000);
        e.Property(x => x.AdoptedFromUnit).HasMaxLength(200);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
