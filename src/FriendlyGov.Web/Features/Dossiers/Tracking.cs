using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

public sealed record TrackingStepDto(DateTime At, string What, string Status, string? Note);
/// <summary>What anyone holding the tracking link sees: never the ID number, never the full phone.</summary>
public sealed record TrackingDto(string Code, string Procedure, string Commune, string Status, DateTime ReceivedAt, DateTime? AppointedAt,
    string? AppointedText, string ApplicantInitials, List<TrackingStepDto> Steps, string? ApologyReason, string? ApologyNewDateText,
    bool CanRate, bool Rated, string? RatingUrl);

/// <summary>A lookup by code and phone digits: the timeline, or nothing, or "this code was asked too often" (for any code).</summary>
public sealed record CodeLookup(TrackingDto? Dossier, bool Limited);

/// <summary>Compile-time JSON for the public's most frequent answers (tracking) and the counter's (intake).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(TrackingDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(DossierDto))]
internal sealed partial class DossierJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>
/// Lookups per dossier code, whoever asks (one per app instance): a code is predictable (unit, date, sequence), the four
/// digits are 10,000 guesses; ten tries an hour per code make guessing one take weeks, while a citizen checking their own is
/// never held back. Counted for any code string, existing or not, so being limited says nothing about whether it exists.
/// </summary>
public sealed class TrackingLimits : IDisposable
{
    private System.Threading.RateLimiting.PartitionedRateLimiter<string> PerCode { get; } =
        System.Threading.RateLimiting.PartitionedRateLimiter.Create<string, string>(code =>
            System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(code, _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
            {
                PermitLimit = 10, Window = TimeSpan.FromHours(1), QueueLimit = 0,
            }));

    /// <summary>One more lookup of this code (dossier or petition, as typed, any case); false when it is held back.</summary>
    public bool Allow(string code)
    {
        using var lease = PerCode.AttemptAcquire(code.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => PerCode.Dispose();
}

/// <summary>Tra cứu hồ sơ: by code and the phone's last four digits, or by the receipt's QR link.</summary>
public sealed class Tracking(AppDbContext db, TrackingLimits limits, TrackingCache cache)
{
    /// <summary>Public reads lift the tenant filter for this dossier alone, found by its unguessable key or code + phone digits.</summary>
    private IQueryable<Dossier> All => db.Dossiers.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking();

    /// <summary>The dossier a receipt's key names (its citizen's own pages), or none for a blank or overlong key.</summary>
    public async Task<Dossier?> DossierByKeyAsync(string? key) =>
        string.IsNullOrWhiteSpace(key) || key.Length > 64 ? null : await All.FirstOrDefaultAsync(d => d.TrackingKey == key);

    /// <summary>
    /// The whole timeline in one compiled query (the public's most frequent request): only the columns the page shows, the
    /// commune's name, the steps and whether it was rated.
    /// </summary>
    public async Task<TrackingDto?> ByKeyAsync(string key)
    {
        // The timeline is cached, not the answer: its wording (dates) follows each reader's language.
        if (!cache.TryGet(key, out Cached? hit))
        {
            var readAt = cache.Generation;
            if (await TimelineByKey.For(db)(db, key) is not { } row) return null;
            hit = Cached.From(row, await db.CachedAsync("unit-name:" + row.UnitId, () => UnitName(db, row.UnitId)) ?? "");
            cache.Store(key, row.Id, hit, readAt);
        }
        return ToDto(hit!, key);
    }

    private static async Task<string?> UnitName(AppDbContext db, int unitId) =>
        await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Type, u.Name }).FirstOrDefaultAsync() is { } u
            ? UnitTypes.FullName(u.Type, u.Name) : null;

    private static readonly string[] UnitFilterOnly = [AppDbContext.UnitFilter];

    /// <summary>
    /// What the cache keeps of a timeline: only what the page shows, in as few objects as it can (a national portal holds a
    /// hundred thousand of them). The applicant's initials, not the name; a step's note only where the citizen is shown it;
    /// the apology only once approved; the procedure's and the commune's names shared by every dossier that has them.
    /// </summary>
    private sealed record Cached(string Code, string Procedure, string Commune, DossierStatus Status, DateTime ReceivedAt, DateTime? AppointedAt,
        string Initials, string? Apology, DateTime? ApologyNewDate, bool Rated, CachedStep[] Steps)
    {
        public static Cached From(TimelineRow d, string commune)
        {
            var approved = d.ApologyApprovedAt is not null;
            return new(d.Code, string.Intern(d.ProcedureName), commune, d.Status, d.ReceivedAt, d.AppointedAt, Tracking.Initials(d.ApplicantName),
                approved ? d.ApologyReason : null, approved ? d.ApologyNewDate : null, d.Rated,
                [.. d.Steps.Select(s => new CachedStep(s.At, s.Action, s.Status, NoteShown(s.Action) ? s.Note : null))]);
        }
    }

