using System.Globalization;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Units;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QRCoder;

namespace FriendlyGov.Web.Features.Procedures;

public sealed record ProcedureSummary(string Code, string Name, string Field, decimal? TimeLimitDays, string? Fee, OnlineLevel OnlineLevel);

/// <summary>One row of the catalog spreadsheet (Vietnamese headers: it is read and written by commune staff).</summary>
public sealed class CatalogRow
{
    [MiniExcelLibs.Attributes.ExcelColumnName("Mã thủ tục")] public string? Code { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Tên thủ tục")] public string? Name { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Lĩnh vực")] public string? Field { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Thời hạn (ngày làm việc; để trống: trong ngày)")] public string? TimeLimit { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Phí, lệ phí")] public string? Fee { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Kết quả")] public string? Result { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Đối tượng thực hiện")] public string? WhoMayApply { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Mức trực tuyến (không/một phần/toàn trình)")] public string? OnlineLevel { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Căn cứ pháp lý")] public string? LegalBasis { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Trình tự thực hiện")] public string? ApplicantSteps { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Thành phần hồ sơ (mỗi dòng: tên | bản chính | bản sao | mẫu)")] public string? Documents { get; set; }
    [MiniExcelLibs.Attributes.ExcelColumnName("Quy trình nội bộ (mỗi dòng: bước | vai trò | ngày)")] public string? Workflow { get; set; }
}

/// <summary>The procedure catalog: what communes post publicly and what staff keep up to date.</summary>
public sealed partial class Catalog(AppDbContext db, Officials officials)
{
    public static readonly IReadOnlyDictionary<OnlineLevel, string> OnlineNames = new Dictionary<OnlineLevel, string>
    {
        [OnlineLevel.None] = "không", [OnlineLevel.Partial] = "một phần", [OnlineLevel.Full] = "toàn trình",
    };

    /// <summary>Posted procedures are public: the tenant filter is lifted for this read, which only ever returns published rows.</summary>
    private IQueryable<Procedure> Posted(int unitId) =>
        db.Procedures.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(p => p.UnitId == unitId && p.Published);

    public async Task<List<ProcedureSummary>> ListAsync(int unitId, string? search, string? field)
    {
        var rows = await Posted(unitId).OrderBy(p => p.Field).ThenBy(p => p.Name).ToListAsync();
        var folded = VietnameseText.Fold(search);
        return rows.Where(p => (folded.Length == 0 || VietnameseText.Fold($"{p.Code} {p.Name} {p.Field}").Contains(folded))
                               && (string.IsNullOrEmpty(field) || p.Field == field))
            .Select(p => new ProcedureSummary(p.Code, p.Name, p.Field, p.TimeLimitDays, p.Fee, p.OnlineLevel)).ToList();
    }

    public Task<Procedure?> DetailAsync(int unitId, string code) => Posted(unitId).FirstOrDefaultAsync(p => p.Code == code);

    /// <summary>The forms of a posted procedure (public): names and ids, not the bytes.</summary>
    public async Task<List<(int Id, string Name, string FileName, long Size)>> FormsAsync(int procedureId) =>
        (await db.ProcedureForms.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(f => f.ProcedureId == procedureId)
            .OrderBy(f => f.Name).Select(f => new { f.Id, f.Name, f.FileName, f.Size }).ToListAsync())
        .Select(f => (f.Id, f.Name, f.FileName, f.Size)).ToList();

    public Task<ProcedureForm?> FormAsync(int procedureId, int formId) =>
        db.ProcedureForms.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().FirstOrDefaultAsync(f => f.Id == formId && f.ProcedureId == procedureId);

