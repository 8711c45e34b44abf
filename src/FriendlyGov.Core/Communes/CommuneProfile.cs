using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>The public face of a commune: contacts and office hours on its home page.</summary>
public class CommuneProfile : IUnitOwned
{
    public int UnitId { get; set; }
    [NotPersonal]
    public string? Address { get; set; }
    [NotPersonal]
    public string? Phone { get; set; }
    [NotPersonal]
    public string? Email { get; set; }
    [NotPersonal]
    public string? OfficeHours { get; set; }
    [NotPersonal]
    public string? Introduction { get; set; }
    [NotPersonal]
    public string? ChairpersonName { get; set; }
    /// <summary>Where the commune's office stands (WGS 84), for the supervisors' map.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>
    /// A petition's answer goes to the sender and the board only once a leader approves it, unless the commune turns this off
    /// (on by default: the field is the exception).
    /// </summary>
    public bool PetitionAnswersWithoutApproval { get; set; }
    /// <summary>The notification moments the commune turned off, one bit per <see cref="Domain.NotificationMoment"/> number.</summary>
    public long MutedMoments { get; set; }
    public int Version { get; set; }
}

public sealed class CommuneProfileConfiguration : IEntityTypeConfiguration<CommuneProfile>
{
    public void Configure(EntityTypeBuilder<CommuneProfile> e)
    {
        e.HasKey(p => p.UnitId);
        e.HasOne<AdministrativeUnit>().WithOne().HasForeignKey<CommuneProfile>(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(p => p.Address).HasMaxLength(300);
        e.Property(p => p.Phone).HasMaxLength(30);
        e.Property(p => p.Email).HasMaxLength(200);
        e.Property(p => p.OfficeHours).HasMaxLength(300);
        e.Property(p => p.Introduction).HasMaxLength(4000);
        e.Property(p => p.ChairpersonName).HasMaxLength(100);
        e.Property(p => p.Version).IsConcurrencyToken();
    }
}
