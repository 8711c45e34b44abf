using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>The printed Mẫu 06 (control slip) and Mẫu 04 (apology) of a dossier.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
[FriendlyGov.Web.Shared.PrintedForm]
public sealed class PapersModel(AppDbContext db, Processing processing) : PageModel
{
    public DossierView View { get; private set; } = null!;
    public AdministrativeUnit Unit { get; private set; } = null!;
    public string Paper { get; private set; } = "";
    public ApplicantDetails Applicant { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, string paper)
    {
        if (paper is not ("kiem-soat" or "xin-loi" or "dung") || await processing.ViewAsync(code) is not { } view) return NotFound();
        if (paper == "xin-loi" && view.Dossier.ApologyReason is null || paper == "dung" && view.Dossier.Status != Core.Domain.DossierStatus.Stopped) return NotFound();
        (View, Paper) = (view, paper);
        Applicant = ApplicantDetails.Of(view.Dossier, DossiersSetup.SeesApplicant(User, view.Dossier, view.Steps));
        Unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == view.Dossier.UnitId);
        await Readings.RecordAsync(db, User, view.Dossier, paper, Applicant.InFull, HttpContext.RequestAborted);
        return Page();
    }
}
