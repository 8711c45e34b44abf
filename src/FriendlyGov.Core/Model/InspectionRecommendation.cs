using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một kiến nghị sau kiểm tra: what the commune must do by when, its report, and the board's acceptance.</summary>
public class InspectionRecommendation : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int InspectionId { get; set; }
    [NotPersonal]
    public required string Content { get; set; }
    public DateOnly Deadline { get; set; }
    public RecommendationStatus Status { get; set; } = RecommendationStatus.Open;
    [NotPersonal]
    public string? Report { get; set; }
    public DateTime? ReportedAt { get; set; }
    [NotPersonal]
    public string? ReportedBy { get; set; }
    [NotPersonal]
    public string? ReviewNote { get; set; }
    public DateTime? ClosedAt { get; set; }
    [NotPersonal]
    public string? ClosedBy { get; set; }
    public int Version { get; set; }
}

public sealed class InspectionRecommendationConfiguration : IEntityTypeConfiguration<InspectionRecommendation>
{
    public void Configure(EntityTypeBuilder<InspectionRecommendation> e)
    {
        e.HasIndex(x => x.InspectionId);
        e.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Content).HasMaxLength(2000);
        e.Property(x => x.Report).HasMaxLength(4000);
        e.Property(x => x.ReportedBy).HasMaxLength(256);
        e.Property(x => x.ReviewNote).HasMaxLength(2000);
        e.Property(x => x.ClosedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
