using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A commune's reception hours; without a row the defaults apply (07:00–11:30, 13:30–17:00).</summary>
public class UnitOfficeHours : IUnitOwned
{
    public int UnitId { get; set; }
    public TimeOnly MorningStart { get; set; }
    public TimeOnly MorningEnd { get; set; }
    public TimeOnly AfternoonStart { get; set; }
    public TimeOnly AfternoonEnd { get; set; }
    public bool SaturdayMorning { get; set; }
    public TimeOnly SameDayCutoff { get; set; }
    public int Version { get; set; }

    public OfficeHours ToDomain() => new(MorningStart, MorningEnd, AfternoonStart, AfternoonEnd, SaturdayMorning, SameDayCutoff);
}

public sealed class UnitOfficeHoursConfiguration : IEntityTypeConfiguration<UnitOfficeHours>
{
    public void Configure(EntityTypeBuilder<UnitOfficeHours> e)
    {
        e.HasKey(x => x.UnitId);
        e.HasOne<AdministrativeUnit>().WithOne().HasForeignKey<UnitOfficeHours>(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
