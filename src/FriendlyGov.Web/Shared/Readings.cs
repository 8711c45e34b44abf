using System.Globalization;
using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Who read a citizen's dossier or petition (Decree 13/2023: every access to a dossier is logged, and the citizen may see
/// what is done with their data). Each page, paper and API answer that shows an applicant or a sender to an official
/// records one reading in the unit's audit chain (<see cref="AppDbContext.RecordReadsAsync"/>); the citizen reads the list
/// from their own link (the receipt's, the petition's), the commune's leaders on the record's page.
/// </summary>
public static class Readings
{
    /// <summary>
    /// What was read: a dossier's page, one of its papers, an uploaded paper, a petition's page, the API; the register as a
    /// whole; a clearance project's list of affected households; an applicant's details filled into a new dossier at the counter.
    /// </summary>
    public const string Page = "ho-so", Receipt = "giay-tiep-nhan", Paper = "giay-to", PetitionPage = "phan-anh", Api = "api",
        Register = "so-theo-doi", RegisterExport = "xuat-so", Households = "ho-bi-anh-huong", Reuse = "dien-lai";

    /// <summary>The entity the register's readings are recorded under: it lists many dossiers, so it is one reading of the register.</summary>
    public const string RegisterEntity = "DossierRegister";

    /// <summary>Records that this official read the dossier (its applicant's details in full or masked) through <paramref name="what"/>.</summary>
    public static Task RecordAsync(AppDbContext db, ClaimsPrincipal user, Dossier d, string what, bool inFull, CancellationToken ct = default) =>
        RecordAsync(db, user, d.UnitId, nameof(Dossier), d.Id, what, inFull, ct);

    /// <summary>Records that this official read the petition (its sender's contact in full or masked) through <paramref name="what"/>.</summary>
    public static Task RecordAsync(AppDbContext db, ClaimsPrincipal user, Petition p, string what, bool inFull, CancellationToken ct = default) =>
        RecordAsync(db, user, p.UnitId, nameof(Petition), p.Id, what, inFull, ct);

    private static Task RecordAsync(AppDbContext db, ClaimsPrincipal user, int unitId, string entity, int id, string what, bool inFull, CancellationToken ct) =>
        db.RecordReadsAsync([new AuditRead(unitId, entity, id.ToString(CultureInfo.InvariantCulture), what, inFull)], RoleOf(user), ct);

    /// <summary>
    /// Records that this official read a clearance project's affected households (names, holdings, and phones when
    /// <paramref name="inFull"/>): one entry for the list, whatever its length, and none for a project without households.
    /// </summary>
    public static Task RecordAsync(AppDbContext db, ClaimsPrincipal user, ClearanceProject project, int households, bool inFull, CancellationToken ct = default) =>
        households == 0 ? Task.CompletedTask : RecordAsync(db, user, project.UnitId, nameof(ClearanceProject), project.Id, Households, inFull, ct);

    /// <summary>Records a reading of a commune's register (Mẫu 07) or its export: one entry, whatever the rows.</summary>
    public static Task RecordRegisterAsync(AppDbContext db, ClaimsPrincipal user, int unitId, string what, bool inFull, CancellationToken ct = default) =>
        RecordAsync(db, user, unitId, RegisterEntity, unitId, what, inFull, ct);

    /// <summary>The reader's role as the log keeps it: the one their work on dossiers is done in.</summary>
    public static string? RoleOf(ClaimsPrincipal user) => ReaderRoles.FirstOrDefault(user.IsInRole);

    private static readonly string[] ReaderRoles = [Roles.CommuneLeader, Roles.CounterOfficer, Roles.Specialist, Roles.Supervisor, Roles.Admin];

    /// <summary>One reading as the citizen and the leaders see it: when, who (name and role), what, and whether in full.</summary>
    public sealed record ReadView(DateTime At, string Official, string? Role, string What, bool InFull);

