using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;

namespace FriendlyGov.Web.Features.NoticeBoard;

/// <summary>
/// Demo notice board of Chiềng Sinh (illustrative figures): the 2026 budget estimate with its table, the compensation plan for
/// widening the road to bản Hới Ná (on the board), a socio-economic plan whose period is fulfilled, and a draft.
/// </summary>
public static class DemoDisclosures
{
    public static async Task SeedAsync(AppDbContext db, DateTime nowUtc, Dictionary<string, AdministrativeUnit> communes)
    {
        var cs = communes["03298"].Id;
        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(nowUtc));
        Core.Data.Disclosure D(DisclosureCategory c, string title, string number, string summary, DateOnly? posted, int days = 30, string[][]? table = null)
        {
            var d = new Core.Data.Disclosure
            {
                UnitId = cs, Category = c, Title = title, DocumentNumber = number.Length == 0 ? null : number, DocumentDate = posted?.AddDays(-3), Summary = summary, PostingDays = days,
                CreatedAt = nowUtc.AddDays(-40), CreatedBy = "chiengsinh.tiepnhan",
                TableJson = table is null ? null : JsonSerializer.Serialize(table),
            };
            d.SearchText = VietnameseText.Fold($"{d.Title} {d.DocumentNumber} {d.Summary}");
            if (posted is DateOnly on) d.Post(on, "chiengsinh.lanhdao");
            return d;
        }
        db.Disclosures.AddRange(
            D(DisclosureCategory.Budget, "Dự toán thu, chi ngân sách xã năm 2026", "15/QĐ-UBND",
                "Dự toán ngân sách xã năm 2026 được HĐND xã thông qua; tổng thu 8.450 triệu đồng, tổng chi 8.450 triệu đồng.", today.AddDays(-12), 30,
                [["Nội dung", "Dự toán 2026 (triệu đồng)"], ["Chi đầu tư phát triển", "2.100"], ["Chi thường xuyên", "5.600"], ["Dự phòng ngân sách", "250"], ["Chi chuyển nguồn", "500"]]),
            D(DisclosureCategory.LandRecovery, "Phương án bồi thường, hỗ trợ mở rộng đường vào bản Hới Ná", "42/PA-UBND",
                "Phương án bồi thường, hỗ trợ cho 18 hộ có đất, tài sản bị ảnh hưởng khi mở rộng đường vào bản Hới Ná từ 3,5 m lên 5,5 m. Mọi ý kiến gửi về UBND xã trong thời gian niêm yết.",
                today.AddDays(-5)),
            D(DisclosureCategory.SocioEconomic, "Kế hoạch phát triển kinh tế - xã hội năm 2026", "120/KH-UBND",
                "Các chỉ tiêu chủ yếu: thu nhập bình quân đầu người tăng 8%; giảm 3% hộ nghèo; 100% thủ tục hành chính được tiếp nhận trực tuyến.", today.AddDays(-60)),
            D(DisclosureCategory.SocialSupport, "Danh sách hộ nghèo, cận nghèo năm 2026 (dự thảo)", "",
                "Danh sách hộ nghèo, cận nghèo sau rà soát cuối năm, để nhân dân góp ý trước khi phê duyệt.", null));
        await db.SaveChangesAsync();
    }
}
