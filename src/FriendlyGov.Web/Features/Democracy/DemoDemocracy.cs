using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Democracy;

/// <summary>
/// Demo grassroots democracy in Chiềng Sinh (illustrative): the road to bản Hới Ná widened with land clearance (households at
/// each step, one not yet agreeing with a follow-up visit), land donations for it, the draft village convention of bản Hới Nọ
/// open for comment with a household vote, and the 2026 socio-economic plan whose comment period has closed.
/// </summary>
public static class DemoDemocracy
{
    public static async Task SeedAsync(AppDbContext db, DateTime nowUtc, Dictionary<string, AdministrativeUnit> communes)
    {
        var cs = communes["03298"].Id;
        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(nowUtc));
        var plan = await db.Disclosures.FirstOrDefaultAsync(d => d.UnitId == cs && d.Category == DisclosureCategory.LandRecovery);
        var road = new ClearanceProject
        {
            UnitId = cs, Name = "Mở rộng đường vào bản Hới Ná", Purpose = "Mở rộng mặt đường từ 3,5 m lên 5,5 m, dài 2,4 km, để xe cứu thương và xe chở nông sản vào được bản.",
            Investor = "UBND xã Chiềng Sinh", Villages = "Hới Ná, Hới Nọ", AffectedAreaM2 = 4800, StartOn = today.AddDays(-45), EndOn = today.AddDays(200),
            PlanDisclosureId = plan?.Id, CreatedAt = nowUtc.AddDays(-45),
        };
        db.ClearanceProjects.Add(road);
        await db.SaveChangesAsync();
        db.ProjectMeetings.Add(new ProjectMeeting { UnitId = cs, ProjectId = road.Id, Date = today.AddDays(-30), Village = "Hới Ná", Attendees = 74, Minutes = "Nhân dân thống nhất chủ trương mở rộng đường; đề nghị làm rãnh thoát nước qua khu dân cư." });
        (string Name, string Village, decimal Area, HouseholdStatus Status, bool Named)[] hh =
        [
            ("Lò Văn Pánh", "Hới Ná", 120, HouseholdStatus.HandedOver, true), ("Quàng Thị Ín", "Hới Ná", 85, HouseholdStatus.Compensated, true),
            ("Cà Văn Ương", "Hới Ná", 60, HouseholdStatus.Agreed, false), ("Lường Văn Xôm", "Hới Ná", 140, HouseholdStatus.NotAgreed, false),
            ("Lò Thị Xuân", "Hới Nọ", 45, HouseholdStatus.Consulted, false), ("Tòng Văn Hặc", "Hới Nọ", 95, HouseholdStatus.Informed, false),
        ];
        foreach (var h in hh)
        {
            var household = new AffectedHousehold
            {
                UnitId = cs, ProjectId = road.Id, HeadName = h.Name, Village = h.Village, AffectedAreaM2 = h.Area, AgreesToBeNamed = h.Named,
                Assets = "Tường rào, cây ăn quả", Phone = h.Status == HouseholdStatus.NotAgreed ? "0912 406 318" : null,
            };
            // Each household walks the clearance path to where it stands, as the commune would have recorded it.
            foreach (var step in Enum.GetValues<HouseholdStatus>().Where(s => s > HouseholdStatus.Informed && s <= h.Status && (s != HouseholdStatus.NotAgreed || h.Status == s)))
                if (household.MoveTo(step, "Mức hỗ trợ cây ăn quả thấp hơn giá thị trường.") is { } refused) throw new InvalidOperationException(refused.Message);
            db.AffectedHouseholds.Add(household);
        }
        await db.SaveChangesAsync();
        var xom = await db.AffectedHouseholds.FirstAsync(h => h.ProjectId == road.Id && h.Status == HouseholdStatus.NotAgreed);
        xom.RecountVisits(1, today.AddDays(-7));
        db.HouseholdVisits.Add(new HouseholdVisit { UnitId = cs, HouseholdId = xom.Id, Date = today.AddDays(-7), VisitedBy = "Lường Văn Thắng, Trưởng bản Hới Ná", Notes = "Giải thích đơn giá; hộ đề nghị xem lại số cây đã kiểm đếm." });
        db.LandDonations.AddRange(
            new LandDonation { UnitId = cs, HeadName = "Lò Văn Pánh", Village = "Hới Ná", AreaM2 = 35, WallsMovedM = 12, AgreementDate = today.AddDays(-20), Road = "Đường vào bản Hới Ná", ProjectId = road.Id, ThankPublicly = true, TreesStructures = "2 cây nhãn" },
            new LandDonation { UnitId = cs, HeadName = "Quàng Văn Dũng", Village = "Hới Nọ", AreaM2 = 50, WallsMovedM = 0, AgreementDate = today.AddDays(-18), Road = "Đường vào bản Hới Ná", ProjectId = road.Id, ThankPublicly = true },
            new LandDonation { UnitId = cs, HeadName = "Hộ không nêu tên", Village = "Hới Ná", AreaM2 = 20, WallsMovedM = 6, AgreementDate = today.AddDays(-15), Road = "Đường vào bản Hới Ná", ProjectId = road.Id, ThankPublicly = false });
        db.Consultations.AddRange(
            new Consultation
            {
                UnitId = cs, Kind = ConsultationKind.VillageConvention, Title = "Dự thảo hương ước bản Hới Nọ (sửa đổi)", Village = "Hới Nọ", Households = 62,
                Content = "Điều 5. Các hộ giữ gìn vệ sinh đường bản, không thả rông gia súc trên đường.\nĐiều 8. Tổ chức đám cưới, đám tang tiết kiệm, không kéo dài quá 2 ngày.",
                OpensOn = today.AddDays(-5), ClosesOn = today.AddDays(10), CreatedAt = nowUtc.AddDays(-6),
            },
            new Consultation
            {
                UnitId = cs, Kind = ConsultationKind.SocioEconomicPlan, Title = "Dự thảo kế hoạch phát triển kinh tế - xã hội năm 2026",
                Content = "Các chỉ tiêu: thu nhập bình quân tăng 8%; giảm 3% hộ nghèo; làm mới 3 km đường bản.", OpensOn = today.AddDays(-40), ClosesOn = today.AddDays(-2),
                CreatedAt = nowUtc.AddDays(-41),
            });
        await db.SaveChangesAsync();
        var plan2026 = await db.Consultations.FirstAsync(c => c.UnitId == cs && c.Kind == ConsultationKind.SocioEconomicPlan);
        db.ConsultationComments.Add(new ConsultationComment { UnitId = cs, ConsultationId = plan2026.Id, Name = "Lò Văn Chiến", Village = "Củ", Content = "Đề nghị ưu tiên làm đường bản Củ trước mùa mưa.", At = nowUtc.AddDays(-20) });
        await db.SaveChangesAsync();
    }
}