    /// <summary>Every reading of one dossier, newest first (at most <paramref name="take"/>), with the officials' names.</summary>
    public static Task<List<ReadView>> OfAsync(AppDbContext db, Dossier d, int take = 200, CancellationToken ct = default) =>
        OfAsync(db, nameof(Dossier), d.Id, take, ct);

    /// <summary>Every reading of one petition, newest first, with the officials' names.</summary>
    public static Task<List<ReadView>> OfAsync(AppDbContext db, Petition p, int take = 200, CancellationToken ct = default) =>
        OfAsync(db, nameof(Petition), p.Id, take, ct);

    /// <summary>
    /// Every reading of each of these records, newest first, in one query (a citizen's data export: all of them, not the
    /// latest 200), by id.
    /// </summary>
    public static async Task<Dictionary<int, List<ReadView>>> OfEachAsync<T>(AppDbContext db, IReadOnlyCollection<int> recordIds, CancellationToken ct = default)
        where T : class
    {
        var ids = recordIds.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var reads = ids.Count == 0 ? [] : await ReadAsync(db, typeof(T).Name, ids, int.MaxValue, ct);
        var byRecord = reads.ToLookup(r => r.RecordId, r => r.View);
        return recordIds.ToDictionary(i => i, i => byRecord[i.ToString(CultureInfo.InvariantCulture)].ToList());
    }

    /// <summary>Every reading of one clearance project's households, newest first, with the officials' names.</summary>
    public static Task<List<ReadView>> OfAsync(AppDbContext db, ClearanceProject project, int take = 200, CancellationToken ct = default) =>
        OfAsync(db, nameof(ClearanceProject), project.Id, take, ct);

    /// <summary>By the record's id alone: a record that moved to another unit (a merger, a transfer) keeps its earlier readings.</summary>
    private static async Task<List<ReadView>> OfAsync(AppDbContext db, string entity, int recordId, int take, CancellationToken ct) =>
        [.. (await ReadAsync(db, entity, [recordId.ToString(CultureInfo.InvariantCulture)], take, ct)).Select(r => r.View)];

    private static async Task<List<(string RecordId, ReadView View)>> ReadAsync(AppDbContext db, string entity, List<string> ids, int take, CancellationToken ct)
    {
        var entries = await db.AuditEntries.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(a => a.Entity == entity && ids.Contains(a.EntityId) && a.Action == AppDbContext.ReadAction)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(take)
            .Select(a => new { a.EntityId, a.At, a.UserId, a.UserName, a.Changes }).ToListAsync(ct);
        var userIds = entries.Select(e => e.UserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        return [.. entries.Select(e =>
        {
            var read = ReadDetails.Parse(e.Changes);
            var official = e.UserId is { } uid && names.TryGetValue(uid, out var n) && !string.IsNullOrWhiteSpace(n) ? n : e.UserName ?? "";
            return (e.EntityId, new ReadView(e.At, official, read.Role, read.View ?? "", read.InFull));
        })];
    }

    /// <summary>What was read, in Vietnamese (the page translates it).</summary>
    public static string WhatName(string what) => what switch
    {
        Page => "Trang hồ sơ",
        Receipt => "Giấy tiếp nhận hồ sơ",
        "kiem-soat" => "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        "xin-loi" => "Văn bản xin lỗi và hẹn lại ngày trả kết quả",
        "dung" => "Thông báo dừng giải quyết hồ sơ",
        Paper => "Giấy tờ bạn đã nộp",
        PetitionPage => "Trang phản ánh",
        Register => "Sổ theo dõi hồ sơ",
        RegisterExport => "Tệp xuất sổ theo dõi hồ sơ",
        Households => "Danh sách hộ bị ảnh hưởng",
        Reuse => "Thông tin người nộp, điền lại khi tiếp nhận hồ sơ mới",
        Api => "Phần mềm của cơ quan (API)",
        _ => "Khác",
    };

    /// <summary>The reader's role, in Vietnamese, as every staff page names it (the page translates it).</summary>
    public static string RoleName(string? role) =>
        role is not null && Features.Accounts.StaffAccounts.RoleNames.TryGetValue(role, out var name) ? name : "Cán bộ";
}
