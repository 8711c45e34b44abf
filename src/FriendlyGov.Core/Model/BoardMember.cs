using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Thành viên Ban Chỉ đạo. A member who leaves keeps the row with the end date: the board's history.</summary>
public class BoardMember : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    [NotPersonal]
    public required string FullName { get; set; }
    /// <summary>Chức vụ, e.g. "Bí thư Đảng ủy xã".</summary>
    [NotPersonal]
    public required string Position { get; set; }
    public BoardRole Role { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    [NotPersonal]
    public string? EndReason { get; set; }
}

public sealed class BoardMemberConfiguration : IEntityTypeConfiguration<BoardMember>
{
    public void Configure(EntityTypeBuilder<BoardMember> e)
    {
        e.HasIndex(x => x.ModelId);
        e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.FullName).HasMaxLength(100);
        e.Property(x => x.Position).HasMaxLength(200);
        e.Property(x => x.EndReason).HasMaxLength(300);
    }
}
