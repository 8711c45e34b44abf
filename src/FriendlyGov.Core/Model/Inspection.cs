using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một cuộc kiểm tra, giám sát of a commune by the supervising board. UnitId is the commune inspected.</summary>
public class Inspection : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int InspectingUnitId { get; set; }
    [NotPersonal]
    public required string Subject { get; set; }
    public DateOnly PlannedOn { get; set; }
    public DateOnly? DoneOn { get; private set; }
    /// <summary>Thành phần đoàn.</summary>
    [NotPersonal]
    public string? Team { get; private set; }
    /// <summary>Kết quả kiểm tra: what was found, good and not.</summary>
    [NotPersonal]
    public string? Findings { get; private set; }
    public InspectionStatus Status { get; private set; } = InspectionStatus.Planned;
    [NotPersonal]
    public string? CancelReason { get; private set; }
    [NotPersonal]
    public string? CreatedBy { get; set; }
    public int Version { get; set; }

    /// <summary>A planned visit with its team (thành phần đoàn).</summary>
    public static Inspection Plan(int communeId, int inspectingUnitId, string subject, DateOnly plannedOn, string? team, string? createdBy) =>
        new() { UnitId = communeId, InspectingUnitId = inspectingUnitId, Subject = subject, PlannedOn = plannedOn, Team = team, CreatedBy = createdBy };

    /// <summary>
    /// The visit took place (its day, not in the future, and what was found; the team as it came, or as planned) or was cancelled
    /// with the reason. A visit that already led to recommendations cannot be cancelled.
    /// </summary>
    public Failure? Record(InspectionStatus outcome, DateOnly? doneOn, string? findings, string? team, string? cancelReason, bool hasRecommendations, DateOnly today)
    {
        var errors = new List<RuleViolation>();
        if (outcome is not (InspectionStatus.Done or InspectionStatus.Cancelled)) errors.Add(new("Status", "Ghi kết quả: đã kiểm tra hoặc hủy."));
        if (outcome == InspectionStatus.Done)
        {
            if (doneOn is null) errors.Add(new("DoneOn", "Ghi ngày kiểm tra."));
            else if (doneOn > today) errors.Add(new("DoneOn", "Ngày kiểm tra không ở tương lai."));
            if (string.IsNullOrWhiteSpace(findings)) errors.Add(new("Findings", "Ghi kết quả kiểm tra."));
        }
        if (outcome == InspectionStatus.Cancelled && string.IsNullOrWhiteSpace(cancelReason)) errors.Add(new("CancelReason", "Ghi lý do hủy."));
        InputRules.Limit(errors, "Team", team, 2000);
        InputRules.Limit(errors, "Findings", findings, 8000);
        InputRules.Limit(errors, "CancelReason", cancelReason, 500);
        if (errors.Count > 0) return new Failure.Invalid(errors);
        if (outcome == InspectionStatus.Cancelled && hasRecommendations) return Failure.Rule("Status", "Cuộc kiểm tra đã có kiến nghị: không hủy được.");
        Status = outcome;
        if (outcome == InspectionStatus.Done)
            (DoneOn, Findings, Team, CancelReason) = (doneOn, findings!.Trim(), InputRules.Blank(team) ?? Team, null);
        else CancelReason = cancelReason!.Trim();
        return null;
    }
}

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> e)
    {
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.InspectingUnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Subject).HasMaxLength(500);
        e.Property(x => x.Team).HasMaxLength(2000);
        e.Property(x => x.Findings).HasMaxLength(8000);
        e.Property(x => x.CancelReason).HasMaxLength(500);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
