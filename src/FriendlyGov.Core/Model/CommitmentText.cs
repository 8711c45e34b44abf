using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A version of the commune's commitment text. A new version asks every official to sign again.</summary>
public class CommitmentText : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public int Number { get; set; }
    [NotPersonal]
    public required string Text { get; set; }
    public DateTime PublishedAt { get; set; }
    [NotPersonal]
    public string? PublishedBy { get; set; }
}

public sealed class CommitmentTextConfiguration : IEntityTypeConfiguration<CommitmentText>
{
    public void Configure(EntityTypeBuilder<CommitmentText> e)
    {
        e.HasIndex(x => new { x.ModelId, x.Number }).IsUnique();
        e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Text).HasMaxLength(8000);
        e.Property(x => x.PublishedBy).HasMaxLength(256);
    }
}
