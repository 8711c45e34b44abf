using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Mô hình "Chính quyền thân thiện" of one commune: one record per commune, pilot or replicated.</summary>
public class CommuneModel : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    public ModelKind Kind { get; set; }
    public int Year { get; set; }
    public ModelStage Stage { get; set; } = ModelStage.Chosen;
    public DateOnly? PlanStart { get; set; }
    public DateOnly? LaunchedOn { get; set; }
    [NotPersonal]
    public string? LaunchPlace { get; set; }
    [NotPersonal]
    public string? LaunchGuests { get; set; }
    [NotPersonal]
    public string? LaunchMinutes { get; set; }
    /// <summary>Quyết định thành lập Ban Chỉ đạo / Ban Điều hành.</summary>
    [NotPersonal]
    public string? BoardName { get; set; }
    [NotPersonal]
    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }
    [NotPersonal]
    public string? DecisionSigner { get; set; }
    /// <summary>Quy chế hoạt động của Ban.</summary>
    [NotPersonal]
    public string? Regulation { get; set; }
    /// <summary>For a replicated model: the pilot commune it was built from.</summary>
    public int? PilotUnitId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class CommuneModelConfiguration : IEntityTypeConfiguration<CommuneModel>
{
    public void Configure(EntityTypeBuilder<CommuneModel> e)
    {
        e.HasIndex(x => x.UnitId).IsUnique(); // one model per commune: replication never overwrites
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.LaunchPlace).HasMaxLength(300);
        e.Property(x => x.LaunchGuests).HasMaxLength(2000);
        e.Property(x => x.LaunchMinutes).HasMaxLength(8000);
        e.Property(x => x.BoardName).HasMaxLength(200);
        e.Property(x => x.DecisionNumber).HasMaxLength(50);
        e.Property(x => x.DecisionSigner).HasMaxLength(100);
        e.Property(x => x.Regulation).HasMaxLength(20000);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
