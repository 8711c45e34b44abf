using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một nội dung đưa ra lấy ý kiến nhân dân (dân bàn, góp ý) between two dates; households may vote on it.</summary>
public class Consultation : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public ConsultationKind Kind { get; set; }
    [NotPersonal]
    public required string Title { get; set; }
    [NotPersonal]
    public required string Content { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    /// <summary>The area (a village) when the matter is a village's; null for the whole commune.</summary>
    [NotPersonal]
    public string? Village { get; set; }
    /// <summary>For a household vote: every household of the area, and the quorum (% of households voting).</summary>
    public int? Households { get; set; }
    public decimal QuorumPercent { get; set; } = 50;
    /// <summary>Tổng hợp ý kiến, published after the period closes.</summary>
    [NotPersonal]
    public string? Summary { get; set; }
    public DateTime? SummaryPublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> e)
    {
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.Content).HasMaxLength(20000);
        e.Property(x => x.Village).HasMaxLength(100);
        e.Property(x => x.Summary).HasMaxLength(8000);
        e.Property(x => x.QuorumPercent).HasPrecision(5, 2);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
