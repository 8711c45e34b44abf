using FriendlyGov.Core.Domain;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>The counter's intake form: works without JavaScript, prints the right form afterwards.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class ReceiveModel(AppDbContext db, Intake intake, Notifications.ChannelDirectory channels) : PageModel
{
    [BindProperty] public IntakeInput Input { get; set; } = new();
    public List<Procedure> Procedures { get; private set; } = [];
    /// <summary>The chosen procedure's documents, for the checklist (the page is reloaded with ?procedure=… when none is chosen yet).</summary>
    public List<ProcedureDocument> Documents { get; private set; } = [];
    public List<NotificationChannel> Channels { get; private set; } = [];
    /// <summary>What "Điền từ hồ sơ trước" found: the earlier dossier it filled from (its code and day), or none (empty).</summary>
    public (string Code, string Day)? FilledFrom { get; private set; }
    public bool NothingToFill { get; private set; }

    public async Task OnGetAsync(string? procedure)
    {
        Input.ProcedureCode = procedure ?? "";
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var outcome = await intake.ReceiveAsync(User.UnitId()!.Value, Input, DossierChannel.InPerson);
            if (outcome.Ok) return Redirect($"/can-bo/ho-so/{outcome.Value!.Code}/phieu");
            ModelState.AddTo(outcome.Errors);
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// Điền từ hồ sơ trước: a returning applicant's name, phone, address and e-mail, from the commune's latest dossier with
    /// the ID number typed, into the fields left empty; only from a dossier whose applicant this official reads in full
    /// (<see cref="DossiersSetup.WhereApplicantSeen"/>), and recorded as a reading of it, which its applicant sees. Nothing
    /// is saved, and the answer (personal data) is not kept for replay.
    /// </summary>
    public async Task<IActionResult> OnPostFillAsync()
    {
        IdempotencyMiddleware.CreatesNothing(HttpContext);
        this.RefuseUnreadableValues("Input");
        var id = Input.CitizenId?.Trim() ?? "";
        if (CitizenIds.Problem(id, VietnamTime.FromUtc(DateTime.UtcNow).Year) is { } problem)
        {
            ModelState.AddModelError("Input.CitizenId", problem);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else if (await db.Dossiers.AsNoTracking().Where(d => d.CitizenId == id).WhereApplicantSeen(db, User)
            .OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id).FirstOrDefaultAsync() is { } earlier)
        {
            Input.CitizenId = id;
            if (string.IsNullOrWhiteSpace(Input.ApplicantName)) Input.ApplicantName = earlier.ApplicantName;
            if (string.IsNullOrWhiteSpace(Input.Phone)) Input.Phone = earlier.Phone;
            if (string.IsNullOrWhiteSpace(Input.Address)) Input.Address = earlier.Address;
            if (string.IsNullOrWhiteSpace(Input.Email)) Input.Email = earlier.Email;
            await Readings.RecordAsync(db, User, earlier, Readings.Reuse, inFull: true, HttpContext.RequestAborted);
            FilledFrom = (earlier.Code, VietnamTime.FromUtc(earlier.ReceivedAt).ToString("dd/MM/yyyy"));
        }
        else NothingToFill = true;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Procedures = await db.Procedures.AsNoTracking().Where(p => p.Published).OrderBy(p => p.Field).ThenBy(p => p.Name).ToListAsync();
        Documents = Procedures.FirstOrDefault(p => p.Code == Input.ProcedureCode)?.Documents ?? [];
        Channels = [.. (await channels.ForUnitAsync(User.UnitId()!.Value)).Available()];
    }
}
