using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A version of the commune's commitment text, never changed once published (init-only): a new version asks every official to sign again.</summary>
public class CommitmentText : IUnitOwned
{
    public int Id { get; private set; }
    public int UnitId { get; set; }
    public int ModelId { get; init; }
    public int Number { get; init; }
    [NotPersonal]
    public required string Text { get; init; }
    public DateTime PublishedAt { get; init; }
    [NotPersonal]
    public string? PublishedBy { get; init; }
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
