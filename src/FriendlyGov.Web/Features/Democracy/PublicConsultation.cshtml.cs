using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Petitions;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FriendlyGov.Web.Features.Democracy;

/// <summary>A draft put to the people: read it, comment on it from a phone without JavaScript, then read the summary.</summary>
[EnableRateLimiting(Shared.ClientLimits.CitizenSubmissions)]
public sealed class PublicConsultationModel(AppDbContext db, Consultations consultations) : PageModel
{
    [BindProperty] public CommentInput Input { get; set; } = new();
    public AdministrativeUnit Unit { get; private set; } = null!;
    public ConsultationView View { get; private set; } = null!;
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int id, bool? sent)
    {
        if (!await LoadAsync(code, id)) return NotFound();
        Sent = sent == true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, int id)
    {
        if (!await LoadAsync(code, id)) return NotFound();
        ModelState.Clear();
        var outcome = await consultations.CommentAsync(id, Input, HttpContext.Connection.RemoteIpAddress?.ToString());
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors, "Input");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect($"/xa/{code}/gop-y/{id}?sent=true#y-kien");
    }

    private async Task<bool> LoadAsync(string code, int id)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit || await consultations.ViewAsync(id, staff: false) is not { } v || v.Item.UnitId != unit.Id) return false;
        (Unit, View) = (unit, v);
        return true;
    }
}
