using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Model;

/// <summary>
/// The two pilots of the seed articles: Quang Lộc (2022, Ban Điều hành of 15 members, launched and operating) and Chiềng Sinh
/// (2024, Ban Chỉ đạo, launched 17/6/2024). Other communes have no model yet: the supervisor replicates it. Members' names are
/// illustrative; positions follow the usual make-up of a commune board.
/// </summary>
public static class DemoModels
{
    public static async Task SeedAsync(AppDbContext db, DateTime nowUtc, Dictionary<string, AdministrativeUnit> communes)
    {
        var ql = communes["16060"];
        var m = await Models.BuildAsync(db, ql.Id, new CreateModelInput { Name = ModelTemplates.DefaultName, Kind = ModelKind.Pilot, Year = 2022, PlanStart = new(2022, 5, 3) },
            null, "Trần Văn Quang", nowUtc);
        (m.Stage, m.LaunchedOn, m.LaunchPlace, m.BoardName, m.DecisionNumber, m.DecisionDate, m.DecisionSigner) =
            (ModelStage.Operating, new DateOnly(2022, 7, 22), "Hội trường UBND xã Quang Lộc", "Ban Điều hành mô hình điểm “Chính quyền thân thiện, vì nhân dân phục vụ” năm 2022",
             "45/QĐ-UBND", new DateOnly(2022, 6, 15), "Trần Văn Quang");
        m.LaunchGuests = "Lãnh đạo Ban Dân vận Tỉnh ủy; lãnh đạo huyện Hậu Lộc; cán bộ, công chức xã; trưởng các đoàn thể; bí thư, trưởng thôn.";
        m.Regulation = "Quy chế hoạt động của Ban Điều hành: Ban làm việc theo nguyên tắc tập trung dân chủ; Trưởng ban phân công nhiệm vụ từng thành viên; họp định kỳ mỗi quý một lần; báo cáo kết quả với Ban Dân vận Huyện ủy sáu tháng một lần.";
        string[][] board =
        [
            ["Đỗ Văn Hải", "Bí thư Đảng ủy xã", "Head"], ["Trần Văn Quang", "Chủ tịch UBND xã", "Deputy"], ["Nguyễn Thị Hằng", "Chủ tịch Ủy ban MTTQ xã", "Deputy"],
            ["Lê Văn Hùng", "Công chức Văn phòng - Thống kê", "Member"], ["Nguyễn Thị Lan", "Cán bộ Bộ phận Một cửa", "Member"],
            ["Phạm Văn Tuấn", "Công chức Địa chính - Xây dựng", "Member"], ["Hoàng Thị Mai", "Công chức Tư pháp - Hộ tịch", "Member"],
            ["Vũ Văn Nam", "Trưởng Công an xã", "Member"], ["Đặng Thị Thu", "Chủ tịch Hội Liên hiệp Phụ nữ xã", "Member"],
            ["Bùi Văn Long", "Chủ tịch Hội Nông dân xã", "Member"], ["Ngô Văn Bình", "Chủ tịch Hội Cựu chiến binh xã", "Member"],
            ["Trịnh Văn Đức", "Bí thư Đoàn Thanh niên xã", "Member"], ["Lương Thị Hoa", "Công chức Văn hóa - Xã hội", "Member"],
            ["Mai Văn Sơn", "Trưởng thôn Đông", "Member"], ["Cao Thị Nga", "Bí thư Chi bộ thôn Trung", "Member"],
        ];
        foreach (var b in board)
            db.BoardMembers.Add(new BoardMember { UnitId = ql.Id, ModelId = m.Id, FullName = b[0], Position = b[1], Role = Enum.Parse<BoardRole>(b[2]), From = new(2022, 6, 15) });
        foreach (var t in await db.PlanTasks.Where(t => t.ModelId == m.Id).ToListAsync())
            (t.Status, t.Progress, t.Evidence) = (PlanTaskStatus.Done, 100, "Báo cáo kết quả năm 2022 của Ban Điều hành");
        foreach (var r in await db.ReadinessItems.Where(r => r.ModelId == m.Id).ToListAsync())
            r.Rating = r.Condition.StartsWith("Lối đi") ? ReadinessRating.NeedsMore : ReadinessRating.Met;
        await db.SaveChangesAsync();

        var cs = communes["03298"];
        var c = await Models.BuildAsync(db, cs.Id, new CreateModelInput { Name = "Chính quyền thân thiện", Kind = ModelKind.Pilot, Year = 2024, PlanStart = new(2024, 4, 15) },
            null, "Lường Văn Thắng", nowUtc);
        (c.Stage, c.LaunchedOn, c.LaunchPlace, c.BoardName, c.DecisionNumber, c.DecisionDate, c.DecisionSigner) =
            (ModelStage.Launched, new DateOnly(2024, 6, 17), "Hội trường UBND xã Chiềng Sinh", "Ban Chỉ đạo xây dựng “Chính quyền thân thiện” xã Chiềng Sinh",
             "112/QĐ-UBND", new DateOnly(2024, 5, 20), "Lường Văn Thắng");
        c.LaunchGuests = "Phó Chủ tịch UBND tỉnh; Bí thư Huyện ủy Tuần Giáo; Ban Chỉ đạo huyện.";
        string[][] csBoard = [["Lò Văn Hùng", "Bí thư Đảng ủy xã", "Head"], ["Lường Văn Thắng", "Chủ tịch UBND xã", "Deputy"], ["Lò Thị Hoa", "Cán bộ Bộ phận Một cửa", "Member"],
            ["Quàng Văn Minh", "Công chức Tư pháp - Hộ tịch", "Member"], ["Cà Văn Dũng", "Chủ tịch Ủy ban MTTQ xã", "Member"]];
        foreach (var b in csBoard)
            db.BoardMembers.Add(new BoardMember { UnitId = cs.Id, ModelId = c.Id, FullName = b[0], Position = b[1], Role = Enum.Parse<BoardRole>(b[2]), From = new(2024, 5, 20) });
        var tasks = await db.PlanTasks.Where(t => t.ModelId == c.Id).OrderBy(t => t.Order).ToListAsync();
        foreach (var t in tasks.Take(10)) (t.Status, t.Progress, t.Evidence) = (PlanTaskStatus.Done, 100, "Biên bản, ảnh lưu tại Văn phòng UBND xã");
        (tasks[10].Status, tasks[10].Progress) = (PlanTaskStatus.InProgress, 60);
        var items = await db.ReadinessItems.Where(r => r.ModelId == c.Id).ToListAsync();
        foreach (var r in items) r.Rating = ReadinessRating.Met;
        var net = items.First(r => r.Condition.StartsWith("Đường truyền"));
        (net.Rating, net.Gap, net.Needs) = (ReadinessRating.NotMet, "Bản Hới Ná, Lồng chưa có sóng 4G ổn định; Internet ở UBND hay mất.", "Nâng cấp đường truyền cáp quang cho UBND xã.");
        await db.SaveChangesAsync();
        db.Proposals.Add(new ModelProposal
        {
            UnitId = cs.Id, ModelId = c.Id, ReadinessItemId = net.Id, Title = "Đề nghị hỗ trợ nâng cấp đường truyền Internet",
            Content = "Đường truyền Internet tại UBND xã thường xuyên mất kết nối, ảnh hưởng giải quyết thủ tục hành chính trực tuyến. Đề nghị Ban Chỉ đạo tỉnh chỉ đạo doanh nghiệp viễn thông nâng cấp.",
            RaisedAt = nowUtc.AddDays(-9), RaisedBy = "chiengsinh.lanhdao",
        });
        await db.SaveChangesAsync();
    }
}
