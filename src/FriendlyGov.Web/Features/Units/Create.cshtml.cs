using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Units;

[Authorize(Policy = Policies.Admin)]
public sealed class CreateModel(UnitReform reform) : PageModel
{
    [BindProperty] public NewUnitInput Input { get; set; } = new();

    public void OnGet(string? parent) => Input.ParentCode = parent;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var outcome = await reform.CreateAsync(Input);
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors);
            return Page();
        }
        this.Notice("Đã thêm {0}.", outcome.Value!.FullName);
        return Redirect($"/quan-tri/don-vi/{outcome.Value.Code}");
    }
}
