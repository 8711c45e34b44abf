using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// A counter of failed sign-ins (<see cref="Domain.SignInPolicy"/>): of a client address ("ip:…"), of an account from unknown
/// devices ("user:…"), or of an account on one known device ("device:…"). Security bookkeeping, not audited: an address is
/// personal data, kept only a day after the last failure.
/// </summary>
public class SignInThrottle
{
    [Personal] public required string Key { get; set; }
    public int Failures { get; set; }
    public DateTime FirstAt { get; set; }
    public DateTime LastAt { get; set; }
    public DateTime? BlockedUntil { get; set; }
}

public sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> e)
    {
        e.HasKey(t => t.Key);
        e.Property(t => t.Key).HasMaxLength(300);
        e.HasIndex(t => t.LastAt);
    }
}
