using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Units;

public sealed class MergeInput
{
    /// <summary>Codes of the communes being merged.</summary>
    [Required(ErrorMessage = "Chọn các đơn vị sáp nhập.")]
    public List<string> Sources { get; set; } = [];
    [Required(ErrorMessage = "Chọn tỉnh, thành phố.")]
    public string ProvinceCode { get; set; } = "";
    [Required(ErrorMessage = "Nhập mã đơn vị mới.")]
    public string NewCode { get; set; } = "";
    [Required(ErrorMessage = "Nhập tên đơn vị mới.")]
    public string NewName { get; set; } = "";
    public UnitType NewType { get; set; } = UnitType.Commune;
    public DateOnly Effective { get; set; } = new(2025, 7, 1);
    [StringLength(300, ErrorMessage = "Căn cứ pháp lý tối đa 300 ký tự.")]
    public string? LegalBasis { get; set; }
    /// <summary>Move the old communes' staff accounts to the new commune.</summary>
    public bool MoveStaff { get; set; } = true;
}

public sealed class ReparentInput
{
    [Required(ErrorMessage = "Chọn đơn vị cấp trên mới.")]
    public string NewParentCode { get; set; } = "";
    public DateOnly Effective { get; set; } = new(2025, 7, 1);
    [StringLength(300, ErrorMessage = "Căn cứ pháp lý tối đa 300 ký tự.")]
    public string? LegalBasis { get; set; }
}

public sealed class RenameInput
{
    [Required(ErrorMessage = "Nhập tên mới.")]
    public string NewName { get; set; } = "";
    public DateOnly Effective { get; set; } = new(2025, 7, 1);
    [StringLength(300, ErrorMessage = "Căn cứ pháp lý tối đa 300 ký tự.")]
    public string? LegalBasis { get; set; }
}

public sealed class EndInput
{
    public DateOnly LastDay { get; set; } = new(2025, 6, 30);
    [StringLength(300, ErrorMessage = "Căn cứ pháp lý tối đa 300 ký tự.")]
    public string? LegalBasis { get; set; }
}

public sealed class NewUnitInput
{
    [Required(ErrorMessage = "Nhập mã đơn vị.")]
    public string Code { get; set; } = "";
    [Required(ErrorMessage = "Nhập tên đơn vị.")]
    public string Name { get; set; } = "";
    public UnitType Type { get; set; } = UnitType.Hamlet;
    public string? ParentCode { get; set; }
    public DateOnly EffectiveFrom { get; set; } = new(2025, 7, 1);
    [StringLength(40, ErrorMessage = "Mã định danh tối đa 40 ký tự.")]
    public string? Identifier { get; set; }
}

