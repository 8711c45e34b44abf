using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Một buổi tập huấn hoặc tuyên truyền về mô hình.</summary>
public class ModelEvent : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public ModelEventKind Kind { get; set; }
    public DateOnly Date { get; set; }
    [NotPersonal]
    public required string Place { get; set; }
    [NotPersonal]
    public required string Content { get; set; }
    public EventAudience Audience { get; set; }
    /// <summary>For an event with the people of a village: which village (thôn, bản).</summary>
    [NotPersonal]
    public string? Village { get; set; }
    public int Participants { get; set; }
    /// <summary>Danh sách người tham dự, one per line (officials and village heads; a villagers' meeting keeps the count).</summary>
    [Personal]
    public string? ParticipantList { get; set; }
    /// <summary>Tài liệu: what was handed out or shown.</summary>
    [NotPersonal]
    public string? Materials { get; set; }
    [NotPersonal]
    public string? RecordedBy { get; set; }
    public int Version { get; set; }
}

public sealed class ModelEventConfiguration : IEntityTypeConfiguration<ModelEvent>
{
    public void Configure(EntityTypeBuilder<ModelEvent> e)
    {
        e.HasIndex(x => new { x.ModelId, x.Date });
        e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Place).HasMaxLength(300);
        e.Property(x => x.Content).HasMaxLength(4000);
        e.Property(x => x.Village).HasMaxLength(100);
        e.Property(x => x.ParticipantList).HasMaxLength(20000);
        e.Property(x => x.Materials).HasMaxLength(2000);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
