using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

public sealed record TrackingStepDto(DateTime At, string What, string Status, string? Note);
/// <summary>What anyone holding the tracking link sees: never the ID number, never the full phone.</summary>
public sealed record TrackingDto(string Code, string Procedure, string Commune, string Status, DateTime ReceivedAt, DateTime? AppointedAt,
    string? AppointedText, string ApplicantInitials, List<TrackingStepDto> Steps, string? ApologyReason, string? ApologyNewDateText,
    bool CanRate, bool Rated, string RatingUrl);

/// <summary>Compile-time JSON for the public's most frequent answers (tracking) and the counter's (intake).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(TrackingDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(DossierDto))]
internal sealed partial class DossierJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>Tra cứu hồ sơ: by code and the phone's last four digits, or by the receipt's QR link.</summary>
public sealed class Tracking(AppDbContext db)
{
    /// <summary>Public reads lift the tenant filter for this dossier alone, found by its unguessable key or code + phone digits.</summary>
    private IQueryable<Dossier> All => db.Dossiers.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking();

    /// <summary>
    /// The whole timeline in one compiled query (the public's most frequent request): only the columns the page shows, the
    /// commune's name, the steps and whether it was rated.
    /// </summary>
    public async Task<TrackingDto?> ByKeyAsync(string key)
    {
        if (await TimelineByKey.For(db)(db, key) is not { } row) return null;
        var commune = await db.CachedAsync("unit-name:" + row.UnitId, () => UnitName(db, row.UnitId));
        return ToDto(row, commune ?? "");
    }

    private static async Task<string?> UnitName(AppDbContext db, int unitId) =>
        await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Type, u.Name }).FirstOrDefaultAsync() is { } u
            ? UnitTypes.FullName(u.Type, u.Name) : null;

    private static readonly string[] UnitFilterOnly = [AppDbContext.UnitFilter];

    private sealed record StepRow(DateTime At, DossierAction Action, DossierStatus Status, string? Note);

    private sealed record TimelineRow(string Code, string TrackingKey, string ProcedureName, DossierStatus Status, DateTime ReceivedAt,
        DateTime? AppointedAt, string ApplicantName, DateTime? ApologyApprovedAt, string? ApologyReason, DateTime? ApologyNewDate,
        int UnitId, bool Rated, List<StepRow> Steps);

    private static readonly PerModel<Func<AppDbContext, string, Task<TimelineRow?>>> TimelineByKey = new(() => EF.CompileAsyncQuery((AppDbContext db, string key) =>
        db.Dossiers.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking().Where(d => d.TrackingKey == key)
            .Select(d => new TimelineRow(d.Code, d.TrackingKey, d.ProcedureName, d.Status, d.ReceivedAt, d.AppointedAt, d.ApplicantName,
                d.ApologyApprovedAt, d.ApologyReason, d.ApologyNewDate,
                d.UnitId,
                db.Ratings.IgnoreQueryFilters(UnitFilterOnly).Any(r => r.DossierId == d.Id),
                db.DossierSteps.IgnoreQueryFilters(UnitFilterOnly).Where(s => s.DossierId == d.Id).OrderBy(s => s.At).ThenBy(s => s.Id)
                    .Select(s => new StepRow(s.At, s.Action, s.Status, s.Note)).ToList()))
            .FirstOrDefault()));

    public async Task<string?> KeyByCodeAsync(string? code, string? phoneLast4)
    {
        if (string.IsNullOrWhiteSpace(code) || phoneLast4 is not { Length: 4 } || !phoneLast4.All(char.IsAsciiDigit)) return null;
        var d = await All.FirstOrDefaultAsync(x => x.Code == code.Trim());
        return d is not null && d.Phone.EndsWith(phoneLast4, StringComparison.Ordinal) ? d.TrackingKey : null;
    }

    private static TrackingDto ToDto(TimelineRow d, string commune)
    {
        DateTime? appointed = d.AppointedAt is DateTime a ? VietnamTime.FromUtc(a) : null;
        return new TrackingDto(d.Code, d.ProcedureName, commune, DossierLifecycle.VietnameseName(d.Status),
            VietnamTime.FromUtc(d.ReceivedAt), appointed, appointed is DateTime x ? VietnameseDates.Long(x) : null, Initials(d.ApplicantName),
            d.Steps.Select(s => new TrackingStepDto(VietnamTime.FromUtc(s.At), ForCitizen(s.Action), DossierLifecycle.VietnameseName(s.Status),
                s.Action is DossierAction.Refuse or DossierAction.RequestSupplement or DossierAction.Stop ? s.Note : null)).ToList(),
            // Only an apology the leader approved is shown to the citizen.
            d.ApologyApprovedAt is null ? null : d.ApologyReason,
            d.ApologyApprovedAt is null || d.ApologyNewDate is not DateTime n ? null : VietnameseDates.Long(VietnamTime.FromUtc(n)),
            Satisfaction.Ratings.CanRate(d.Status), d.Rated, $"/danh-gia/{d.TrackingKey}");
    }

    /// <summary>What happened, as a citizen would say it.</summary>
    public static string ForCitizen(DossierAction a) => a switch
    {
        DossierAction.Accept => "Bộ phận Một cửa tiếp nhận hồ sơ",
        DossierAction.Refuse => "Hồ sơ không được tiếp nhận",
        DossierAction.StartProcessing => "Chuyển công chức chuyên môn xử lý",
        DossierAction.HandOver => "Trình lãnh đạo UBND xã ký duyệt",
        DossierAction.RequestSupplement => "Cần bổ sung giấy tờ",
        DossierAction.Supplement => "Đã nhận giấy tờ bổ sung",
        DossierAction.RequestPayment => "Cần nộp phí, lệ phí",
        DossierAction.Pay => "Đã nộp phí, lệ phí",
        DossierAction.Withdraw => "Người nộp rút hồ sơ",
        DossierAction.Stop => "Dừng giải quyết hồ sơ",
        DossierAction.Complete => "Đã có kết quả, mời đến nhận",
        DossierAction.Return => "Đã trả kết quả",
        _ => a.ToString(),
    };

    /// <summary>"Lò Thị Hoa" → "L. T. H.": enough for the applicant to recognise, nothing for a stranger.</summary>
    public static string Initials(string name) =>
        string.Join(" ", name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpper(w[0]) + "."));
}
