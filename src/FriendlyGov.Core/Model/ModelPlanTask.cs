using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một nhiệm vụ trong kế hoạch xây dựng mô hình.</summary>
public class ModelPlanTask : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public int Order { get; set; }
    [NotPersonal]
    public required string Title { get; set; }
    [NotPersonal]
    public string? Owner { get; private set; }
    public DateOnly Due { get; private set; }
    public PlanTaskStatus Status { get; private set; } = PlanTaskStatus.NotStarted;
    public int Progress { get; private set; }
    /// <summary>What shows it was done: document numbers, where the photos are.</summary>
    [NotPersonal]
    public string? Evidence { get; private set; }
    public int Version { get; set; }

    /// <summary>A task of the plan, due on its day, not started.</summary>
    public static ModelPlanTask Planned(int unitId, int modelId, int order, string title, DateOnly due, string? owner = null) =>
        new() { UnitId = unitId, ModelId = modelId, Order = order, Title = title, Due = due, Owner = owner };

    /// <summary>
    /// Progress on the task: its owner, due day, status and percentage; a task is done only with its evidence (minh chứng),
    /// and a done task is 100%.
    /// </summary>
    public Failure? Update(string? owner, DateOnly? due, PlanTaskStatus status, int progress, string? evidence)
    {
        var errors = new List<RuleViolation>();
        if (!Enum.IsDefined(status)) errors.Add(new("Status", "Trạng thái không hợp lệ."));
        if (progress is < 0 or > 100) errors.Add(new("Progress", "Tiến độ từ 0 đến 100%."));
        if (status == PlanTaskStatus.Done && string.IsNullOrWhiteSpace(evidence))
            errors.Add(new("Evidence", "Ghi kết quả, minh chứng (số văn bản, nơi lưu ảnh) khi hoàn thành."));
        InputRules.Limit(errors, "Owner", owner, 200);
        InputRules.Limit(errors, "Evidence", evidence, 2000);
        if (errors.Count > 0) return new Failure.Invalid(errors);
        (Owner, Due, Status, Progress, Evidence) = (InputRules.Blank(owner), due ?? Due, status, status == PlanTaskStatus.Done ? 100 : progress, InputRules.Blank(evidence));
        return null;
    }
}

public sealed class ModelPlanTaskConfiguration : IEntityTypeConfiguration<ModelPlanTask>
{
    public void Configure(EntityTypeBuilder<ModelPlanTask> e)
    {
        e.HasIndex(x => x.ModelId);
        e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.Owner).HasMaxLength(200);
        e.Property(x => x.Evidence).HasMaxLength(2000);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