    /// <summary>Copies the province's template procedures the commune does not have yet; returns how many.</summary>
    public async Task<int> CopyFromProvinceAsync(AdministrativeUnit commune)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.Level <= UnitLevel.Commune).ToDictionaryAsync(u => u.Id);
        var province = UnitQueries.ProvinceOf(commune, units);
        if (province is null) return 0;
        return await CopyMissingAsync(province.Id, commune.Id);
    }

    /// <summary>
    /// Copies the procedures (with their forms) of one unit that another lacks, by code: a province's template, or a pilot
    /// commune's catalog when the model is replicated. Nothing the receiving commune has is changed.
    /// </summary>
    public async Task<int> CopyMissingAsync(int fromUnitId, int toUnitId)
    {
        var have = await db.Procedures.IgnoreQueryFilters([AppDbContext.UnitFilter]).Where(p => p.UnitId == toUnitId).Select(p => p.Code).ToListAsync();
        var templates = await db.Procedures.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(p => p.UnitId == fromUnitId && !have.Contains(p.Code)).ToListAsync();
        var templateIds = templates.Select(t => t.Id).ToList();
        var forms = await db.ProcedureForms.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(f => templateIds.Contains(f.ProcedureId)).ToListAsync();
        var copies = new List<(Procedure Copy, int TemplateId)>();
        foreach (var t in templates)
        {
            var templateId = t.Id;
            t.Id = 0;
            t.UnitId = toUnitId;
            t.Version = 0;
            db.Procedures.Add(t);
            copies.Add((t, templateId));
        }
        await db.SaveChangesAsync();
        // The template's forms come along with its procedures.
        foreach (var (copy, templateId) in copies)
            foreach (var f in forms.Where(f => f.ProcedureId == templateId))
                db.ProcedureForms.Add(new ProcedureForm
                {
                    UnitId = toUnitId, ProcedureId = copy.Id, Name = f.Name, FileName = f.FileName, ContentType = f.ContentType, Size = f.Size, Content = f.Content,
                });
        await db.SaveChangesAsync();
        return templates.Count;
    }

    public async Task<byte[]> ExportAsync(int unitId)
    {
        var rows = (await db.Procedures.AsNoTracking().Where(p => p.UnitId == unitId).OrderBy(p => p.Field).ThenBy(p => p.Code).ToListAsync())
            .Select(p => new CatalogRow
            {
                Code = p.Code, Name = p.Name, Field = p.Field, TimeLimit = p.TimeLimitDays?.ToString("0.#", CultureInfo.InvariantCulture),
                Fee = p.Fee, Result = p.Result, WhoMayApply = p.WhoMayApply, OnlineLevel = OnlineNames[p.OnlineLevel], LegalBasis = p.LegalBasis,
                ApplicantSteps = p.ApplicantSteps,
                Documents = string.Join("\n", p.Documents.Select(d => $"{d.Name} | {d.Originals} | {d.Copies} | {d.Form}")),
                Workflow = string.Join("\n", p.Workflow.Select(s => $"{s.Name} | {s.Role} | {s.BudgetDays.ToString(CultureInfo.InvariantCulture)}"
                    + (s.Official is null ? "" : $" | {s.Official}"))),
            }).ToList();
        return await Spreadsheets.BytesAsync(rows, "Thủ tục hành chính");
    }

    /// <summary>
    /// Reads a spreadsheet in the export's layout and adds or updates the commune's procedures by code. Every row is checked
    /// first; one bad row and nothing is saved, with the row number and the reason.
    /// </summary>
    public async Task<Outcome<int>> ImportAsync(int unitId, Stream xlsx)
    {
        var serving = await officials.OfAsync([unitId], Roles.CommuneStaff);
        Official? Named(string login) => serving.FirstOrDefault(o => string.Equals(o.UserName, login, StringComparison.OrdinalIgnoreCase));
        List<CatalogRow> rows;
        try
        {
            rows = (await xlsx.QueryAsync<CatalogRow>()).ToList();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or InvalidOperationException or System.Xml.XmlException)
        {
            return Outcome<int>.Invalid([new("File", "Không đọc được tệp: hãy dùng tệp Excel (.xlsx) xuất từ danh mục.")]);
        }
        var errors = new List<RuleViolation>();
        var parsed = new List<Procedure>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var line = i + 2; // row 1 is the header
            if (string.IsNullOrWhiteSpace(r.Code) && string.IsNullOrWhiteSpace(r.Name)) continue;
            if (string.IsNullOrWhiteSpace(r.Code) || !CodePattern().IsMatch(r.Code.Trim())) errors.Add(new("File", $"Dòng {line}: mã thủ tục không hợp lệ."));
            if (string.IsNullOrWhiteSpace(r.Name)) errors.Add(new("File", $"Dòng {line}: thiếu tên thủ tục."));
            if (string.IsNullOrWhiteSpace(r.Field)) errors.Add(new("File", $"Dòng {line}: thiếu lĩnh vực."));
            decimal? days = null;
            if (!string.IsNullOrWhiteSpace(r.TimeLimit))
            {
                if (decimal.TryParse(r.TimeLimit.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d > 0 && d <= 365 && d * 2 == Math.Floor(d * 2)) days = d;
                else errors.Add(new("File", $"Dòng {line}: thời hạn phải là số ngày làm việc (bội của 0,5) hoặc để trống."));
            }
            var level = OnlineNames.FirstOrDefault(kv => kv.Value == (r.OnlineLevel ?? "không").Trim().ToLowerInvariant());
            if (level.Value is null) errors.Add(new("File", $"Dòng {line}: mức trực tuyến là “không”, “một phần” hoặc “toàn trình”."));
            var docs = ParseLines(r.Documents, 4, line, "thành phần hồ sơ", errors)
                .Select(p => new ProcedureDocument(p[0], Int(p, 1), Int(p, 2), p.Length > 3 && p[3].Length > 0 ? p[3] : null)).ToList();
            var steps = ParseLines(r.Workflow, 4, line, "quy trình", errors)
                .Select(p => new ProcedureStep(p[0], p.Length > 1 && Roles.All.Contains(p[1]) ? p[1] : Roles.Specialist,
                    p.Length > 2 && decimal.TryParse(p[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var b) ? b : 0.5m,
                    p.Length > 3 && p[3].Length > 0 ? p[3] : null)).ToList();
            // An official named for a step must serve the commune in that step's role.
            foreach (var s in steps.Where(s => s.Official is not null))
                if (Named(s.Official!) is not { } o || !o.Roles.Contains(s.Role))
                    errors.Add(new("File", $"Dòng {line}: “{s.Official}” không phải tên đăng nhập của cán bộ xã đảm nhận bước “{s.Name}”."));
            steps = [.. steps.Select(s => s.Official is not null && Named(s.Official) is { UserName: { } login } ? s with { Official = login } : s)];
            parsed.Add(new Procedure
            {
                UnitId = unitId, Code = r.Code?.Trim() ?? "", Name = r.Name?.Trim() ?? "", Field = r.Field?.Trim() ?? "", TimeLimitDays = days,
                Fee = r.Fee?.Trim(), Result = r.Result?.Trim(), WhoMayApply = r.WhoMayApply?.Trim(), OnlineLevel = level.Key,
                LegalBasis = r.LegalBasis?.Trim(), ApplicantSteps = r.ApplicantSteps?.Trim(), Online = level.Key != OnlineLevel.None,
                Documents = docs, Workflow = steps,
            });
        }
        foreach (var dup in parsed.GroupBy(p => p.Code).Where(g => g.Count() > 1))
            errors.Add(new("File", $"Mã {dup.Key} xuất hiện nhiều lần trong tệp."));
        if (parsed.Count == 0 && errors.Count == 0) errors.Add(new("File", "Tệp không có dòng thủ tục nào."));
        if (errors.Count > 0) return Outcome<int>.Invalid(errors);

        var existing = await db.Procedures.Where(p => p.UnitId == unitId).ToDictionaryAsync(p => p.Code);
        foreach (var p in parsed)
        {
            if (!existing.TryGetValue(p.Code, out var row)) { db.Procedures.Add(p); continue; }
            (row.Name, row.Field, row.TimeLimitDays, row.Fee, row.Result, row.WhoMayApply, row.OnlineLevel, row.Online, row.LegalBasis, row.ApplicantSteps) =
                (p.Name, p.Field, p.TimeLimitDays, p.Fee, p.Result, p.WhoMayApply, p.OnlineLevel, p.Online, p.LegalBasis, p.ApplicantSteps);
            row.DocumentsJson = p.DocumentsJson;
            row.WorkflowJson = p.WorkflowJson;
        }
        await db.SaveChangesAsync();
        return Outcome<int>.Success(parsed.Count);
    }

    /// <summary>The QR code of a page address, as inline SVG: prints sharp on the A4 posting sheet.</summary>
    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    private static IEnumerable<string[]> ParseLines(string? text, int max, int line, string what, List<RuleViolation> errors)
    {
        foreach (var raw in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split('|').Select(p => p.Trim()).ToArray();
            if (parts.Length > max || parts[0].Length == 0) { errors.Add(new("File", $"Dòng {line}: {what} “{raw}” không đúng dạng.")); continue; }
            yield return parts;
        }
    }

    private static int Int(string[] parts, int i) => parts.Length > i && int.TryParse(parts[i], out var n) && n >= 0 ? n : 0;

    [GeneratedRegex(@"^[0-9A-Za-z.\-]{1,30}$")]
    private static partial Regex CodePattern();
}
