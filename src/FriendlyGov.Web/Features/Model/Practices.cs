using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Model;

public sealed class PracticeInput
{
    public string? Title { get; set; }
    public string? Field { get; set; }
    public string? Description { get; set; }
    public string? Results { get; set; }
    public DateOnly? StartedOn { get; set; }
    /// <summary>Publish for every commune to read (the leader decides).</summary>
    public bool Publish { get; set; }
    public int Version { get; set; }
}

public sealed record PracticeRow(GoodPractice Practice, string Commune, string CommuneCode, int Adoptions);

/// <summary>
/// Cách làm hay, "Dân vận khéo": each commune keeps its register; what its leader publishes every commune (and the public)
/// can read, and another commune's leader can adopt it into their own register as a starting point.
/// </summary>
public sealed class Practices(AppDbContext db, IUnitScope scope, UnitAccess access, TimeProvider clock)
{
    /// <summary>Published practices of every commune, newest first; the search ignores diacritics.</summary>
    public async Task<List<PracticeRow>> PublishedAsync(string? search, int take = 200)
    {
        var rows = await db.GoodPractices.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(p => p.Published).OrderByDescending(p => p.PublishedAt).Take(1000).ToListAsync();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var words = VietnameseText.Fold(search).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            rows = rows.Where(p => VietnameseText.Fold($"{p.Title} {p.Field} {p.Description} {p.Results}") is var text && words.All(text.Contains)).ToList();
        }
        return await WithNamesAsync(rows.Take(take).ToList(), publishedOnly: true);
    }

    /// <summary>The caller's commune's own register, drafts included.</summary>
    public async Task<List<PracticeRow>> OwnAsync(int unitId) =>
        await WithNamesAsync(await db.GoodPractices.AsNoTracking().Where(p => p.UnitId == unitId).OrderByDescending(p => p.CreatedAt).ToListAsync(), publishedOnly: false);

    public async Task<PracticeRow?> PublishedOneAsync(int id) =>
        (await WithNamesAsync(await db.GoodPractices.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(p => p.Id == id && p.Published).ToListAsync(), publishedOnly: true)).FirstOrDefault();

    private async Task<List<PracticeRow>> WithNamesAsync(List<GoodPractice> rows, bool publishedOnly)
    {
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        var ids = rows.Select(r => r.Id).ToList();
        // How many communes took each one up: counted across communes, a number only.
        var adoptions = await db.GoodPractices.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(p => p.AdoptedFromId != null && ids.Contains(p.AdoptedFromId.Value)).GroupBy(p => p.AdoptedFromId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        return rows.Where(r => !publishedOnly || r.Published)
            .Select(r => new PracticeRow(r, units.GetValueOrDefault(r.UnitId)?.FullName ?? "", units.GetValueOrDefault(r.UnitId)?.Code ?? "", adoptions.GetValueOrDefault(r.Id))).ToList();
    }


    public async Task<Outcome<GoodPractice>> SaveAsync(AdministrativeUnit unit, int? id, PracticeInput input, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return Outcome<GoodPractice>.NotFound();
        GoodPractice? p = null;
        if (id is int pid)
        {
            p = await db.GoodPractices.FirstOrDefaultAsync(x => x.Id == pid && x.UnitId == unit.Id);
            if (p is null) return Outcome<GoodPractice>.NotFound();
            RefusedException.IfStale(input.Version, p.Version, "Cách làm hay");
        }
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 200) errors.Add(new(nameof(input.Title), "Ghi tên cách làm (tối đa 200 ký tự)."));
        if (string.IsNullOrWhiteSpace(input.Description) || input.Description.Trim().Length > 8000) errors.Add(new(nameof(input.Description), "Mô tả cách làm (tối đa 8.000 ký tự)."));
        if (string.IsNullOrWhiteSpace(input.Results) || input.Results.Trim().Length > 4000) errors.Add(new(nameof(input.Results), "Ghi kết quả, hiệu quả (tối đa 4.000 ký tự)."));
        Limit(errors, nameof(input.Field), input.Field, 100);
        if (input.Publish && !(p?.Published ?? false) && !await access.MayAsync(actor, unit.Id, UnitOperations.Lead)) errors.Add(new(nameof(input.Publish), "Chỉ lãnh đạo UBND xã công bố cách làm hay."));
        if (errors.Count > 0) return Outcome<GoodPractice>.Invalid(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        if (p is null)
        {
            p = new GoodPractice { UnitId = unit.Id, Title = "", Description = "", Results = "", CreatedAt = now, CreatedBy = scope.ActorName };
            db.GoodPractices.Add(p);
        }
        (p.Title, p.Field, p.Description, p.Results, p.StartedOn) = (input.Title!.Trim(), Blank(input.Field), input.Description!.Trim(), input.Results!.Trim(), input.StartedOn);
        // Withdrawing is the leader's too: staff editing a published practice keep it published.
        if (await access.MayAsync(actor, unit.Id, UnitOperations.Lead))
        {
            if (input.Publish && !p.Published) p.PublishedAt = now;
            p.Published = input.Publish;
        }
        await db.SaveChangesAsync();
        return Outcome<GoodPractice>.Success(p);
    }

    /// <summary>Áp dụng: a commune's leader copies another commune's published practice into their register, as a draft to adapt.</summary>
    public async Task<Outcome<GoodPractice>> AdoptAsync(AdministrativeUnit unit, int sourceId, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return Outcome<GoodPractice>.NotFound();
        var source = await PublishedOneAsync(sourceId);
        if (source is null) return Outcome<GoodPractice>.NotFound();
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Lead)) return Outcome<GoodPractice>.Invalid([new("Adopt", "Chỉ lãnh đạo UBND xã quyết định áp dụng cách làm của xã khác.")]);
        if (source.Practice.UnitId == unit.Id) return Outcome<GoodPractice>.Invalid([new("Adopt", "Đây là cách làm của chính xã.")]);
        if (await db.GoodPractices.AnyAsync(p => p.UnitId == unit.Id && p.AdoptedFromId == sourceId))
            return Outcome<GoodPractice>.Invalid([new("Adopt", "Xã đã áp dụng cách làm này.")]);
        var s = source.Practice;
        var copy = new GoodPractice
        {
            UnitId = unit.Id, Title = s.Title, Field = s.Field, Description = s.Description,
            Results = $"(Kết quả ở {source.Commune}: {s.Results})", AdoptedFromId = s.Id, AdoptedFromUnit = source.Commune,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = scope.ActorName,
        };
        if (copy.Results.Length > 4000) copy.Results = copy.Results[..3999] + "…";
        db.GoodPractices.Add(copy);
        await db.SaveChangesAsync();
        return Outcome<GoodPractice>.Success(copy);
    }
}
