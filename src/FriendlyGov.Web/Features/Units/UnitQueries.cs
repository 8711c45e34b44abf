using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Units;

public sealed record UnitNodeDto(string Code, string Name, string FullName, UnitType Type, UnitLevel Level,
    DateOnly EffectiveFrom, DateOnly? EffectiveTo, string? SuccessorCode, List<UnitNodeDto> Children);

public sealed record UnitEventDto(UnitEventKind Kind, DateOnly Effective, string? OldName, string? NewName,
    string? OldParentCode, string? OldParentName, string? NewParentCode, string? NewParentName, string? RelatedUnitCode, string? LegalBasis);

public sealed record UnitDetailDto(string Code, string Name, string FullName, UnitType Type, UnitLevel Level, string? Identifier,
    DateOnly EffectiveFrom, DateOnly? EffectiveTo, bool Current, string? ParentCode, string? ParentName,
    string? SuccessorCode, string? SuccessorName, List<UnitRefDto> Children, List<UnitRefDto> Predecessors, List<UnitEventDto> History);

public sealed record UnitRefDto(string Code, string FullName, bool Current);

/// <summary>Reads of the unit tree, shared by the public API, the public pages and the administration pages.</summary>
public sealed class UnitQueries(AppDbContext db)
{
    /// <summary>The tree from the provinces down; with history, ended units (former districts, merged communes) too.</summary>
    public async Task<List<UnitNodeDto>> TreeAsync(bool includeHistory, UnitLevel deepest = UnitLevel.Village)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.Level <= deepest).ToListAsync();
        var byId = units.ToDictionary(u => u.Id);
        var shown = units.Where(u => includeHistory || u.IsCurrent).ToList();
        var children = shown.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
        UnitNodeDto Build(AdministrativeUnit u) => new(u.Code, u.Name, u.FullName, u.Type, u.Level, u.EffectiveFrom, u.EffectiveTo,
            u.SuccessorId is int s ? byId.GetValueOrDefault(s)?.Code : null,
            children[u.Id].OrderBy(c => c.Level).ThenBy(c => c.Code).Select(Build).ToList());
        return shown.Where(u => u.ParentId is null).OrderBy(u => u.Code).Select(Build).ToList();
    }

    public async Task<UnitDetailDto?> DetailAsync(string code)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code);
        if (unit is null) return null;
        var related = await db.Units.AsNoTracking()
            .Where(u => u.Id == unit.ParentId || u.Id == unit.SuccessorId || u.ParentId == unit.Id || u.SuccessorId == unit.Id)
            .ToListAsync();
        var events = await db.UnitEvents.AsNoTracking().Where(e => e.UnitId == unit.Id).OrderBy(e => e.Effective).ThenBy(e => e.Id).ToListAsync();
        var refIds = events.SelectMany(e => new[] { e.OldParentId, e.NewParentId, e.RelatedUnitId }).OfType<int>().Distinct().ToList();
        var refs = await db.Units.AsNoTracking().Where(u => refIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        string? CodeOf(int? id) => id is int i ? refs.GetValueOrDefault(i)?.Code : null;
        string? NameOf(int? id) => id is int i ? refs.GetValueOrDefault(i)?.FullName : null;
        var parent = related.FirstOrDefault(u => u.Id == unit.ParentId);
        var successor = related.FirstOrDefault(u => u.Id == unit.SuccessorId);
        return new UnitDetailDto(unit.Code, unit.Name, unit.FullName, unit.Type, unit.Level, unit.Identifier, unit.EffectiveFrom, unit.EffectiveTo,
            unit.IsCurrent, parent?.Code, parent?.FullName, successor?.Code, successor?.FullName,
            related.Where(u => u.ParentId == unit.Id).OrderBy(u => u.Code).Select(u => new UnitRefDto(u.Code, u.FullName, u.IsCurrent)).ToList(),
            related.Where(u => u.SuccessorId == unit.Id).OrderBy(u => u.Code).Select(u => new UnitRefDto(u.Code, u.FullName, u.IsCurrent)).ToList(),
            events.Select(e => new UnitEventDto(e.Kind, e.Effective, e.OldName, e.NewName, CodeOf(e.OldParentId), NameOf(e.OldParentId),
                CodeOf(e.NewParentId), NameOf(e.NewParentId), CodeOf(e.RelatedUnitId), e.LegalBasis)).ToList());
    }

    /// <summary>Current communes (xã, phường, đặc khu), optionally under one province, matching a search with or without diacritics.</summary>
    public async Task<List<(AdministrativeUnit Commune, string Province)>> CommunesAsync(string? search)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.Level <= UnitLevel.Commune).ToListAsync();
        var byId = units.ToDictionary(u => u.Id);
        var folded = VietnameseText.Fold(search);
        return units.Where(u => u.Level == UnitLevel.Commune && u.IsCurrent)
            .Select(u => (Commune: u, Province: ProvinceOf(u, byId)?.FullName ?? ""))
            .Where(x => folded.Length == 0 || VietnameseText.Fold(x.Commune.FullName + " " + x.Province).Contains(folded))
            .OrderBy(x => x.Province).ThenBy(x => x.Commune.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))
            .ToList();
    }

    public static AdministrativeUnit? ProvinceOf(AdministrativeUnit unit, IReadOnlyDictionary<int, AdministrativeUnit> byId)
    {
        var u = unit;
        for (var guard = 0; u is not null && u.Level != UnitLevel.Province && guard < 10; guard++)
            u = u.ParentId is int p ? byId.GetValueOrDefault(p) : null;
        return u;
    }
}
