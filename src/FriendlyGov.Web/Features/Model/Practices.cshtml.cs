using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Model;

/// <summary>Cách làm hay: the commune's register (drafts, publishing) and what every commune has published, to read and adopt.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PracticesModel(Practices practices, Models models, UnitAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public PracticeInput Input { get; set; } = new();
    [BindProperty] public int? ItemId { get; set; }
    public List<PracticeRow> Published { get; private set; } = [];
    public List<PracticeRow> Own { get; private set; } = [];
    public AdministrativeUnit? Unit { get; private set; }
    public bool Leader { get; private set; }
    public bool CommuneStaff => Unit is not null && Roles.CommuneStaff.Any(User.IsInRole);

    public async Task OnGetAsync()
    {
        await LoadAsync();
    }

    public Task<IActionResult> OnPostSaveAsync() => RunAsync(u => practices.SaveAsync(u, ItemId, Input, User), "Đã lưu cách làm");
    public Task<IActionResult> OnPostAdoptAsync() => RunAsync(u => practices.AdoptAsync(u, ItemId ?? 0, User), "Đã đưa vào sổ cách làm của xã để áp dụng");

    private async Task<IActionResult> RunAsync(Func<AdministrativeUnit, Task<Outcome<GoodPractice>>> action, string done)
    {
        await LoadAsync();
        if (Unit is null || !CommuneStaff) return NotFound();
        if (this.RefuseUnreadableValues("Input")) return Page();
        return await this.FinishAsync(await action(Unit), "Input", LoadAsync, _ => "/can-bo/cach-lam-hay", done);
    }

    private async Task LoadAsync()
    {
        if (User.UnitId() is int home && await models.UnitCodeAsync(home) is { } code && await models.CommuneAsync(code) is { Level: UnitLevel.Commune } unit)
        {
            Unit = unit;
            Leader = await access.MayAsync(User, unit.Id, UnitOperations.Lead);
            Own = await practices.OwnAsync(unit.Id);
        }
        Published = await practices.PublishedAsync(Q);
    }
}
