using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>A partner application allowed to file petitions through Open311 (the api_key). Only the key's hash is kept.</summary>
public class PartnerApp
{
    public int Id { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    [Secret]
    public required string KeyHash { get; set; }
    [Personal]
    public string? Contact { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

public sealed class PartnerAppConfiguration : IEntityTypeConfiguration<PartnerApp>
{
    public void Configure(EntityTypeBuilder<PartnerApp> e)
    {
        e.HasIndex(x => x.KeyHash).IsUnique();
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.KeyHash).HasMaxLength(64);
        e.Property(x => x.Contact).HasMaxLength(200);
    }
}
