using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một cuộc họp với nhân dân về dự án: date, village, attendees, minutes.</summary>
public class ProjectMeeting : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ProjectId { get; set; }
    public DateOnly Date { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    public int Attendees { get; set; }
    [NotPersonal]
    public required string Minutes { get; set; }
}

public sealed class ProjectMeetingConfiguration : IEntityTypeConfiguration<ProjectMeeting>
{
    public void Configure(EntityTypeBuilder<ProjectMeeting> e)
    {
        e.HasIndex(x => x.ProjectId);
        e.HasOne<ClearanceProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Village).HasMaxLength(100);
        e.Property(x => x.Minutes).HasMaxLength(8000);
    }
}
