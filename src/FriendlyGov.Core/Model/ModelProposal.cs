using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Đề xuất tháo gỡ khó khăn, vướng mắc: raised by the commune, answered by the supervising board.</summary>
public class ModelProposal : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public int? ReadinessItemId { get; set; }
    [NotPersonal]
    public required string Title { get; set; }
    [NotPersonal]
    public required string Content { get; set; }
    public DateTime RaisedAt { get; set; }
    [NotPersonal]
    public string? RaisedBy { get; set; }
    public ProposalStatus Status { get; set; } = ProposalStatus.Open;
    [NotPersonal]
    public string? Answer { get; set; }
    /// <summary>What the supervising board decided to do, and by when.</summary>
    [NotPersonal]
    public string? Decision { get; set; }
    public DateOnly? DecisionDeadline { get; set; }
    public DateTime? AnsweredAt { get; set; }
    [NotPersonal]
    public string? AnsweredBy { get; set; }
    [NotPersonal]
    public string? AnsweringUnit { get; set; }
    public int Version { get; set; }
}

public sealed class ModelProposalConfiguration : IEntityTypeConfiguration<ModelProposal>
{
    public void Configure(EntityTypeBuilder<ModelProposal> e)
    {
        e.HasIndex(x => new { x.UnitId, x.Status });
        e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Content).HasMaxLength(4000);
        e.Property(x => x.RaisedBy).HasMaxLength(256);
        e.Property(x => x.Answer).HasMaxLength(4000);
        e.Property(x => x.Decision).HasMaxLength(2000);
        e.Property(x => x.AnsweredBy).HasMaxLength(256);
        e.Property(x => x.AnsweringUnit).HasMaxLength(200);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
