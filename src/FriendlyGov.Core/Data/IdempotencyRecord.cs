using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// The first answer to a create request with an Idempotency-Key header (API) or a one-time form token (pages), stored in
/// the same transaction as what it created, so a retry after a lost answer is answered again instead of creating twice.
/// Kept at least 24 hours.
/// </summary>
public class IdempotencyRecord
{
    public long Id { get; set; }
    /// <summary>Whose key: the account, the partner app, or "public" for anonymous requests (matched on the exact body too).</summary>
    [NotPersonal] public required string Client { get; set; }
    [Secret] public required string Key { get; set; }
    [NotPersonal] public required string RequestHash { get; set; }
    public int Status { get; set; }
    [NotPersonal] public string? ContentType { get; set; }
    [NotPersonal] public string? Location { get; set; }
    /// <summary>The first answer's body: may carry what the client sent, so it is kept only as long as retries need it.</summary>
    public byte[]? Body { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.HasIndex(r => new { r.Client, r.Key }).IsUnique();
        e.HasIndex(r => r.CreatedAt);
        e.Property(r => r.Client).HasMaxLength(100);
        e.Property(r => r.Key).HasMaxLength(255);
        e.Property(r => r.RequestHash).HasMaxLength(64);
        e.Property(r => r.ContentType).HasMaxLength(200);
        e.Property(r => r.Location).HasMaxLength(2000);
    }
}
