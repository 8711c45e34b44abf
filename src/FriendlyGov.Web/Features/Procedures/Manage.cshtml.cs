using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Procedures;

/// <summary>
/// The commune's catalog for its staff: export to Excel; the leader imports, or copies the province's template. A province
/// supervisor keeps the province's template here the same way (their own unit's rows; communes' catalogs stay theirs).
/// </summary>
[Authorize(Policy = Policies.CatalogEditors)]
[RequestSizeLimit(MaxUpload + 64 * 1024)]
public sealed class ManageModel(AppDbContext db, Catalog catalog) : PageModel
{
    public const long MaxUpload = 5 * 1024 * 1024;
    public AdministrativeUnit Unit { get; private set; } = null!;
    public List<Procedure> Procedures { get; private set; } = [];
    public bool CanEdit => User.IsInRole(Roles.CommuneLeader) || User.IsInRole(Roles.Supervisor) && Unit.Level == Core.Domain.UnitLevel.Province;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return File(await catalog.ExportAsync(Unit.Id), Spreadsheets.ContentType,
            $"thu-tuc-{Unit.Code}.xlsx");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (!await LoadAsync()) return NotFound();
        if (!CanEdit) return Forbid();
        if (file is null || file.Length == 0) ModelState.AddModelError("file", "Chọn tệp Excel (.xlsx) để nhập.");
        else if (file.Length > MaxUpload) ModelState.AddModelError("file", "Tệp lớn hơn 5 MB.");
        else if (!file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) ModelState.AddModelError("file", "Chỉ nhận tệp Excel .xlsx.");
        if (!ModelState.IsValid) return Page();
        await using var stream = file!.OpenReadStream();
        var outcome = await catalog.ImportAsync(Unit.Id, stream);
        if (!outcome.Ok)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError("file", e.Message);
            return Page();
        }
        this.Notice("Đã nhập {0} thủ tục.", outcome.Value!);
        return RedirectToPage();
    }

    /// <summary>Attaches a blank form (PDF, DOC, DOCX) to one of the commune's procedures; the public page offers it for download.</summary>
    public async Task<IActionResult> OnPostFormAsync(string procedureCode, string? formName, IFormFile? formFile)
    {
        if (!await LoadAsync()) return NotFound();
        if (!CanEdit) return Forbid();
        var procedure = Procedures.FirstOrDefault(p => p.Code == procedureCode);
        if (procedure is null) ModelState.AddModelError("formFile", "Chọn thủ tục của xã.");
        if (string.IsNullOrWhiteSpace(formName) || formName.Length > 200) ModelState.AddModelError("formFile", "Nhập tên mẫu (tối đa 200 ký tự).");
        byte[] bytes = [];
        string? contentType = null;
        if (formFile is null || formFile.Length == 0) ModelState.AddModelError("formFile", "Chọn tệp mẫu đơn, tờ khai.");
        else if (formFile.Length > MaxUpload) ModelState.AddModelError("formFile", "Tệp lớn hơn 5 MB.");
        else
        {
            using var ms = new MemoryStream();
            await formFile.CopyToAsync(ms);
            bytes = ms.ToArray();
            contentType = Dossiers.Uploads.FormContentTypeOf(bytes);
            if (contentType is null) ModelState.AddModelError("formFile", "Mẫu phải là tệp PDF hoặc Word (.docx) đọc được; mẫu .doc cũ hãy lưu lại thành .docx.");
        }
        if (!ModelState.IsValid) return Page();
        db.ProcedureForms.Add(new ProcedureForm
        {
            UnitId = Unit.Id, ProcedureId = procedure!.Id, Name = formName!.Trim(), FileName = Dossiers.Uploads.CleanName(formFile!.FileName),
            ContentType = contentType!, Size = bytes.Length, Content = bytes,
        });
        await db.SaveChangesAsync();
        this.Notice("Đã đính kèm mẫu “{0}” cho thủ tục {1}.", formName.Trim(), procedure.Name);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCopyAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!User.IsInRole(Roles.CommuneLeader)) return Forbid();
        var copied = await catalog.CopyFromProvinceAsync(Unit);
        if (copied == 0) this.Notice("Xã đã có đủ các thủ tục trong danh mục của tỉnh.");
        else this.Notice("Đã sao chép {0} thủ tục từ danh mục của tỉnh.", copied);
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        var unitId = User.UnitId();
        if (await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId) is not { } unit) return false;
        Unit = unit;
        Procedures = await db.Procedures.AsNoTracking().Where(p => p.UnitId == unit.Id).OrderBy(p => p.Field).ThenBy(p => p.Name).ToListAsync();
        return true;
    }
}
