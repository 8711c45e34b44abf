using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A file of the model: launch photos, minutes, the founding decision, the regulation, evidence of a task, training material.</summary>
public class ModelFile : IUnitOwned, IStoredFile
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public ModelFileKind Kind { get; set; }
    /// <summary>The plan task or event the file belongs to, for those kinds.</summary>
    public int? OwnerId { get; set; }
    [NotPersonal]
    public required string FileName { get; set; }
    [NotPersonal]
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    [NotPersonal] public string? StoreKey { get; set; }
    public DateTime UploadedAt { get; set; }
    [NotPersonal]
    public string? UploadedBy { get; set; }
}

public sealed class ModelFileConfiguration : IEntityTypeConfiguration<ModelFile>
{
    public void Configure(EntityTypeBuilder<ModelFile> e)
    {
        e.Property(x => x.StoreKey).HasMaxLength(80);
        e.HasIndex(x => new { x.ModelId, x.Kind });
        e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
    }
}
