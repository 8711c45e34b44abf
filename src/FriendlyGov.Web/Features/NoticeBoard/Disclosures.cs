using System.Security.Claims;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Dossiers;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.NoticeBoard;

public sealed class DisclosureInput
{
    public DisclosureCategory Category { get; set; } = DisclosureCategory.Other;
    public string? Title { get; set; }
    public string? DocumentNumber { get; set; }
    public DateOnly? DocumentDate { get; set; }
    public string? Summary { get; set; }
    /// <summary>Empty: the category's default.</summary>
    public int? PostingDays { get; set; }
    public int Version { get; set; }
}

public sealed record DisclosureFileInfo(long Id, string FileName, string ContentType, long Size)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
    public bool IsPdf => ContentType == "application/pdf";
}

public sealed record DisclosureView(Core.Data.Disclosure Item, DisclosureState State, DateOnly? FulfilledOn, List<DisclosureFileInfo> Files,
    List<string[]>? Table, List<Core.Data.Disclosure> History);

/// <summary>
/// Bảng công khai điện tử: the commune's staff prepare disclosures, the leader posts them for at least the legal period, takes
/// one down early with a reason, archives it after the period, and corrects it by posting a new version. The public reads
/// everything ever posted, with the history.
/// </summary>
public sealed class Disclosures(AppDbContext db, IUnitScope scope, UnitAccess access, TimeProvider clock)
{
    public const int MaxFiles = 10;
    public const int MaxFileBytes = 10 * 1024 * 1024;

