using FriendlyGov.Core.Domain;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Procedures;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

using FriendlyGov.Web.Shared;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>Nộp hồ sơ trực tuyến: no account needed, works without JavaScript; the counter checks it and sets the appointment.</summary>
[EnableRateLimiting(DossiersSetup.SubmitLimit)]
[RequestSizeLimit(Uploads.MaxTotalBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = Uploads.MaxTotalBytes + 1024 * 1024)]
public sealed class OnlineModel(AppDbContext db, Catalog catalog, Intake intake, UserManager<ApplicationUser> users, Notifications.ChannelDirectory channels) : PageModel
{
    [BindProperty] public IntakeInput Input { get; set; } = new();
    [BindProperty] public bool Consent { get; set; }
    /// <summary>Files the citizen had attached to a form sent back for correction: they must be chosen again.</summary>
    public List<string> AttachAgain { get; private set; } = [];
    public AdministrativeUnit Unit { get; private set; } = null!;
    public Procedure Procedure { get; private set; } = null!;
    public List<NotificationChannel> Channels { get; private set; } = [];
    /// <summary>The blank forms the commune attached to the procedure, to download and fill before attaching.</summary>
    public List<(int Id, string Name, string FileName, long Size)> Forms { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, string procedure)
    {
        if (!await LoadAsync(code, procedure)) return NotFound();
        if (User.IsInRole(Roles.Citizen) && await users.GetUserAsync(User) is { } me)
            (Input.ApplicantName, Input.Phone, Input.Email) = (me.FullName, me.PhoneNumber ?? "", me.Email);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string procedure)
    {
        if (!await LoadAsync(code, procedure)) return NotFound();
        // The procedure comes from the address, not the form.
        Input.ProcedureCode = Procedure.Code;
        ModelState.Remove("Input.ProcedureCode");
        Input.Decision = IntakeDecision.Accept;
        if (!Consent) ModelState.AddModelError(nameof(Consent), "Cần bạn đồng ý để UBND xã dùng thông tin này giải quyết hồ sơ.");
        var files = new List<UploadedDocument>();
        var documents = Procedure.Documents;
        for (var i = 0; i < documents.Count; i++)
        {
            if (Request.Form.Files.GetFile($"file-{i}") is not { Length: > 0 } file) continue;
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms);
            var bytes = ms.ToArray();
            var name = Uploads.CleanName(file.FileName);
            var (clean, problem) = Uploads.Clean(name, bytes);
            if (clean is null) ModelState.AddModelError($"file-{i}", problem!);
            else files.Add(new UploadedDocument(documents[i].Name, clean.FileName, clean.ContentType, clean.Content));
        }
        if (files.Count == 0 && ModelState.IsValid) ModelState.AddModelError("file-0", "Đính kèm ít nhất một giấy tờ (PDF, JPG hoặc PNG).");
        if (files.Sum(f => f.Content.Length) > Uploads.MaxTotalBytes) ModelState.AddModelError("file-0", "Tổng dung lượng các tệp vượt quá 20 MB.");
        if (!ModelState.IsValid)
        {
            // A browser never sends chosen files back: say so plainly, naming what was attached, instead of emptying it silently.
            AttachAgain = files.Select(f => f.FileName).ToList();
            return Page();
        }

        var citizenId = User.IsInRole(Roles.Citizen) ? users.GetUserId(User) : null;
        var outcome = await intake.ReceiveAsync(Unit.Id, Input, DossierChannel.Online, files, citizenId, Unit);
        if (!outcome.Ok)
        {
            // Errors without a field on this form (the procedure comes from the address) go to the summary.
            foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field == nameof(IntakeInput.ProcedureCode) ? "" : $"Input.{e.Field}", e.Message);
            AttachAgain = files.Select(f => f.FileName).ToList();
            return Page();
        }
        this.Notice("Đã gửi hồ sơ {0}. Hãy lưu đường dẫn trang này để theo dõi; Bộ phận Một cửa sẽ kiểm tra và hẹn ngày trả kết quả.", outcome.Value!.Code);
        return Redirect($"/tra-cuu/{outcome.Value.TrackingKey}");
    }

    private async Task<bool> LoadAsync(string code, string procedure)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit || await catalog.DetailAsync(unit.Id, procedure) is not { Online: true } p) return false;
        (Unit, Procedure) = (unit, p);
        Forms = await catalog.FormsAsync(p.Id);
        Channels = [.. (await channels.ForUnitAsync(unit.Id)).Available()];
        return true;
    }
}
