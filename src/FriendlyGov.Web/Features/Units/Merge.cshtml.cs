using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Units;

[Authorize(Policy = Policies.Admin)]
public sealed class MergeModel(AppDbContext db, UnitQueries queries, UnitReform reform) : PageModel
{
    [BindProperty] public MergeInput Input { get; set; } = new();
    public List<(AdministrativeUnit Commune, string Province)> Communes { get; private set; } = [];
    public List<AdministrativeUnit> Provinces { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var outcome = await reform.MergeAsync(Input);
            if (outcome.Ok)
            {
                this.Notice("Đã thành lập {0} từ {1} đơn vị.", outcome.Value!.FullName, Input.Sources.Count);
                return Redirect($"/quan-tri/don-vi/{outcome.Value.Code}");
            }
            ModelState.AddTo(outcome.Errors);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Communes = await queries.CommunesAsync(null);
        Provinces = await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.Province && u.EffectiveTo == null).OrderBy(u => u.Code).ToListAsync();
    }
}
