using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// A citizen's wish to hear when the commune puts a matter to comment in their village (or anywhere in the commune). It
/// counts only once confirmed from the address itself (double opt-in): nobody can sign up somebody else's phone.
/// </summary>
public class AreaSubscription : IUnitOwned
{
    public int Id { get; set; }
    /// <summary>The commune.</summary>
    public int UnitId { get; set; }
    /// <summary>The village (thôn, bản) by name, as consultations name it; null for the whole commune.</summary>
    [NotPersonal]
    public string? Village { get; set; }
    public NotificationChannel Channel { get; set; }
    [Personal]
    public required string Recipient { get; set; }
    [NotPersonal]
    public string Language { get; set; } = "vi";
    /// <summary>The random key of the confirmation and withdrawal links.</summary>
    [Secret]
    public required string Key { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
}

public sealed class AreaSubscriptionConfiguration : IEntityTypeConfiguration<AreaSubscription>
{
    public void Configure(EntityTypeBuilder<AreaSubscription> e)
    {
        e.HasIndex(s => s.Key).IsUnique();
        e.HasIndex(s => new { s.UnitId, s.Village });
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(s => s.Village).HasMaxLength(100);
        e.Property(s => s.Recipient).HasMaxLength(256);
        e.Property(s => s.Language).HasMaxLength(5);
        e.Property(s => s.Key).HasMaxLength(32);
    }
}
