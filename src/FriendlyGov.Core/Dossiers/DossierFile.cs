using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A document uploaded with an online dossier. Kept in the database so a backup holds everything.</summary>
public class DossierFile : IUnitOwned, IStoredFile
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int DossierId { get; set; }
    [NotPersonal]
    public required string DocumentName { get; set; }
    [Personal]
    public required string FileName { get; set; }
    [NotPersonal]
    public required string ContentType { get; set; }
    public long Size { get; set; }
    [NotPersonal]
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    [NotPersonal] public string? StoreKey { get; set; }
}

public sealed class DossierFileConfiguration : IEntityTypeConfiguration<DossierFile>
{
    public void Configure(EntityTypeBuilder<DossierFile> e)
    {
        e.Property(x => x.StoreKey).HasMaxLength(80);
        e.HasIndex(x => new { x.UnitId, x.DossierId });
        e.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.DocumentName).HasMaxLength(300);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(50);
        e.Property(x => x.Sha256).HasMaxLength(64);
    }
}
