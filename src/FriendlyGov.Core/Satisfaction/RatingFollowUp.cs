using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>"Biết xin lỗi, biết cảm ơn": what the commune did about an unhappy rating.</summary>
public class RatingFollowUp : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public long RatingId { get; set; }
    public DateTime OpenedAt { get; set; }
    /// <summary>Five working days on the commune's calendar after the rating.</summary>
    public DateTime DueAt { get; set; }
    public FollowUpStatus Status { get; set; } = FollowUpStatus.Open;
    public DateTime? ContactedAt { get; set; }
    /// <summary>How the citizen was reached: phone, visit, letter…</summary>
    [Personal]
    public string? ContactNote { get; set; }
    /// <summary>The explanation or apology given.</summary>
    [NotPersonal]
    public string? Explanation { get; set; }
    /// <summary>What was changed so it does not happen again.</summary>
    [NotPersonal]
    public string? Changes { get; set; }
    public DateTime? ClosedAt { get; set; }
    [NotPersonal]
    public string? HandledByName { get; set; }
    public int Version { get; set; }
}

public sealed class RatingFollowUpConfiguration : IEntityTypeConfiguration<RatingFollowUp>
{
    public void Configure(EntityTypeBuilder<RatingFollowUp> e)
    {
        e.HasIndex(x => x.RatingId).IsUnique();
        e.HasIndex(x => new { x.UnitId, x.Status, x.DueAt });
        e.HasOne<Rating>().WithMany().HasForeignKey(x => x.RatingId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.ContactNote).HasMaxLength(1000);
        e.Property(x => x.Explanation).HasMaxLength(4000);
        e.Property(x => x.Changes).HasMaxLength(4000);
        e.Property(x => x.HandledByName).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
