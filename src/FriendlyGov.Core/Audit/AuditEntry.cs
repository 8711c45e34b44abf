using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Nhật ký: one change to business data. Append-only; each entry chains the previous one's hash.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    /// <summary>The chain the entry belongs to: the unit it concerns, or 0 for the system's own records (accounts without a unit, the calendar).</summary>
    public int Chain { get; set; }
    /// <summary>Position in its chain, from 1.</summary>
    public long Seq { get; set; }
    public int? UnitId { get; set; }
    public DateTime At { get; set; }
    [NotPersonal] public string? UserId { get; set; }
    /// <summary>Who acted: an official's account name; citizens appear as "công dân" (their account name is their phone).</summary>
    [NotPersonal] public string? UserName { get; set; }
    [NotPersonal] public required string Action { get; set; }
    [NotPersonal] public required string Entity { get; set; }
    [NotPersonal] public required string EntityId { get; set; }
    /// <summary>JSON: the before/after values of the properties that changed; personal values only as keyed fingerprints.</summary>
    [NotPersonal] public required string Changes { get; set; }
    [NotPersonal] public required string PrevHash { get; set; }
    [NotPersonal] public required string Hash { get; set; }
    /// <summary><see cref="AuditChain.Keyed"/> for entries sealed with the audit key; <see cref="AuditChain.Legacy"/> for older ones not yet resealed.</summary>
    public int Format { get; set; } = AuditChain.Keyed;

    public AuditRecord ToRecord() => new(Chain, Seq, UnitId, At.Ticks, UserId, UserName, Action, Entity, EntityId, Changes, PrevHash, Hash, Format);
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.HasIndex(a => new { a.Chain, a.Seq }).IsUnique();
        e.HasIndex(a => new { a.UnitId, a.At });
        e.HasIndex(a => new { a.Entity, a.EntityId });
        e.HasIndex(a => a.At);
        e.Property(a => a.Action).HasMaxLength(20);
        e.Property(a => a.Entity).HasMaxLength(100);
        e.Property(a => a.EntityId).HasMaxLength(100);
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.PrevHash).HasMaxLength(64);
        e.Property(a => a.Hash).HasMaxLength(64);
    }
}
