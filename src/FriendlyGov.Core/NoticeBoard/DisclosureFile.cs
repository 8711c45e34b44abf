using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>An attachment of a disclosure: PDF, image (re-encoded) or Excel, recognised by content.</summary>
public class DisclosureFile : IUnitOwned, IStoredFile
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int DisclosureId { get; set; }
    [NotPersonal]
    public required string FileName { get; set; }
    [NotPersonal]
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    [NotPersonal] public string? StoreKey { get; set; }
}

public sealed class DisclosureFileConfiguration : IEntityTypeConfiguration<DisclosureFile>
{
    public void Configure(EntityTypeBuilder<DisclosureFile> e)
    {
        e.Property(x => x.StoreKey).HasMaxLength(80);
        e.HasIndex(x => x.DisclosureId);
        e.HasOne<Disclosure>().WithMany().HasForeignKey(x => x.DisclosureId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(100);
    }
}
