using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>Sổ theo dõi hồ sơ (Mẫu 07), with filters and Excel export, and the apologies counted per official.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class BookModel(AppDbContext db) : PageModel
{
    public sealed class Row
    {
        [ExcelColumnName("Mã hồ sơ")] public string Code { get; set; } = "";
        [ExcelColumnName("Tên thủ tục")] public string Procedure { get; set; } = "";
        [ExcelColumnName("Số lượng hồ sơ (bộ)")] public int Sets { get; set; } = 1;
        [ExcelColumnName("Tên người nộp")] public string Applicant { get; set; } = "";
        [ExcelColumnName("Địa chỉ")] public string Address { get; set; } = "";
        [ExcelColumnName("Điện thoại")] public string Phone { get; set; } = "";
        [ExcelColumnName("Ngày nhận")] public string Received { get; set; } = "";
        [ExcelColumnName("Ngày hẹn trả")] public string Appointed { get; set; } = "";
        [ExcelColumnName("Ngày trả kết quả")] public string Returned { get; set; } = "";
        [ExcelColumnName("Trạng thái")] public string Status { get; set; } = "";
        [ExcelColumnName("Cán bộ tiếp nhận")] public string ReceivedBy { get; set; } = "";
        [ExcelColumnName("Cán bộ xử lý")] public string Handler { get; set; } = "";
        [ExcelColumnName("Lĩnh vực")] public string Field { get; set; } = "";
        /// <summary>The reader does not see this applicant's details: the page says so in the reader's language.</summary>
        [ExcelIgnore] public bool ContactHidden { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "tu")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "den")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang-thai")] public DossierStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    public List<Row> Rows { get; private set; } = [];
    /// <summary>How many dossiers the register shows (and exports) at once; a narrower period shows older ones.</summary>
    public const int MaxRows = 5000;
    /// <summary>More dossiers were received in the period than the register shows: it shows the newest.</summary>
    public bool Truncated { get; private set; }
    public List<(string Official, int Drafted, int Approved)> Apologies { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync(Readings.Register);

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync(Readings.RegisterExport);
        return await Spreadsheets.FileAsync(Rows, "Sổ theo dõi hồ sơ", $"so-theo-doi-ho-so-{DateTime.UtcNow:yyyyMMdd}.xlsx");
    }

    /// <summary>Reads the register's rows, and records the reading (<paramref name="what"/>: the page or its export) in the commune's log.</summary>
    private async Task LoadAsync(string what)
    {
        var q = db.Dossiers.AsNoTracking();
        if (From is DateOnly f) { var t = VietnamTime.ToUtc(f.ToDateTime(TimeOnly.MinValue)); q = q.Where(d => d.ReceivedAt >= t); }
        if (To is DateOnly e) { var t = VietnamTime.ToUtc(e.AddDays(1).ToDateTime(TimeOnly.MinValue)); q = q.Where(d => d.ReceivedAt < t); }
        if (Status is DossierStatus s) q = q.Where(d => d.Status == s);
        // The register reads in order of receipt; beyond its limit it keeps the newest, so today's dossiers are never the ones left out.
        var dossiers = await q.OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id).Take(MaxRows + 1).ToListAsync();
        Truncated = dossiers.Count > MaxRows;
        dossiers = [.. dossiers.Take(MaxRows).Reverse()];
        var folded = VietnameseText.Fold(Search);
        if (folded.Length > 0) dossiers = dossiers.Where(d => VietnameseText.Fold($"{d.Code} {d.ApplicantName} {d.ProcedureName}").Contains(folded)).ToList();
        var ids = dossiers.Select(d => d.Id).ToList();
        var returned = await db.DossierSteps.AsNoTracking().Where(x => ids.Contains(x.DossierId) && x.Action == DossierAction.Return)
            .Select(x => new { x.DossierId, x.At }).ToListAsync();
        var returnedAt = returned.GroupBy(x => x.DossierId).ToDictionary(g => g.Key, g => g.Max(x => x.At));
        // Who handles (or handled) each dossier: its holder now, else the last official it was given to.
        var given = (await db.DossierSteps.AsNoTracking().Where(x => ids.Contains(x.DossierId) && x.ToUserId != null)
            .Select(x => new { x.DossierId, x.At, x.Id, x.ToUserId }).ToListAsync())
            .GroupBy(x => x.DossierId).ToDictionary(g => g.Key, g => g.OrderBy(x => x.At).ThenBy(x => x.Id).Last().ToUserId!);
        var handlerIds = dossiers.Select(d => d.AssigneeId ?? given.GetValueOrDefault(d.Id)).OfType<string>().Distinct().ToList();
        var handlerNames = await db.Users.AsNoTracking().Where(u => handlerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        var procIds = dossiers.Select(d => d.ProcedureId).Distinct().ToList();
        var fields = await db.Procedures.AsNoTracking().Where(p => procIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Field);
        // The register is the one-stop section's: a specialist reads the contact of the dossiers they handle only.
        var seen = await DossiersSetup.ApplicantsSeenAsync(db, User, dossiers);
        static string D(DateTime? utc) => utc is DateTime u ? VietnamTime.FromUtc(u).ToString("HH:mm dd/MM/yyyy") : "";
        Rows = (from d in dossiers let a = ApplicantDetails.Of(d, seen.Contains(d.Id)) select new Row
        {
            Code = d.Code, Procedure = d.ProcedureName, Applicant = d.ApplicantName, Address = a.Address, Phone = a.Phone, ContactHidden = !a.InFull,
            Received = D(d.ReceivedAt), Appointed = D(d.AppointedAt), Returned = D(returnedAt.TryGetValue(d.Id, out var r) ? r : null),
            Status = DossierLifecycle.VietnameseName(d.Status), ReceivedBy = d.ReceivedByName ?? "",
            Handler = (d.AssigneeId ?? given.GetValueOrDefault(d.Id)) is { } h ? handlerNames.GetValueOrDefault(h, "") : "", Field = fields.GetValueOrDefault(d.ProcedureId, ""),
        }).ToList();
        if (User.UnitId() is int unit && Rows.Count > 0)
            await Readings.RecordRegisterAsync(db, User, unit, what, Rows.Any(r => !r.ContactHidden), HttpContext.RequestAborted);
        Apologies = dossiers.Where(d => d.ApologyDraftedBy is not null).GroupBy(d => d.ApologyDraftedBy!)
            .Select(g => (g.Key, g.Count(), g.Count(d => d.ApologyApprovedAt is not null))).OrderByDescending(x => x.Item2).ToList();
    }
}
