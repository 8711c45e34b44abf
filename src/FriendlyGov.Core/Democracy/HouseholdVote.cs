using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>One household's vote on a consultation; one per household head and village.</summary>
public class HouseholdVote : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ConsultationId { get; set; }
    [Personal]
    public required string HeadName { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    public VoteChoice Choice { get; set; }
    public DateTime RecordedAt { get; set; }
    [NotPersonal]
    public string? RecordedBy { get; set; }
}

public sealed class HouseholdVoteConfiguration : IEntityTypeConfiguration<HouseholdVote>
{
    public void Configure(EntityTypeBuilder<HouseholdVote> e)
    {
        e.HasIndex(x => new { x.ConsultationId, x.Village, x.HeadName }).IsUnique(); // one vote per household
        e.HasOne<Consultation>().WithMany().HasForeignKey(x => x.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.HeadName).HasMaxLength(100);
        e.Property(x => x.Village).HasMaxLength(100);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
    }
}
