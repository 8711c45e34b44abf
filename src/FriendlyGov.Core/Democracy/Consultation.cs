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
    public string? Summary { get; private set; }
    public DateTime? SummaryPublishedAt { get; private set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>Opinions are taken from the first day to the last, both included.</summary>
    public bool IsOpenOn(DateOnly today) => OpensOn <= today && today <= ClosesOn;

    public bool IsClosedOn(DateOnly today) => today > ClosesOn;

    /// <summary>Tổng hợp ý kiến: published once, after the period has closed.</summary>
    public Failure? PublishSummary(string? summary, DateOnly today, DateTime nowUtc)
    {
        if (RefusesExplanation(today) is { } refused) return Failure.Rule("Summary", refused);
        if (string.IsNullOrWhiteSpace(summary) || summary.Trim().Length > 8000) return Failure.Rule("Summary", "Ghi kết quả tổng hợp ý kiến (tối đa 8.000 ký tự).");
        (Summary, SummaryPublishedAt) = (summary.Trim(), nowUtc);
        return null;
    }

    /// <summary>Why the summary and the explanations (giải trình) cannot be written yet or any more; null when they can.</summary>
    public string? RefusesExplanation(DateOnly today) =>
        !IsClosedOn(today) ? "Chưa hết thời gian lấy ý kiến." : SummaryPublishedAt is not null ? "Đã công bố kết quả tổng hợp." : null;
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
