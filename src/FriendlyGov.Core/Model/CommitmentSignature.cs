using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Chữ ký cam kết: the signed-in account, the full name typed, the time. Never changed.</summary>
public class CommitmentSignature : IUnitOwned, IAppendOnly
{
    public long Id { get; private set; }
    public int UnitId { get; set; }
    public int TextId { get; init; }
    [NotPersonal]
    public required string UserId { get; init; }
    [NotPersonal]
    public required string TypedName { get; init; }
    public DateTime SignedAt { get; init; }
}

public sealed class CommitmentSignatureConfiguration : IEntityTypeConfiguration<CommitmentSignature>
{
    public void Configure(EntityTypeBuilder<CommitmentSignature> e)
    {
        e.HasIndex(x => new { x.TextId, x.UserId }).IsUnique(); // one signature per official and version
        e.HasOne<CommitmentText>().WithMany().HasForeignKey(x => x.TextId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.TypedName).HasMaxLength(100);
    }
}
