using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Units;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Demo data: two provinces with their former districts and communes as they stood before 1 July 2025, then the
/// 2025 reform carried out through the same use cases an administrator uses. Names are real; the Thanh Hóa commune
/// codes and the Vạn Lộc merger are illustrative (see docs/demo-data.md). Demo accounts exist only here.
/// </summary>
public static class DemoSeeder
{
    public const string Password = "FriendlyGov@2025";

    /// <summary>Every account the demo creates, all with <see cref="Password"/>.</summary>
    public static readonly string[] AccountNames =
    [
        "chiengsinh.tiepnhan", "chiengsinh.chuyenvien", "chiengsinh.lanhdao", "quangloc.tiepnhan", "quangloc.chuyenvien", "quangloc.lanhdao",
        "giamsat.dienbien", "giamsat.thanhhoa", "giamsat.tuangiao", "quantri", "0987654321",
    ];
    private static readonly DateOnly ReformDay = new(2025, 7, 1);
    private const string Law72 = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15";

    private sealed record C(string Code, string Name, UnitType Type, string[] Villages);

    public static async Task SeedAsync(IServiceProvider root, CancellationToken ct = default)
    {
        await using var scope = root.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var reform = sp.GetRequiredService<UnitReform>();
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        var clock = sp.GetRequiredService<TimeProvider>();

        await Features.Accounts.AccountsSetup.EnsureRolesAsync(root);
        if (await db.Units.AnyAsync(ct)) return;

        var dienBien = Add(db, "11", "Điện Biên", UnitType.Province, null, new(2004, 1, 1));
        var thanhHoa = Add(db, "38", "Thanh Hóa", UnitType.Province, null, new(1976, 1, 1));
        await db.SaveChangesAsync(ct);
        var tuanGiao = Add(db, "099", "Tuần Giáo", UnitType.District, dienBien.Id, new(2004, 1, 1));
        var hauLoc = Add(db, "400", "Hậu Lộc", UnitType.District, thanhHoa.Id, new(1976, 1, 1));
        await db.SaveChangesAsync(ct);

        C[] dienBienCommunes =
        [
            new("03298", "Chiềng Sinh", UnitType.Commune, ["Chiềng Sinh", "Hới Nọ", "Hới Ná", "Củ", "Lồng"]),
            new("03289", "Quài Cang", UnitType.Commune, ["Cang", "Món", "Hỏm"]),
            new("03295", "Quài Tở", UnitType.Commune, ["Bó", "Nong Tấu", "Phiêng Pi"]),
            new("03284", "Mường Khong", UnitType.Commune, ["Khong Nưa", "Khong Tở"]),
        ];
        C[] thanhHoaCommunes =
        [
            new("16060", "Quang Lộc", UnitType.Commune, ["Đông", "Tây", "Nam", "Bắc", "Trung"]),
            new("16051", "Hoa Lộc", UnitType.Commune, ["Hoa Thượng", "Hoa Trung", "Hoa Hạ"]),
            new("16057", "Liên Lộc", UnitType.Commune, ["Liên Hải", "Liên Thịnh"]),
            new("16081", "Minh Lộc", UnitType.Commune, ["Minh Thành", "Minh Hải"]),
            new("16084", "Hải Lộc", UnitType.Commune, ["Hải Thanh", "Hải Bình"]),
            new("16087", "Đa Lộc", UnitType.Commune, ["Đa Phú", "Đa Thịnh"]),
        ];
        var communes = new Dictionary<string, AdministrativeUnit>();
        foreach (var (list, district, villageType) in new[] { (dienBienCommunes, tuanGiao, UnitType.Village), (thanhHoaCommunes, hauLoc, UnitType.Hamlet) })
        foreach (var c in list)
        {
            var commune = Add(db, c.Code, c.Name, c.Type, district.Id, new(2004, 1, 1));
            await db.SaveChangesAsync(ct);
            communes[c.Code] = commune;
            for (var i = 0; i < c.Villages.Length; i++)
                Add(db, $"{c.Code}.{i + 1:00}", c.Villages[i], villageType, commune.Id, new(2004, 1, 1));
        }
        await db.SaveChangesAsync(ct);

        // 1 July 2025: districts end, communes move under their province, and some communes merge.
        var merged = await reform.MergeAsync(new MergeInput
        {
            Sources = ["16081", "16084", "16087"], ProvinceCode = "38", NewCode = "16090", NewName = "Vạn Lộc",
            Effective = ReformDay, LegalBasis = "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025 (dữ liệu minh họa)",
        });
        Check(merged);
        foreach (var code in new[] { "03298", "03289", "03295", "03284" })
            Check(await reform.ReparentAsync(code, new ReparentInput { NewParentCode = "11", Effective = ReformDay, LegalBasis = Law72 }));
        foreach (var code in new[] { "16060", "16051", "16057" })
            Check(await reform.ReparentAsync(code, new ReparentInput { NewParentCode = "38", Effective = ReformDay, LegalBasis = Law72 }));
        foreach (var code in new[] { "099", "400" })
            Check(await reform.EndAsync(code, new EndInput { LastDay = ReformDay.AddDays(-1), LegalBasis = Law72 }));

        db.CommuneProfiles.AddRange(
            new CommuneProfile
            {
                UnitId = communes["03298"].Id, Address = "Bản Chiềng Sinh, xã Chiềng Sinh, tỉnh Điện Biên", Phone = "0215 3862 100",
                ChairpersonName = "Lường Văn Thắng", Latitude = 21.5912, Longitude = 103.4021,
                Introduction = "Xã Chiềng Sinh là mô hình điểm “Chính quyền thân thiện” ra mắt ngày 17/6/2024.",
            },
            new CommuneProfile
            {
                UnitId = communes["16060"].Id, Address = "Thôn Trung, xã Quang Lộc, tỉnh Thanh Hóa", Phone = "0237 3831 200",
                ChairpersonName = "Trần Văn Quang", Latitude = 19.9503, Longitude = 105.9247,
                Introduction = "Mô hình điểm “Chính quyền thân thiện, vì nhân dân phục vụ” năm 2022 với Ban Điều hành 15 thành viên.",
            });
        // Approximate office positions, for the supervisors' roll-out map (Mường Khong has none: the map says so).
        foreach (var (code, lat, lng) in new[] { ("03289", 21.6575, 103.3564), ("03295", 21.6183, 103.3312), ("16051", 19.9261, 105.9532), ("16057", 19.9342, 105.9718) })
            db.CommuneProfiles.Add(new CommuneProfile { UnitId = communes[code].Id, Latitude = lat, Longitude = lng });
        // Chiềng Sinh also receives on Saturday mornings, for people who come down from the bản on market day.
        db.OfficeHours.Add(new UnitOfficeHours
        {
            UnitId = communes["03298"].Id, MorningStart = new(7, 0), MorningEnd = new(11, 30), AfternoonStart = new(13, 30),
            AfternoonEnd = new(17, 0), SaturdayMorning = true, SameDayCutoff = new(15, 0),
        });
        await db.SaveChangesAsync(ct);

        // The provinces' template catalog, copied to each current commune as a commune leader would.
        foreach (var province in new[] { dienBien, thanhHoa })
            foreach (var p in Features.Procedures.DemoProcedures.All())
            {
                p.UnitId = province.Id;
                db.Procedures.Add(p);
            }
        await db.SaveChangesAsync(ct);
        var catalog = sp.GetRequiredService<Features.Procedures.Catalog>();
        foreach (var code in new[] { "03298", "03289", "03295", "03284", "16060", "16051", "16057" })
            await catalog.CopyFromProvinceAsync(communes[code]);
        await catalog.CopyFromProvinceAsync(merged.Value!);

        var now = clock.GetUtcNow().UtcDateTime;
        async Task User(string userName, string fullName, string role, int? unitId, string? title = null)
        {
            var u = new ApplicationUser { UserName = userName, FullName = fullName, UnitId = unitId, JobTitle = title, CreatedAt = now };
            Check(await users.CreateAsync(u, Password));
            Check(await users.AddToRoleAsync(u, role));
        }
        // Electronic unit identifiers (TT 10/2016/TT-BTTTT) prefix the dossier codes; these two are illustrative.
        communes["03298"].Identifier = "000.30.12.H18";
        communes["16060"].Identifier = "000.20.22.H56";
        await db.SaveChangesAsync(ct);
        var cs = communes["03298"].Id;
        var ql = communes["16060"].Id;
        await User("chiengsinh.tiepnhan", "Lò Thị Hoa", Roles.CounterOfficer, cs, "Cán bộ Bộ phận Một cửa");
        await User("chiengsinh.chuyenvien", "Quàng Văn Minh", Roles.Specialist, cs, "Công chức Tư pháp - Hộ tịch");
        await User("chiengsinh.lanhdao", "Lường Văn Thắng", Roles.CommuneLeader, cs, "Chủ tịch UBND xã");
        await User("quangloc.tiepnhan", "Nguyễn Thị Lan", Roles.CounterOfficer, ql, "Cán bộ Bộ phận Một cửa");
        await User("quangloc.chuyenvien", "Lê Văn Hùng", Roles.Specialist, ql, "Công chức Văn phòng - Thống kê");
        await User("quangloc.lanhdao", "Trần Văn Quang", Roles.CommuneLeader, ql, "Chủ tịch UBND xã");
        await User("giamsat.dienbien", "Lò Văn Tiến", Roles.Supervisor, dienBien.Id, "Ban Chỉ đạo tỉnh Điện Biên");
        await User("giamsat.thanhhoa", "Phạm Thị Hạnh", Roles.Supervisor, thanhHoa.Id, "Ban Dân vận Tỉnh ủy Thanh Hóa");
        await User("giamsat.tuangiao", "Lò Văn Cương", Roles.Supervisor, tuanGiao.Id, "Ban Chỉ đạo huyện Tuần Giáo (cũ)");
        await User("quantri", "Quản trị hệ thống", Roles.Admin, null);
        await User("0987654321", "Hà Thị Mai", Roles.Citizen, null);
        await Features.Satisfaction.DemoRatings.SeedAsync(db, now, communes);
        await Features.Dossiers.DemoDossiers.SeedAsync(sp, now, communes);
        // A partner app for trying Open311 locally; its key is public, like the demo passwords (docs/demo-data.md).
        await new Features.Petitions.PartnerApps(db, clock).RegisterAsync("Ứng dụng thử nghiệm Open311", "demo", Features.Petitions.DemoPetitions.PartnerKey);
        await Features.Model.DemoModels.SeedAsync(db, now, communes);
        await Features.NoticeBoard.DemoDisclosures.SeedAsync(db, now, communes);
        await Features.Democracy.DemoDemocracy.SeedAsync(db, now, communes);
        await Features.Petitions.DemoPetitions.SeedAsync(db, sp.GetRequiredService<Features.Calendar.Calendars>(), now, communes);
    }

    private static AdministrativeUnit Add(AppDbContext db, string code, string name, UnitType type, int? parentId, DateOnly from)
    {
        var u = new AdministrativeUnit { Code = code, Name = name, Type = type, Level = UnitTypes.LevelOf(type), ParentId = parentId, EffectiveFrom = from };
        db.Units.Add(u);
        return u;
    }

    private static void Check<T>(Outcome<T> o)
    {
        if (!o.Ok) throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", o.Errors.Select(e => e.Message)));
    }

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded) throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", r.Errors.Select(e => e.Description)));
    }
}
