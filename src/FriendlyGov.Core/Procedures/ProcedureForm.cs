using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A form (mẫu đơn, tờ khai) attached to a posted procedure, for citizens to download and fill in.</summary>
public class ProcedureForm : IUnitOwned, IStoredFile
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ProcedureId { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    [NotPersonal]
    public required string FileName { get; set; }
    [NotPersonal]
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    [NotPersonal] public string? StoreKey { get; set; }
}

public sealed class ProcedureFormConfiguration : IEntityTypeConfiguration<ProcedureForm>
{
    public void Configure(EntityTypeBuilder<ProcedureForm> e)
    {
        e.Property(x => x.StoreKey).HasMaxLength(80);
        e.HasIndex(x => new { x.UnitId, x.ProcedureId });
        e.HasOne<Procedure>().WithMany().HasForeignKey(x => x.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(100);
    }
}
