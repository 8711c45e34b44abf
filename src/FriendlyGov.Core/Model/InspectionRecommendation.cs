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
    public RecommendationStatus Status { get; private set; } = RecommendationStatus.Open;
    [NotPersonal]
    public string? Report { get; private set; }
    public DateTime? ReportedAt { get; private set; }
    [NotPersonal]
    public string? ReportedBy { get; private set; }
    [NotPersonal]
    public string? ReviewNote { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    [NotPersonal]
    public string? ClosedBy { get; private set; }
    public int Version { get; set; }

    /// <summary>The commune reports what it did; the recommendation then waits for the board's review.</summary>
    public Failure? ReportDone(string? report, DateTime nowUtc, string? by)
    {
        if (Status == RecommendationStatus.Closed) return Failure.Rule("Report", "Kiến nghị đã hoàn thành.");
        if (string.IsNullOrWhiteSpace(report) || report.Trim().Length > 4000) return Failure.Rule("Report", "Ghi kết quả thực hiện (tối đa 4.000 ký tự).");
        (Report, ReportedAt, ReportedBy, Status) = (report.Trim(), nowUtc, by, RecommendationStatus.Reported);
        return null;
    }

    /// <summary>Why the board cannot review now (nothing reported yet, or sent back without a note); null when it can.</summary>
    public Failure? RefusesReview(bool accept, string? note)
    {
        if (Status != RecommendationStatus.Reported) return Failure.Rule("Note", "Xã chưa báo cáo kết quả thực hiện kiến nghị này.");
        if (!accept && string.IsNullOrWhiteSpace(note)) return Failure.Rule("Note", "Ghi lý do chưa chấp nhận để xã thực hiện tiếp.");
        if (note?.Trim().Length > 2000) return Failure.Rule("Note", "Tối đa 2.000 ký tự.");
        return null;
    }

    /// <summary>The board accepts the report (closed) or sends it back to the commune with its note.</summary>
    public Failure? Review(bool accept, string? note, DateTime nowUtc, string? by)
    {
        if (RefusesReview(accept, note) is { } refused) return refused;
        ReviewNote = InputRules.Blank(note);
        if (accept) (Status, ClosedAt, ClosedBy) = (RecommendationStatus.Closed, nowUtc, by);
        else Status = RecommendationStatus.Open;
        return null;
    }
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
