using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A counter tablet in kiosk mode, started by an officer from their account; ratings taken on it are theirs.</summary>
public class KioskSession : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>Random; carried in the kiosk's own cookie.</summary>
    [Secret]
    public required string Key { get; set; }
    [NotPersonal]
    public required string OfficerId { get; set; }
    [NotPersonal]
    public required string OfficerName { get; set; }
    [NotPersonal]
    public string? OfficerTitle { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>The end of the working day it was started on, unless ended earlier.</summary>
    public DateTime ExpiresAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

public sealed class KioskSessionConfiguration : IEntityTypeConfiguration<KioskSession>
{
    public void Configure(EntityTypeBuilder<KioskSession> e)
    {
        e.HasIndex(x => x.Key).IsUnique();
        e.Property(x => x.Key).HasMaxLength(64);
        e.Property(x => x.OfficerId).HasMaxLength(450);
        e.Property(x => x.OfficerName).HasMaxLength(100);
        e.Property(x => x.OfficerTitle).HasMaxLength(100);
    }
}
