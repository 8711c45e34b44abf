using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một hộ bị ảnh hưởng. Names are personal data: the public sees counts unless the household agreed to be named.</summary>
public class AffectedHousehold : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ProjectId { get; set; }
    [Personal]
    public required string HeadName { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    public decimal AffectedAreaM2 { get; set; }
    [Personal]
    public string? Assets { get; set; }
    [Personal]
    public string? Phone { get; set; }
    public HouseholdStatus Status { get; private set; } = HouseholdStatus.Informed;
    [Personal]
    public string? NotAgreedReason { get; private set; }
    public bool AgreesToBeNamed { get; set; }
    public int Version { get; set; }
    /// <summary>How many visits (vận động) were recorded for the household: raised in the visit's transaction by one atomic
    /// update (never through the version, so recording a visit does not make an officer's open household form stale), so the
    /// overview and the desks count households, not the visits of years; checked against the visits by <c>check-figures</c>.</summary>
    public int VisitCount { get; private set; }
    /// <summary>The day of the latest recorded visit, if any.</summary>
    public DateOnly? LastVisitOn { get; private set; }

    /// <summary>Sets the counters to what the visits say (the demo's and <c>rebuild-figures</c>).</summary>
    public void RecountVisits(int count, DateOnly? last) => (VisitCount, LastVisitOn) = (count, last);

    /// <summary>
    /// The household moves along the clearance path (<see cref="DemocracyRules.CanMove"/>); not agreeing needs the reason, so the
    /// commune can go and talk with them (vận động).
    /// </summary>
    public Failure? MoveTo(HouseholdStatus to, string? reason)
    {
        if (!Enum.IsDefined(to) || !DemocracyRules.CanMove(Status, to))
            return Failure.Rule("Status", $"Không chuyển được từ “{DemocracyRules.StatusName(Status)}” sang trạng thái này.");
        if (to == HouseholdStatus.NotAgreed && string.IsNullOrWhiteSpace(reason))
            return Failure.Rule("Reason", "Ghi lý do hộ chưa đồng thuận, để tổ chức vận động.");
        if (reason?.Trim().Length > 2000) return Failure.Rule("Reason", "Tối đa 2.000 ký tự.");
        Status = to;
        if (to == HouseholdStatus.NotAgreed) NotAgreedReason = reason!.Trim();
        return null;
    }
}

public sealed class AffectedHouseholdConfiguration : IEntityTypeConfiguration<AffectedHousehold>
{
    public void Configure(EntityTypeBuilder<AffectedHousehold> e)
    {
        e.HasIndex(x => new { x.ProjectId, x.Village });
        // The desks' "not agreed, not visited in 30 days": households by status and last visit, never the visits.
        e.HasIndex(x => new { x.UnitId, x.Status, x.LastVisitOn });
        e.HasOne<ClearanceProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.HeadName).HasMaxLength(100);
        e.Property(x => x.Village).HasMaxLength(100);
        e.Property(x => x.Assets).HasMaxLength(2000);
        e.Property(x => x.Phone).HasMaxLength(30);
        e.Property(x => x.NotAgreedReason).HasMaxLength(2000);
        e.Property(x => x.AffectedAreaM2).HasPrecision(14, 2);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
