using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A row of the dossier's history, and of the control slip (Mẫu 06) where it is a hand-over.</summary>
public class DossierStep : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int DossierId { get; set; }
    public DateTime At { get; set; }
    public DossierAction Action { get; set; }
    public DossierStatus Status { get; set; }
    [NotPersonal]
    public string? ByName { get; set; }
    /// <summary>The account that acted: a rating of the dossier is credited to the official who returned the result.</summary>
    [NotPersonal]
    public string? ByUserId { get; set; }
    /// <summary>The role the dossier was handed to (control slip: "to whom").</summary>
    [NotPersonal]
    public string? ToRole { get; set; }
    /// <summary>The official the dossier was handed or assigned to (control slip: "to whom", by name).</summary>
    [NotPersonal]
    public string? ToUserId { get; set; }
    /// <summary>Control slip verdict of a hand-over: Trước hạn / Đúng hạn / Quá hạn.</summary>
    public HandOverResult? Verdict { get; set; }
    [NotPersonal]
    public string? Note { get; set; }
}

public sealed class DossierStepConfiguration : IEntityTypeConfiguration<DossierStep>
{
    public void Configure(EntityTypeBuilder<DossierStep> e)
    {
        e.HasIndex(x => new { x.UnitId, x.DossierId, x.At });
        e.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.ByName).HasMaxLength(100);
        e.Property(x => x.ToRole).HasMaxLength(30);
        e.Property(x => x.ToUserId).HasMaxLength(450);
        e.Property(x => x.Note).HasMaxLength(2000);
    }
}
