using System.Security.Claims;
using System.Security.Cryptography;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>What a commune offers for petitions: its fields (with the routing rule), its villages and its officials.</summary>
public sealed class PetitionCatalog(AppDbContext db, Ratings ratings, UnitAccess access)
{
    private IQueryable<T> Public<T>(IQueryable<T> q) where T : class => q.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking();


    /// <summary>The commune's fields: its own list, or the defaults while it has none. Public information.</summary>
    public async Task<List<PetitionCategory>> CategoriesAsync(int unitId, bool activeOnly = true)
    {
        var own = await Public(db.PetitionCategories).Where(c => c.UnitId == unitId).OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync();
        if (own.Count == 0)
            own = PetitionCategories.Defaults.Select((d, i) => new PetitionCategory { UnitId = unitId, Code = d.Code, Name = d.Name, Description = d.Description, Order = i }).ToList();
        return activeOnly ? own.Where(c => c.Active).ToList() : own;
    }

    /// <summary>Saves the commune's list (copying the defaults in on the first edit): names, active, routing rule.</summary>
    public async Task<Outcome<List<PetitionCategory>>> SaveCategoriesAsync(int unitId, List<CategoryInput> input)
    {
        if (!await access.MayAsync(unitId, UnitOperations.Change)) return Outcome<List<PetitionCategory>>.NotFound();
        var errors = new List<RuleViolation>();
        var staff = await StaffAsync(unitId);
        for (var i = 0; i < input.Count; i++)
        {
            var c = input[i];
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Trim().Length > 100) errors.Add(new($"[{i}].Name", "Tên lĩnh vực từ 1 đến 100 ký tự."));
            if (string.IsNullOrWhiteSpace(c.Code) || c.Code.Trim().Length > 40 || !c.Code.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
                errors.Add(new($"[{i}].Code", "Mã lĩnh vực chỉ gồm chữ không dấu, số và dấu gạch ngang (tối đa 40 ký tự)."));
            if (!string.IsNullOrEmpty(c.DefaultAssigneeId) && staff.All(s => s.Id != c.DefaultAssigneeId))
                errors.Add(new($"[{i}].DefaultAssigneeId", "Cán bộ được phân công mặc định không thuộc xã."));
        }
        if (input.Select(c => c.Code?.Trim().ToLowerInvariant()).Distinct().Count() != input.Count) errors.Add(new("Code", "Mã lĩnh vực bị trùng."));
        if (!input.Any(c => c.Active)) errors.Add(new("Active", "Cần ít nhất một lĩnh vực đang dùng."));
        if (errors.Count > 0) return Outcome<List<PetitionCategory>>.Invalid(errors);

        var existing = await db.PetitionCategories.Where(c => c.UnitId == unitId).ToListAsync();
        for (var i = 0; i < input.Count; i++)
        {
            var c = input[i];
            var code = c.Code!.Trim().ToLowerInvariant();
            var row = existing.FirstOrDefault(e => e.Code == code);
            if (row is null) db.PetitionCategories.Add(row = new PetitionCategory { UnitId = unitId, Code = code, Name = "" });
            (row.Name, row.Description, row.Active, row.Order, row.DefaultAssigneeId) =
                (c.Name!.Trim(), Blank(c.Description), c.Active, i,
                 string.IsNullOrEmpty(c.DefaultAssigneeId) ? null : c.DefaultAssigneeId);
        }
        // A field that is no longer listed is retired, not deleted: old petitions keep its name.
        foreach (var gone in existing.Where(e => input.All(c => c.Code!.Trim().ToLowerInvariant() != e.Code))) gone.Active = false;
        await db.SaveChangesAsync();
        return Outcome<List<PetitionCategory>>.Success(await CategoriesAsync(unitId, activeOnly: false));
    }

    /// <summary>The commune's officials who can be given a petition.</summary>
    public Task<List<(string Id, string Name, string? Title)>> StaffAsync(int unitId) => ratings.OfficialsAsync(unitId);

    public async Task<List<AdministrativeUnit>> VillagesAsync(int communeId) =>
        await db.Units.AsNoTracking().Where(u => u.ParentId == communeId && u.Level == UnitLevel.Village && u.SuccessorId == null)
            .OrderBy(u => u.Code).ToListAsync();

}

public sealed class CategoryInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool Active { get; set; } = true;
    public string? DefaultAssigneeId { get; set; }
}

