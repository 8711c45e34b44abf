using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>One dossier for its handlers: what to do next, the apology if it runs late, and the control slip.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class DetailModel(Processing processing, AppDbContext db, Officials officials, Notifications.NotificationLog notifications, StoredFiles files) : PageModel
{
    [BindProperty] public ActionInput Act { get; set; } = new();
    [BindProperty] public AssignInput Assign { get; set; } = new();
    [BindProperty] public ApologyInput Apology { get; set; } = new();
    public DossierView View { get; private set; } = null!;
    /// <summary>The applicant's ID number, phone and address, masked for a colleague whose work does not need them.</summary>
    public ApplicantDetails Applicant { get; private set; } = null!;
    public Notifications.SentView Sent { get; private set; } = null!;
    public List<DossierAction> Allowed { get; private set; } = [];
    /// <summary>Who may be chosen for the next step on a transfer (specialists, or leaders on the hand-over), and the default.</summary>
    public List<Official> NextOfficials { get; private set; } = [];
    public string? NextRole { get; private set; }
    public string? DefaultNext { get; private set; }
    /// <summary>The officials serving at the current step, to whom the holder or the leader may give the dossier.</summary>
    public List<Official> StepOfficials { get; private set; } = [];
    /// <summary>Someone else holds the dossier: this reader sees who, and acts only after taking it over (the leader).</summary>
    public bool HeldByOther { get; private set; }
    public bool MayTake { get; private set; }
    public bool MayReassign { get; private set; }

    public List<(long Id, string Document, string FileName, long Size)> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (!await LoadAsync(code)) return NotFound();
        await Readings.RecordAsync(db, User, View.Dossier, Readings.Page, Applicant.InFull, HttpContext.RequestAborted);
        if (User.IsInRole(Roles.CommuneLeader)) Reads = await Readings.OfAsync(db, View.Dossier, ct: HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Who has read this dossier (the leaders see it, as its citizen does from the receipt's link).</summary>
    public List<Readings.ReadView>? Reads { get; private set; }

    /// <summary>
    /// An attachment (the citizen's papers, full of their personal data): for those of the commune's staff who read the
    /// applicant's details in full (the tenant filter keeps other communes out).
    /// </summary>
    public async Task<IActionResult> OnGetFileAsync(string code, long id)
    {
        var file = await db.DossierFiles.FirstOrDefaultAsync(f => f.Id == id && db.Dossiers.Any(d => d.Id == f.DossierId && d.Code == code));
        if (file is null) return NotFound();
        var dossier = await db.Dossiers.AsNoTracking().FirstAsync(d => d.Id == file.DossierId);
        if (!await DossiersSetup.SeesApplicantAsync(db, User, dossier)) return Forbid();
        await Readings.RecordAsync(db, User, dossier, Readings.Paper, true, HttpContext.RequestAborted);
        return File(await files.ReadAsync(file, HttpContext.RequestAborted), file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostActAsync(string code) =>
        await Run(code, nameof(Act), Act, () => processing.ActAsync(code, Act, User), "Đã ghi nhận.");

    public async Task<IActionResult> OnPostAssignAsync(string code) =>
        await Run(code, nameof(Assign), Assign, () => processing.AssignAsync(code, Assign, User), "Đã giao xử lý hồ sơ.");

    public async Task<IActionResult> OnPostApologyAsync(string code) =>
        await Run(code, nameof(Apology), Apology, () => processing.DraftApologyAsync(code, Apology, User), "Đã lập văn bản xin lỗi, chờ lãnh đạo phê duyệt.");

    public async Task<IActionResult> OnPostApproveAsync(string code, int version) =>
        await Run(code, "", null, () => processing.ApproveApologyAsync(code, version, User), "Đã phê duyệt văn bản xin lỗi.");

    /// <summary>Runs one form's action: <paramref name="input"/> is the posted form's model, validated alone; null for a bare button.</summary>
    private async Task<IActionResult> Run(string code, string form, object? input, Func<Task<Outcome<Dossier>>> action, string done)
    {
        if (input is null) ModelState.Clear();
        if (input is null || this.ValidForm(form, input))
        {
            var outcome = await action();
            if (outcome.Missing) return NotFound();
            if (outcome.Ok)
            {
                this.Notice(done);
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
        Applicant = ApplicantDetails.Of(view.Dossier, DossiersSetup.SeesApplicant(User, view.Dossier, view.Steps));
        Files = await processing.FilesAsync(view.Dossier.Id);
        Sent = new(view.Dossier.NotifyBy, [.. (await notifications.ForAsync(view.Dossier.Code, null)).Where(n => n.UserId == null)],
            Applicant.InFull);
        var d = view.Dossier;
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var history = view.Steps.Select(s => s.Action).ToList();
        var leader = User.IsInRole(Roles.CommuneLeader);
        var serves = view.WaitingRole is { } step && User.IsInRole(step);
        Allowed = DossierLifecycle.Allowed(d.Status, history).Where(a => Processing.WhoMay[a].Any(User.IsInRole)
            && DossierAssignment.RefusalToAct(d.AssigneeId, me, a, serves, leader) is null).ToList();
        HeldByOther = d.AssigneeId is not null && d.AssigneeId != me;
        if (view.WaitingRole is { } waiting)
        {
            MayTake = DossierAssignment.RefusalToAssign(waiting, d.AssigneeId, me, leader, serves, me, targetServes: true) is null;
            MayReassign = DossierAssignment.MayGiveOn(d.AssigneeId, me, leader);
            if (MayReassign) StepOfficials = [.. (await officials.AtStepAsync(d.UnitId, waiting)).Where(o => o.Id != d.AssigneeId)];
        }
        // A transfer's next step: only one kind of transfer is possible from any status.
        NextRole = Allowed.Select(a => DossierLifecycle.WaitingAfter(d.Status, history, a))
            .FirstOrDefault(r => r is Roles.Specialist or Roles.CommuneLeader && r != view.WaitingRole);
        if (NextRole is not null)
        {
            NextOfficials = await officials.AtStepAsync(d.UnitId, NextRole);
            if (NextRole == Roles.Specialist) DefaultNext = await processing.DefaultSpecialistAsync(d, NextOfficials);
        }
        return true;
    }
}
