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

    private async Task LoadAsync()
    {
        Procedures = await db.Procedures.AsNoTracking().Where(p => p.Published).OrderBy(p => p.Field).ThenBy(p => p.Name).ToListAsync();
        Documents = Procedures.FirstOrDefault(p => p.Code == Input.ProcedureCode)?.Documents ?? [];
        Channels = [.. (await channels.ForUnitAsync(User.UnitId()!.Value)).Available()];
    }
}
