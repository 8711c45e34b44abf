using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A row of a petition's history. Public rows (status changes, the answer) are shown on the sender's link.</summary>
public class PetitionEvent : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int PetitionId { get; set; }
    public DateTime At { get; set; }
    public PetitionAction Action { get; set; }
    public PetitionStatus Status { get; set; }
    [NotPersonal]
    public string? ByName { get; set; }
    [NotPersonal]
    public string? ByUserId { get; set; }
    [NotPersonal]
    public string? Note { get; set; }
}

public sealed class PetitionEventConfiguration : IEntityTypeConfiguration<PetitionEvent>
{
    public void Configure(EntityTypeBuilder<PetitionEvent> e)
    {
        e.HasIndex(x => x.PetitionId);
        e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.ByName).HasMaxLength(256);
        e.Property(x => x.ByUserId).HasMaxLength(450);
        e.Property(x => x.Note).HasMaxLength(8000);
    }
}
