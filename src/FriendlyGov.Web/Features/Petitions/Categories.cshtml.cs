using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>The commune's petition fields and routing rules: which official gets new petitions of each field.</summary>
[Authorize(Policy = Policies.Leader)]
public sealed class CategoriesModel(PetitionCatalog catalog) : PageModel
{
    [BindProperty] public List<CategoryInput> Items { get; set; } = [];
    public List<(string Id, string Name, string? Title)> Staff { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved = false)
    {
        var unit = User.UnitId()!.Value;
        Items = (await catalog.CategoriesAsync(unit, activeOnly: false))
            .Select(c => new CategoryInput { Code = c.Code, Name = c.Name, Description = c.Description, Active = c.Active, DefaultAssigneeId = c.DefaultAssigneeId }).ToList();
        Items.Add(new CategoryInput { Active = true });
        Staff = await catalog.StaffAsync(unit);
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var unit = User.UnitId()!.Value;
        ModelState.Clear();
        // The empty line at the end adds a field only when filled in.
        var items = Items.Where(i => !string.IsNullOrWhiteSpace(i.Code) || !string.IsNullOrWhiteSpace(i.Name)).ToList();
        var outcome = await catalog.SaveCategoriesAsync(unit, items);
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors, "Items");
            Staff = await catalog.StaffAsync(unit);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect("/can-bo/phan-anh/linh-vuc?saved=true");
    }
}
