using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Units;

/// <summary>One unit, its history, and the reform operations that apply to it.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DetailModel(UnitQueries queries, UnitReform reform) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public UnitDetailDto Unit { get; private set; } = null!;
    [BindProperty] public RenameInput Rename { get; set; } = new();
    [BindProperty] public ReparentInput Reparent { get; set; } = new();
    [BindProperty] public EndInput End { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostRenameAsync() => RunAsync(nameof(Rename), Rename, () => reform.RenameAsync(Code, Rename), "Đã đổi tên đơn vị.");
    public Task<IActionResult> OnPostReparentAsync() => RunAsync(nameof(Reparent), Reparent, () => reform.ReparentAsync(Code, Reparent), "Đã chuyển đơn vị cấp trên.");
    public Task<IActionResult> OnPostEndAsync() => RunAsync(nameof(End), End, () => reform.EndAsync(Code, End), "Đã kết thúc hiệu lực của đơn vị.");

    private async Task<IActionResult> RunAsync(string form, object input, Func<Task<Outcome<Core.Data.AdministrativeUnit>>> action, string done)
    {
        // Each form binds its own input; only the submitted one is validated.
        if (this.ValidForm(form, input))
        {
            var outcome = await action();
            if (outcome.Missing) return NotFound();
            if (outcome.Ok)
            {
                this.Notice(done);
                return RedirectToPage(new { Code });
            }
            ModelState.AddTo(outcome.Errors, form);
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var unit = await queries.DetailAsync(Code);
        if (unit is null) return false;
        Unit = unit;
        return true;
    }
}
