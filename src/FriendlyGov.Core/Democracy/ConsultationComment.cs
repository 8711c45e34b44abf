using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

public class ConsultationComment : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int ConsultationId { get; set; }
    [Personal]
    public required string Name { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    [Personal]
    public required string Content { get; set; }
    public DateTime At { get; set; }
    [Personal]
    public string? ClientHash { get; set; }
    [NotPersonal]
    public string? HiddenReason { get; set; }
    [NotPersonal]
    public string? HiddenBy { get; set; }
    /// <summary>The commune's public answer to this comment, shown under it on the draft's page.</summary>
    [NotPersonal]
    public string? Reply { get; set; }
    public DateTime? RepliedAt { get; set; }
    /// <summary>The account that answered (papers and pages show the official's full name).</summary>
    [NotPersonal]
    public string? RepliedBy { get; set; }
    public int Version { get; set; }
}

public sealed class ConsultationCommentConfiguration : IEntityTypeConfiguration<ConsultationComment>
{
    public void Configure(EntityTypeBuilder<ConsultationComment> e)
    {
        e.HasIndex(x => new { x.ConsultationId, x.At });
        e.HasOne<Consultation>().WithMany().HasForeignKey(x => x.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Village).HasMaxLength(100);
        e.Property(x => x.Content).HasMaxLength(4000);
        e.Property(x => x.ClientHash).HasMaxLength(64);
        e.Property(x => x.HiddenReason).HasMaxLength(500);
        e.Property(x => x.Reply).HasMaxLength(2000);
        e.Property(x => x.RepliedBy).HasMaxLength(256);
        e.Property(x => x.HiddenBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
