using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A photo sent with a petition: re-encoded as JPEG on arrival, so no camera metadata (place, device) survives.</summary>
public class PetitionPhoto : IUnitOwned, IStoredFile
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int PetitionId { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    [NotPersonal] public string? StoreKey { get; set; }
}

public sealed class PetitionPhotoConfiguration : IEntityTypeConfiguration<PetitionPhoto>
{
    public void Configure(EntityTypeBuilder<PetitionPhoto> e)
    {
        e.Property(x => x.StoreKey).HasMaxLength(80);
        e.HasIndex(x => x.PetitionId);
        e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
