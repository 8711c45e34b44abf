using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// Lĩnh vực phản ánh of one commune (the Open311 "service"). A commune without rows uses <see cref="PetitionCategories.Defaults"/>;
/// its first edit copies them in. A default assignee is the routing rule: new petitions of the category go to that official.
/// </summary>
public class PetitionCategory : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [NotPersonal]
    public required string Code { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    [NotPersonal]
    public string? Description { get; set; }
    [NotPersonal]
    public string? DefaultAssigneeId { get; set; }
    public bool Active { get; set; } = true;
    public int Order { get; set; }
    public int Version { get; set; }
}

public sealed class PetitionCategoryConfiguration : IEntityTypeConfiguration<PetitionCategory>
{
    public void Configure(EntityTypeBuilder<PetitionCategory> e)
    {
        e.HasIndex(x => new { x.UnitId, x.Code }).IsUnique();
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Description).HasMaxLength(500);
        e.Property(x => x.DefaultAssigneeId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