    private DateOnly Today => DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));


    // ---- reading -------------------------------------------------------------------------------------------------

    /// <summary>What the public sees: every disclosure of the commune ever posted. By default only those on the board now.</summary>
    public async Task<List<(Core.Data.Disclosure Item, DisclosureState State)>> PublicListAsync(int unitId, DisclosureCategory? category, int? year, string? q, bool history)
    {
        var query = db.Disclosures.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(d => d.UnitId == unitId && d.PostedOn != null);
        if (category is { } c) query = query.Where(d => d.Category == c);
        if (year is int y) query = query.Where(d => d.PostedOn >= new DateOnly(y, 1, 1) && d.PostedOn <= new DateOnly(y, 12, 31));
        foreach (var word in VietnameseText.Fold(q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
            query = query.Where(d => d.SearchText.Contains(word));
        var rows = await query.OrderByDescending(d => d.PostedOn).ThenByDescending(d => d.Id).Take(500).ToListAsync();
        var today = Today;
        return rows.Select(d => (d, d.StateOn(today)))
            .Where(x => history || x.Item2 is DisclosureState.Posted or DisclosureState.PeriodFulfilled).ToList();
    }

    /// <summary>One disclosure: for the public once posted; for the commune's staff (and its supervisors) also as a draft.</summary>
    public async Task<DisclosureView?> ViewAsync(int id, bool staffView)
    {
        var d = staffView
            ? await db.Disclosures.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id)
            : await db.Disclosures.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.PostedOn != null);
        if (d is null) return null;
        var files = await db.DisclosureFiles.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(f => f.DisclosureId == d.Id)
            .OrderBy(f => f.Id).Select(f => new DisclosureFileInfo(f.Id, f.FileName, f.ContentType, f.Size)).ToListAsync();
        // The chain of versions: walk back through PreviousId, forward through SupersededById.
        var history = new List<Core.Data.Disclosure>();
        var all = db.Disclosures.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking();
        for (var prev = d.PreviousId; prev is int p && history.Count < 50;)
        {
            var x = await all.FirstAsync(r => r.Id == p);
            history.Add(x);
            prev = x.PreviousId;
        }
        for (var next = d.SupersededById; next is int n && history.Count < 100;)
        {
            var x = await all.FirstAsync(r => r.Id == n);
            history.Insert(0, x);
            next = x.SupersededById;
        }
        if (!staffView) history = history.Where(h => h.PostedOn is not null).ToList();
        var table = d.TableJson is null ? null : JsonSerializer.Deserialize<List<string[]>>(d.TableJson);
        return new DisclosureView(d, d.StateOn(Today), d.PostedOn is DateOnly on ? DisclosureRules.FulfilledOn(on, d.PostingDays) : null, files, table,
            history.OrderByDescending(h => h.Number).ToList());
    }

    public async Task<List<(Core.Data.Disclosure Item, DisclosureState State)>> StaffListAsync(int unitId)
    {
        var today = Today;
        return (await db.Disclosures.AsNoTracking().Where(d => d.UnitId == unitId).OrderByDescending(d => d.CreatedAt).Take(500).ToListAsync())
            .Select(d => (d, d.StateOn(today))).ToList();
    }

    /// <summary>An attachment: public once its disclosure was posted; the commune's staff and supervisors always.</summary>
    public async Task<DisclosureFile?> FileAsync(long id)
    {
        var f = await db.DisclosureFiles.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (f is null) return null;
        // A notice taken down stays on the board with its reason, but what it published is no longer handed out to the public.
        var posted = await db.Disclosures.IgnoreQueryFilters([AppDbContext.UnitFilter])
            .AnyAsync(d => d.Id == f.DisclosureId && d.PostedOn != null && d.TakenDownAt == null);
        return posted || scope.IsRestricted && scope.ReadableUnitIds.Contains(f.UnitId) || !scope.IsRestricted && scope.ActorId is not null ? f : null;
    }

    // ---- writing -------------------------------------------------------------------------------------------------

    private async Task<(Core.Data.Disclosure? Item, Outcome<T>? Refusal)> OwnAsync<T>(AdministrativeUnit unit, int id, ClaimsPrincipal actor, bool leaderOnly, int? version)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return (null, Outcome<T>.NotFound());
        var d = await db.Disclosures.FirstOrDefaultAsync(x => x.Id == id && x.UnitId == unit.Id);
        if (d is null) return (null, Outcome<T>.NotFound());
        if (leaderOnly && !await access.MayAsync(actor, unit.Id, UnitOperations.Lead)) return (null, Outcome<T>.Invalid([new("Role", "Chỉ lãnh đạo UBND xã quyết định niêm yết, gỡ, lưu trữ, đính chính.")]));
        if (version is int v) RefusedException.IfStale(v, d.Version, "Tin công khai");
        return (d, null);
    }

    private static List<RuleViolation> Check(DisclosureInput input)
    {
        var errors = new List<RuleViolation>();
        if (!Enum.IsDefined(input.Category)) errors.Add(new(nameof(input.Category), "Chọn nhóm nội dung công khai."));
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 300) errors.Add(new(nameof(input.Title), "Nhập tiêu đề (tối đa 300 ký tự)."));
        if (string.IsNullOrWhiteSpace(input.Summary) || input.Summary.Trim().Length > 8000) errors.Add(new(nameof(input.Summary), "Nhập nội dung tóm tắt (tối đa 8.000 ký tự)."));
        if (input.DocumentNumber?.Trim().Length > 50) errors.Add(new(nameof(input.DocumentNumber), "Số văn bản tối đa 50 ký tự."));
        if (Enum.IsDefined(input.Category) && DisclosureRules.PeriodProblem(input.Category, input.PostingDays ?? DisclosureRules.Info(input.Category).DefaultDays) is { } p)
            errors.Add(new(nameof(input.PostingDays), p));
        return errors;
    }

    private static void Apply(Core.Data.Disclosure d, DisclosureInput input)
    {
        (d.Category, d.Title, d.DocumentNumber, d.DocumentDate, d.Summary) = (input.Category, input.Title!.Trim(),
            Blank(input.DocumentNumber), input.DocumentDate, input.Summary!.Trim());
        d.PostingDays = input.PostingDays ?? DisclosureRules.Info(input.Category).DefaultDays;
        d.SearchText = VietnameseText.Fold($"{d.Title} {d.DocumentNumber} {d.Summary}");
    }

    public async Task<Outcome<Core.Data.Disclosure>> CreateAsync(AdministrativeUnit unit, DisclosureInput input, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return Outcome<Core.Data.Disclosure>.NotFound();
        if (Check(input) is { Count: > 0 } errors) return Outcome<Core.Data.Disclosure>.Invalid(errors);
        var d = new Core.Data.Disclosure { UnitId = unit.Id, Title = "", Summary = "", CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = scope.ActorName };
        Apply(d, input);
        db.Disclosures.Add(d);
        await db.SaveChangesAsync();
        return Outcome<Core.Data.Disclosure>.Success(d);
    }

    /// <summary>Only a draft changes; what was posted is corrected by a new version.</summary>
    public async Task<Outcome<Core.Data.Disclosure>> UpdateAsync(AdministrativeUnit unit, int id, DisclosureInput input, ClaimsPrincipal actor)
    {
        var (d, refusal) = await OwnAsync<Core.Data.Disclosure>(unit, id, actor, leaderOnly: false, input.Version);
        if (d is null) return refusal!;
        if (d.PostedOn is not null) return Outcome<Core.Data.Disclosure>.Invalid([new("Title", "Nội dung đã niêm yết không sửa được: lập bản đính chính.")]);
        if (Check(input) is { Count: > 0 } errors) return Outcome<Core.Data.Disclosure>.Invalid(errors);
        Apply(d, input);
        await db.SaveChangesAsync();
        return Outcome<Core.Data.Disclosure>.Success(d);
    }

    /// <summary>Posted today. Posting a correction marks the version it corrects as superseded.</summary>
    public async Task<Outcome<Core.Data.Disclosure>> PostAsync(AdministrativeUnit unit, int id, int version, ClaimsPrincipal actor)
    {
        var (d, refusal) = await OwnAsync<Core.Data.Disclosure>(unit, id, actor, leaderOnly: true, version);
        if (d is null) return refusal!;
        if (d.Post(Today, scope.ActorName) is { } refused) return Outcome<Core.Data.Disclosure>.Refused(refused);
        await using var tx = await db.Database.BeginWorkAsync();
        if (d.PreviousId is int prev) (await db.Disclosures.FirstAsync(x => x.Id == prev)).SupersedeBy(d);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Outcome<Core.Data.Disclosure>.Success(d);
    }

    /// <summary>Gỡ trước hạn: only while on the board and before its period ends, with the reason; the row stays in the history.</summary>
    public async Task<Outcome<Core.Data.Disclosure>> TakeDownAsync(AdministrativeUnit unit, int id, string? reason, int version, ClaimsPrincipal actor)
    {
        var (d, refusal) = await OwnAsync<Core.Data.Disclosure>(unit, id, actor, leaderOnly: true, version);
        if (d is null) return refusal!;
        if (d.TakeDown(Today, clock.GetUtcNow().UtcDateTime, reason, scope.ActorName) is { } refused) return Outcome<Core.Data.Disclosure>.Refused(refused);
        await db.SaveChangesAsync();
        return Outcome<Core.Data.Disclosure>.Success(d);
    }

    public async Task<Outcome<Core.Data.Disclosure>> ArchiveAsync(AdministrativeUnit unit, int id, int version, ClaimsPrincipal actor)
    {
        var (d, refusal) = await OwnAsync<Core.Data.Disclosure>(unit, id, actor, leaderOnly: true, version);
        if (d is null) return refusal!;
        if (d.Archive(Today, clock.GetUtcNow().UtcDateTime) is { } refused) return Outcome<Core.Data.Disclosure>.Refused(refused);
        await db.SaveChangesAsync();
        return Outcome<Core.Data.Disclosure>.Success(d);
    }

    /// <summary>Đính chính: a draft copy (attachments and table included) to change and post; the posted one stays until then.</summary>
    public async Task<Outcome<Core.Data.Disclosure>> CorrectAsync(AdministrativeUnit unit, int id, ClaimsPrincipal actor)
    {
        var (d, refusal) = await OwnAsync<Core.Data.Disclosure>(unit, id, actor, leaderOnly: false, null);
        if (d is null) return refusal!;
        if (d.RefusesCorrection() is { } refused) return Outcome<Core.Data.Disclosure>.Refused(refused);
        if (await db.Disclosures.AnyAsync(x => x.PreviousId == d.Id))
            return Outcome<Core.Data.Disclosure>.Invalid([new("Title", "Đã có bản đính chính đang soạn cho nội dung này.")]);
        var copy = new Core.Data.Disclosure
        {
            UnitId = unit.Id, Category = d.Category, Title = d.Title, DocumentNumber = d.DocumentNumber, DocumentDate = d.DocumentDate, Summary = d.Summary,
            SearchText = d.SearchText, PostingDays = d.PostingDays, Number = d.Number + 1, PreviousId = d.Id, TableJson = d.TableJson,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = scope.ActorName,
        };
        await using var tx = await db.Database.BeginWorkAsync();
        db.Disclosures.Add(copy);
        await db.SaveChangesAsync();
        foreach (var f in await db.DisclosureFiles.AsNoTracking().Where(f => f.DisclosureId == d.Id).ToListAsync())
            db.DisclosureFiles.Add(new DisclosureFile { UnitId = unit.Id, DisclosureId = copy.Id, FileName = f.FileName, ContentType = f.ContentType, Size = f.Size, Content = f.Content, StoreKey = f.StoreKey });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Outcome<Core.Data.Disclosure>.Success(copy);
    }

    /// <summary>
    /// An attachment to a draft: PDF, image (re-encoded, metadata removed) or Excel (.xlsx). With <paramref name="asTable"/>, the
    /// first table of an Excel file also becomes the disclosure's table (<see cref="WorkbookTables"/>).
    /// </summary>
    public async Task<Outcome<DisclosureFileInfo>> AttachAsync(AdministrativeUnit unit, int id, FileUpload? upload, bool asTable, ClaimsPrincipal actor)
    {
        var (d, refusal) = await OwnAsync<DisclosureFileInfo>(unit, id, actor, leaderOnly: false, null);
        if (d is null) return refusal!;
        if (d.PostedOn is not null) return Outcome<DisclosureFileInfo>.Invalid([new("File", "Nội dung đã niêm yết: thêm tệp vào bản đính chính.")]);
        if (upload is null || upload.Content.Length == 0) return Outcome<DisclosureFileInfo>.Invalid([new("File", "Chọn tệp để tải lên.")]);
        if (upload.Content.Length > MaxFileBytes) return Outcome<DisclosureFileInfo>.Invalid([new("File", "Tệp lớn hơn 10 MB.")]);
        if (await db.DisclosureFiles.CountAsync(f => f.DisclosureId == d.Id) >= MaxFiles)
            return Outcome<DisclosureFileInfo>.Invalid([new("File", $"Mỗi nội dung tối đa {MaxFiles} tệp.")]);
        var (clean, refused) = FileUploads.ImageOrPdf(upload);
        if (refused is not null) return Outcome<DisclosureFileInfo>.Invalid([new("File", refused)]);
        var name = clean?.FileName ?? Uploads.CleanName(upload.FileName);
        var (content, type) = (clean?.Content ?? upload.Content, clean?.ContentType);
        if (type is null && upload.Content.AsSpan().StartsWith(new byte[] { 0x50, 0x4B, 0x03, 0x04 }) && name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            type = Shared.Spreadsheets.ContentType;
        if (type is null) return Outcome<DisclosureFileInfo>.Invalid([new("File", $"Tệp “{name}” không phải PDF, ảnh (JPG, PNG, WebP) hoặc Excel (.xlsx).")]);
        if (asTable)
        {
            if (!type.Contains("spreadsheet")) return Outcome<DisclosureFileInfo>.Invalid([new("File", "Chỉ tệp Excel (.xlsx) mới lấy được bảng số liệu.")]);
            var (table, problem) = WorkbookTables.Read(content);
            if (table is null) return Outcome<DisclosureFileInfo>.Invalid([new("File", problem!)]);
            d.TableJson = JsonSerializer.Serialize(table);
        }
        var f = new DisclosureFile { UnitId = unit.Id, DisclosureId = d.Id, FileName = name, ContentType = type, Size = content.Length, Content = content };
        db.DisclosureFiles.Add(f);
        await db.SaveChangesAsync();
        return Outcome<DisclosureFileInfo>.Success(new DisclosureFileInfo(f.Id, f.FileName, f.ContentType, f.Size));
    }

    /// <summary>How many notices each commune posted since a day (the roll-out's column for public disclosure).</summary>
    public async Task<Dictionary<int, int>> PostedSinceAsync(IReadOnlyCollection<int> unitIds, DateOnly since) =>
        (await db.Disclosures.AsNoTracking().Where(d => unitIds.Contains(d.UnitId) && d.PostedOn >= since).Select(d => d.UnitId).ToListAsync())
            .CountBy(x => x).ToDictionary();
}
