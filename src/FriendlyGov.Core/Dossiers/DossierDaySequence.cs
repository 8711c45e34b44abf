using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>The day's last dossier number per unit: codes restart at 0001 each day.</summary>
public class DossierDaySequence : IUnitOwned
{
    public int UnitId { get; set; }
    public DateOnly Day { get; set; }
    public int Last { get; set; }
    public int Version { get; set; }
}

public sealed class DossierDaySequenceConfiguration : IEntityTypeConfiguration<DossierDaySequence>
{
    public void Configure(EntityTypeBuilder<DossierDaySequence> e)
    {
        e.HasKey(x => new { x.UnitId, x.Day });
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
