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
    public string? Owner { get; set; }
    public DateOnly Due { get; set; }
    public PlanTaskStatus Status { get; set; } = PlanTaskStatus.NotStarted;
    public int Progress { get; set; }
    /// <summary>What shows it was done: document numbers, where the photos are.</summary>
    [NotPersonal]
    public string? Evidence { get; set; }
    public int Version { get; set; }
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
