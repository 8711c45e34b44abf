using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>An entry of the government's yearly table of days off and make-up working days (national, edited by an administrator).</summary>
public class CalendarDayOverride
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public bool Working { get; set; }
    [NotPersonal]
    public required string Reason { get; set; }
}

public sealed class CalendarDayOverrideConfiguration : IEntityTypeConfiguration<CalendarDayOverride>
{
    public void Configure(EntityTypeBuilder<CalendarDayOverride> e)
    {
        e.HasIndex(x => x.Date).IsUnique();
        e.Property(x => x.Reason).HasMaxLength(200);
    }
}