    private readonly record struct CachedStep(DateTime At, DossierAction Action, DossierStatus Status, string? Note);

    /// <summary>The only steps whose note the citizen reads: why it was refused, stopped, or what to bring.</summary>
    private static bool NoteShown(DossierAction a) => a is DossierAction.Refuse or DossierAction.RequestSupplement or DossierAction.Stop;

    private sealed record StepRow(DateTime At, DossierAction Action, DossierStatus Status, string? Note);

    private sealed record TimelineRow(int Id, string Code, string ProcedureName, DossierStatus Status, DateTime ReceivedAt,
        DateTime? AppointedAt, string ApplicantName, DateTime? ApologyApprovedAt, string? ApologyReason, DateTime? ApologyNewDate,
        int UnitId, bool Rated, List<StepRow> Steps);

    private static readonly PerModel<Func<AppDbContext, string, Task<TimelineRow?>>> TimelineByKey = new(() => EF.CompileAsyncQuery((AppDbContext db, string key) =>
        db.Dossiers.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking().Where(d => d.TrackingKey == key)
            .Select(d => new TimelineRow(d.Id, d.Code, d.ProcedureName, d.Status, d.ReceivedAt, d.AppointedAt, d.ApplicantName,
                d.ApologyApprovedAt, d.ApologyReason, d.ApologyNewDate,
                d.UnitId,
                db.Ratings.IgnoreQueryFilters(UnitFilterOnly).Any(r => r.DossierId == d.Id),
                db.DossierSteps.IgnoreQueryFilters(UnitFilterOnly).Where(s => s.DossierId == d.Id && s.Action != DossierAction.Assign).OrderBy(s => s.At).ThenBy(s => s.Id)
                    .Select(s => new StepRow(s.At, s.Action, s.Status, s.Note)).ToList()))
            .FirstOrDefault()));

    /// <summary>
    /// The timeline found by code and the phone's last four digits. It never carries the receipt's key: the rating stays
    /// bound to the paper the citizen holds (its QR code), so guessing the digits does not let anyone rate in their place.
    /// </summary>
    public async Task<CodeLookup> ByCodeAsync(string? code, string? phoneLast4)
    {
        var normalized = code?.Trim().ToUpperInvariant() ?? "";
        if (normalized.Length is 0 or > 40) return new(null, false);
        if (!limits.Allow(normalized)) return new(null, true);
        if (phoneLast4 is not { Length: 4 } || !phoneLast4.All(char.IsAsciiDigit)) return new(null, false);
        // Typed the way people type it: "000.30.12.h18-261201-0001" finds the dossier as printed.
        var d = await All.Where(x => x.Code == normalized).Select(x => new { x.Phone, x.TrackingKey }).FirstOrDefaultAsync();
        if (d is null || !d.Phone.EndsWith(phoneLast4, StringComparison.Ordinal)) return new(null, false);
        return new((await ByKeyAsync(d.TrackingKey))! with { RatingUrl = null }, false);
    }

    private static TrackingDto ToDto(Cached d, string key)
    {
        DateTime? appointed = d.AppointedAt is DateTime a ? VietnamTime.FromUtc(a) : null;
        return new TrackingDto(d.Code, d.Procedure, d.Commune, DossierLifecycle.VietnameseName(d.Status),
            VietnamTime.FromUtc(d.ReceivedAt), appointed, appointed is DateTime x ? VietnameseDates.Long(x) : null, d.Initials,
            [.. d.Steps.Select(s => new TrackingStepDto(VietnamTime.FromUtc(s.At), ForCitizen(s.Action), DossierLifecycle.VietnameseName(s.Status), s.Note))],
            // Only an apology the leader approved is shown to the citizen (Cached keeps no other).
            d.Apology, d.ApologyNewDate is DateTime n ? VietnameseDates.Long(VietnamTime.FromUtc(n)) : null,
            Satisfaction.Ratings.CanRate(d.Status), d.Rated, $"/danh-gia/{key}");
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
