using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>One dossier for its handlers: what to do next, the apology if it runs late, and the control slip.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class DetailModel(Processing processing, AppDbContext db) : PageModel
{
    [BindProperty] public ActionInput Act { get; set; } = new();
    [BindProperty] public ApologyInput Apology { get; set; } = new();
    public DossierView View { get; private set; } = null!;
    public List<DossierAction> Allowed { get; private set; } = [];

    public List<(long Id, string Document, string FileName, long Size)> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code) => await LoadAsync(code) ? Page() : NotFound();

    /// <summary>An attachment, for the commune's staff only (the tenant filter keeps others out).</summary>
    public async Task<IActionResult> OnGetFileAsync(string code, long id)
    {
        var file = await db.DossierFiles.FirstOrDefaultAsync(f => f.Id == id && db.Dossiers.Any(d => d.Id == f.DossierId && d.Code == code));
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostActAsync(string code) =>
        await Run(code, nameof(Act), () => processing.ActAsync(code, Act, User), "Đã ghi nhận.");

    public async Task<IActionResult> OnPostApologyAsync(string code) =>
        await Run(code, nameof(Apology), () => processing.DraftApologyAsync(code, Apology, User), "Đã lập văn bản xin lỗi, chờ lãnh đạo phê duyệt.");

    public async Task<IActionResult> OnPostApproveAsync(string code, int version) =>
        await Run(code, "", () => processing.ApproveApologyAsync(code, version, User), "Đã phê duyệt văn bản xin lỗi.");

    private async Task<IActionResult> Run(string code, string form, Func<Task<Outcome<Dossier>>> action, string done)
    {
        foreach (var key in ModelState.Keys.Where(k => form.Length == 0 || !k.StartsWith(form + ".")).ToList()) ModelState.Remove(key);
        if (ModelState.IsValid)
        {
            var outcome = await action();
            if (outcome.Missing) return NotFound();
            if (outcome.Ok)
            {
                TempData["Notice"] = done;
                return RedirectToPage(new { code });
            }
            ModelState.AddTo(outcome.Errors, form.Length == 0 ? "Apology" : form);
        }
        return await LoadAsync(code) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string code)
    {
        if (await processing.ViewAsync(code) is not { } view) return false;
        View = view;
        Files = await processing.FilesAsync(view.Dossier.Id);
        Allowed = DossierLifecycle.Allowed(view.Dossier.Status, view.Steps.Select(s => s.Action)).Where(a => Processing.WhoMay[a].Any(User.IsInRole)).ToList();
        return true;
    }
}
