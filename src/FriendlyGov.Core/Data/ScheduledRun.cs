using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>One run of a scheduled job, by whichever instance the scheduler's cluster gave it to: the operator's record.</summary>
public class ScheduledRun
{
    public long Id { get; set; }
    [NotPersonal]
    public required string Job { get; set; }
    /// <summary>The time the trigger was due (the same on every instance): with the job, unique, so a firing runs once.</summary>
    public DateTime ScheduledFor { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    [NotPersonal]
    public required string Instance { get; set; }
    [NotPersonal]
    public string? Outcome { get; set; }
}

public sealed class ScheduledRunConfiguration : IEntityTypeConfiguration<ScheduledRun>
{
    public void Configure(EntityTypeBuilder<ScheduledRun> e)
    {
        e.HasIndex(r => new { r.Job, r.ScheduledFor }).IsUnique(); // one run per firing: the claim
        e.Property(r => r.Job).HasMaxLength(60);
        e.Property(r => r.Instance).HasMaxLength(200);
        e.Property(r => r.Outcome).HasMaxLength(500);
    }
}
