using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Đơn vị hành chính: province, (former) district, commune, village.</summary>
public class AdministrativeUnit
{
    public int Id { get; set; }
    /// <summary>Official code from the national list of administrative units (mã đơn vị hành chính).</summary>
    [NotPersonal]
    public required string Code { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    public UnitType Type { get; set; }
    public UnitLevel Level { get; set; }
    public int? ParentId { get; set; }
    public AdministrativeUnit? Parent { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>Last day in force; null while the unit exists.</summary>
    public DateOnly? EffectiveTo { get; set; }
    /// <summary>The unit this one was merged into.</summary>
    public int? SuccessorId { get; set; }
    /// <summary>Electronic unit identifier (mã định danh điện tử, TT 10/2016/TT-BTTTT), prefix of dossier codes.</summary>
    [NotPersonal]
    public string? Identifier { get; set; }
    /// <summary>Application-managed concurrency token (SQLite has no rowversion).</summary>
    public int Version { get; set; }

    public string FullName => UnitTypes.FullName(Type, Name);
    public bool IsCurrent => EffectiveTo is null && SuccessorId is null;

    public UnitFacts ToFacts(int? provinceId) => new(Id, Code, Name, Type, ParentId, provinceId, EffectiveFrom, EffectiveTo, SuccessorId);
}

public sealed class AdministrativeUnitConfiguration : IEntityTypeConfiguration<AdministrativeUnit>
{
    public void Configure(EntityTypeBuilder<AdministrativeUnit> e)
    {
        e.HasIndex(u => u.Code).IsUnique();
        e.HasIndex(u => u.ParentId);
        e.Property(u => u.Code).HasMaxLength(20);
        e.Property(u => u.Name).HasMaxLength(100);
        e.Property(u => u.Identifier).HasMaxLength(40);
        e.Property(u => u.Version).IsConcurrencyToken();
        e.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(u => u.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(u => u.FullName);
        e.Ignore(u => u.IsCurrent);
    }
}
