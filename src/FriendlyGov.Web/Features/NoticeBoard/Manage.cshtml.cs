using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.NoticeBoard;

/// <summary>
/// Công khai (staff): the commune's disclosures with drafts; staff prepare and attach, the leader posts, takes down, archives;
/// anyone of the staff starts a correction. One page: the list, and the chosen disclosure (?id=).
/// </summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class ManageModel(AppDbContext db, Disclosures disclosures) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public DisclosureInput Input { get; set; } = new() { Category = DisclosureCategory.LandRecovery };
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool AsTable { get; set; }
    public AdministrativeUnit Unit { get; private set; } = null!;
    public List<(Core.Data.Disclosure Item, DisclosureState State)> Items { get; private set; } = [];
    public DisclosureView? Current { get; private set; }
    public bool Leader => User.IsInRole(Roles.CommuneLeader);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Current is { } c) Input = new DisclosureInput
        {
            Category = c.Item.Category, Title = c.Item.Title, DocumentNumber = c.Item.DocumentNumber, DocumentDate = c.Item.DocumentDate, Summary = c.Item.Summary,
            PostingDays = c.Item.PostingDays, Version = c.Item.Version,
        };
        return Page();
    }

    public Task<IActionResult> OnPostCreateAsync() => RunAsync(() => disclosures.CreateAsync(Unit, Input, User), d => d.Id, "Đã lưu dự thảo", "Input");
    public Task<IActionResult> OnPostUpdateAsync() => RunAsync(() => disclosures.UpdateAsync(Unit, Id ?? 0, Input, User), d => d.Id, "Đã lưu dự thảo", "Input");
    public Task<IActionResult> OnPostPostAsync() => RunAsync(() => disclosures.PostAsync(Unit, Id ?? 0, Input.Version, User), d => d.Id, "Đã niêm yết", "");
    public Task<IActionResult> OnPostTakeDownAsync() => RunAsync(() => disclosures.TakeDownAsync(Unit, Id ?? 0, Reason, Input.Version, User), d => d.Id, "Đã gỡ trước hạn", "");
    public Task<IActionResult> OnPostArchiveAsync() => RunAsync(() => disclosures.ArchiveAsync(Unit, Id ?? 0, Input.Version, User), d => d.Id, "Đã lưu trữ", "");
    public Task<IActionResult> OnPostCorrectAsync() => RunAsync(() => disclosures.CorrectAsync(Unit, Id ?? 0, User), d => d.Id, "Đã lập bản đính chính: sửa rồi niêm yết", "");

    public async Task<IActionResult> OnPostAttachAsync(IFormFile? file)
    {
        var upload = await FileUploads.FromFormAsync(file, Disclosures.MaxFileBytes);
        return await RunAsync(() => disclosures.AttachAsync(Unit, Id ?? 0, upload, AsTable, User), _ => Id ?? 0, "Đã đính kèm tệp", "");
    }

    private async Task<IActionResult> RunAsync<T>(Func<Task<Outcome<T>>> action, Func<T, int> target, string done, string prefix)
    {
        if (!await LoadAsync()) return NotFound();
        if (this.RefuseUnreadableValues(prefix)) return Page();
        return await this.FinishAsync(await action(), prefix, LoadAsync, v => $"/can-bo/cong-khai?id={target(v)}", done);
    }

    private async Task<bool> LoadAsync()
    {
        var unitId = User.UnitId();
        if (await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId) is not { } unit) return false;
        Unit = unit;
        Items = await disclosures.StaffListAsync(unit.Id);
        Current = Id is int id ? await disclosures.ViewAsync(id, staffView: true) : null;
        if (Current is not null && Current.Item.UnitId != unit.Id) Current = null;
        return true;
    }
}