/// <summary>
/// The reform operations, one transaction each, each leaving a trace in the unit's history and the audit log.
/// Records are never re-attributed: a merged commune's records keep its id and are reached through the successor.
/// </summary>
public sealed class UnitReform(AppDbContext db, UnitDirectory directory, TimeProvider clock)
{
    public async Task<Outcome<AdministrativeUnit>> MergeAsync(MergeInput input)
    {
        var codes = input.Sources.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToList();
        var sources = await db.Units.Where(u => codes.Contains(u.Code)).ToListAsync();
        if (sources.Count != codes.Distinct().Count())
            return Outcome<AdministrativeUnit>.Invalid([new("Sources", "Có mã đơn vị không tồn tại.")]);
        var province = await db.Units.FirstOrDefaultAsync(u => u.Code == input.ProvinceCode);
        var byId = await AncestorsAsync();
        var facts = sources.Select(s => s.ToFacts(UnitQueries.ProvinceOf(s, byId)?.Id)).ToList();
        var taken = await db.Units.AnyAsync(u => u.Code == input.NewCode);
        var errors = Reform.CheckMerge(facts, province?.ToFacts(province.Id), input.NewCode, input.NewName, input.NewType, input.Effective, taken);
        if (errors.Count > 0) return Outcome<AdministrativeUnit>.Invalid(errors);

        await using var tx = await db.Database.BeginWorkAsync();
        var merged = new AdministrativeUnit
        {
            Code = input.NewCode.Trim(), Name = input.NewName.Trim(), Type = input.NewType, Level = UnitLevel.Commune,
            ParentId = province!.Id, EffectiveFrom = input.Effective,
        };
        db.Units.Add(merged);
        await db.SaveChangesAsync();
        db.UnitEvents.Add(Event(merged.Id, UnitEventKind.Established, input.Effective, input.LegalBasis, newName: merged.Name));

        var sourceIds = sources.Select(s => s.Id).ToList();
        foreach (var s in sources)
        {
            s.EffectiveTo = input.Effective.AddDays(-1);
            s.SuccessorId = merged.Id;
            db.UnitEvents.Add(Event(s.Id, UnitEventKind.MergedInto, input.Effective, input.LegalBasis, related: merged.Id));
        }
        // Villages carry on under the new commune; where they hung before stays in their history.
        var villages = await db.Units.Where(u => u.ParentId != null && sourceIds.Contains(u.ParentId.Value) && u.EffectiveTo == null).ToListAsync();
        foreach (var v in villages)
        {
            db.UnitEvents.Add(Event(v.Id, UnitEventKind.Reparented, input.Effective, input.LegalBasis, oldParent: v.ParentId, newParent: merged.Id));
            v.ParentId = merged.Id;
        }
        if (input.MoveStaff)
        {
            var staff = await db.Users.Where(u => u.UnitId != null && sourceIds.Contains(u.UnitId.Value)).ToListAsync();
            foreach (var u in staff) u.UnitId = merged.Id;
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        directory.Invalidate();
        return Outcome<AdministrativeUnit>.Success(merged);
    }

    public async Task<Outcome<AdministrativeUnit>> ReparentAsync(string code, ReparentInput input)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == code);
        if (unit is null) return Outcome<AdministrativeUnit>.NotFound();
        var parent = await db.Units.FirstOrDefaultAsync(u => u.Code == input.NewParentCode);
        var errors = Reform.CheckReparent(unit.ToFacts(null), parent?.ToFacts(parent.Id), input.Effective);
        if (errors.Count > 0) return Outcome<AdministrativeUnit>.Invalid(errors);
        db.UnitEvents.Add(Event(unit.Id, UnitEventKind.Reparented, input.Effective, input.LegalBasis, oldParent: unit.ParentId, newParent: parent!.Id));
        unit.ParentId = parent.Id;
        await db.SaveChangesAsync();
        directory.Invalidate();
        return Outcome<AdministrativeUnit>.Success(unit);
    }

    public async Task<Outcome<AdministrativeUnit>> RenameAsync(string code, RenameInput input)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == code);
        if (unit is null) return Outcome<AdministrativeUnit>.NotFound();
        var errors = Reform.CheckRename(unit.ToFacts(null), input.NewName, input.Effective);
        if (errors.Count > 0) return Outcome<AdministrativeUnit>.Invalid(errors);
        db.UnitEvents.Add(Event(unit.Id, UnitEventKind.Renamed, input.Effective, input.LegalBasis, oldName: unit.Name, newName: input.NewName.Trim()));
        unit.Name = input.NewName.Trim();
        await db.SaveChangesAsync();
        return Outcome<AdministrativeUnit>.Success(unit);
    }

    public async Task<Outcome<AdministrativeUnit>> EndAsync(string code, EndInput input)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == code);
        if (unit is null) return Outcome<AdministrativeUnit>.NotFound();
        var currentChildren = await db.Units.CountAsync(u => u.ParentId == unit.Id && u.EffectiveTo == null && u.SuccessorId == null);
        var errors = Reform.CheckEnd(unit.ToFacts(null), currentChildren, input.LastDay);
        if (errors.Count > 0) return Outcome<AdministrativeUnit>.Invalid(errors);
        unit.EffectiveTo = input.LastDay;
        db.UnitEvents.Add(Event(unit.Id, UnitEventKind.Ended, input.LastDay, input.LegalBasis));
        await db.SaveChangesAsync();
        directory.Invalidate();
        return Outcome<AdministrativeUnit>.Success(unit);
    }

    public async Task<Outcome<AdministrativeUnit>> CreateAsync(NewUnitInput input)
    {
        var parent = input.ParentCode is { Length: > 0 } pc ? await db.Units.FirstOrDefaultAsync(u => u.Code == pc) : null;
        if (input.ParentCode is { Length: > 0 } && parent is null)
            return Outcome<AdministrativeUnit>.Invalid([new("ParentCode", "Không có đơn vị cấp trên với mã này.")]);
        var taken = await db.Units.AnyAsync(u => u.Code == input.Code);
        var errors = Reform.CheckNewUnit(input.Type, parent?.ToFacts(null), input.Code, input.Name, taken);
        if (errors.Count > 0) return Outcome<AdministrativeUnit>.Invalid(errors);
        var unit = new AdministrativeUnit
        {
            Code = input.Code.Trim(), Name = input.Name.Trim(), Type = input.Type, Level = UnitTypes.LevelOf(input.Type),
            ParentId = parent?.Id, EffectiveFrom = input.EffectiveFrom, Identifier = input.Identifier?.Trim(),
        };
        await using var tx = await db.Database.BeginWorkAsync();
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        db.UnitEvents.Add(Event(unit.Id, UnitEventKind.Established, input.EffectiveFrom, null, newName: unit.Name));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        directory.Invalidate();
        return Outcome<AdministrativeUnit>.Success(unit);
    }

    private async Task<Dictionary<int, AdministrativeUnit>> AncestorsAsync() =>
        await db.Units.AsNoTracking().Where(u => u.Level <= UnitLevel.Commune).ToDictionaryAsync(u => u.Id);

    private UnitEvent Event(int unitId, UnitEventKind kind, DateOnly effective, string? legal, string? oldName = null, string? newName = null,
        int? oldParent = null, int? newParent = null, int? related = null) => new()
    {
        UnitId = unitId, Kind = kind, Effective = effective, LegalBasis = legal?.Trim(), OldName = oldName, NewName = newName,
        OldParentId = oldParent, NewParentId = newParent, RelatedUnitId = related, RecordedAt = clock.GetUtcNow().UtcDateTime,
    };
}
