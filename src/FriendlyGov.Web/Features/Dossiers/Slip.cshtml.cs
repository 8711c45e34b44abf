using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Procedures;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>The paper handed over at the counter (Circular 03/2025 Appendix I): Mẫu 01, 02 or 03 by the intake's outcome.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
[FriendlyGov.Web.Shared.PrintedForm]
public sealed class SlipModel(AppDbContext db) : PageModel
{
    public Dossier Dossier { get; private set; } = null!;
    public ApplicantDetails Applicant { get; private set; } = null!;
    public AdministrativeUnit Unit { get; private set; } = null!;
    public List<ProcedureDocument> Documents { get; private set; } = [];
    public string TrackingUrl { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public string RatingUrl { get; private set; } = "";
    public string RatingQrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code) is not { } d) return NotFound();
        Dossier = d;
        Applicant = ApplicantDetails.Of(d, await DossiersSetup.SeesApplicantAsync(db, User, d));
        Unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == d.UnitId);
        Documents = (await db.Procedures.AsNoTracking().FirstAsync(p => p.Id == d.ProcedureId)).Documents;
        TrackingUrl = DossiersSetup.TrackingUrl(Request, d.TrackingKey);
        QrSvg = Catalog.QrSvg(TrackingUrl);
        RatingUrl = Request.PublicUrl($"/danh-gia/{d.TrackingKey}");
        RatingQrSvg = Catalog.QrSvg(RatingUrl);
        await Readings.RecordAsync(db, User, d, Readings.Receipt, Applicant.InFull, HttpContext.RequestAborted);
        return Page();
    }
}
