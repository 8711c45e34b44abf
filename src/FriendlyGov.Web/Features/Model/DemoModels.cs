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
    /// <summary>Demo rows go through the same transitions as real ones; a refusal here is a bug in the demo.</summary>
    private static void Demo(Failure? refused)
    {
        if (refused is not null) throw new InvalidOperationException(refused.Message);
    }

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
            t.Update(t.Owner, null, PlanTaskStatus.Done, 100, "Báo cáo kết quả năm 2022 của Ban Điều hành");
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
        foreach (var t in tasks.Take(10)) t.Update(t.Owner, null, PlanTaskStatus.Done, 100, "Biên bản, ảnh lưu tại Văn phòng UBND xã");
        tasks[10].Update(tasks[10].Owner, null, PlanTaskStatus.InProgress, 60, null);
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
        await SeedActivitiesAsync(db, nowUtc, ql, m, cs, c);
    }

    /// <summary>Training and propagation, the province's inspection of Chiềng Sinh with its recommendations, and good practices.</summary>
    private static async Task SeedActivitiesAsync(AppDbContext db, DateTime nowUtc, AdministrativeUnit ql, CommuneModel qlModel, AdministrativeUnit cs, CommuneModel csModel)
    {
        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(nowUtc));
        db.ModelEvents.AddRange(
            new ModelEvent
            {
                UnitId = ql.Id, ModelId = qlModel.Id, Kind = ModelEventKind.Training, Date = new(2022, 7, 12), Place = "Hội trường UBND xã Quang Lộc",
                Content = "Tập huấn quy tắc ứng xử “5 biết, 3 không, 4 thể hiện” và kỹ năng giao tiếp với người dân", Audience = EventAudience.Officials,
                Participants = 32, Materials = "Tài liệu quy tắc ứng xử; bộ câu hỏi tình huống", RecordedBy = "quangloc.lanhdao",
            },
            new ModelEvent
            {
                UnitId = ql.Id, ModelId = qlModel.Id, Kind = ModelEventKind.Propagation, Date = new(2022, 8, 5), Place = "Nhà văn hóa thôn Đông",
                Content = "Tuyên truyền về mô hình, cách đánh giá mức độ hài lòng và nộp hồ sơ trực tuyến", Audience = EventAudience.Villagers,
                Village = "Đông", Participants = 126, Materials = "Tờ rơi hướng dẫn dịch vụ công trực tuyến", RecordedBy = "quangloc.lanhdao",
            },
            new ModelEvent
            {
                UnitId = cs.Id, ModelId = csModel.Id, Kind = ModelEventKind.Training, Date = new(2024, 6, 5), Place = "Hội trường UBND xã Chiềng Sinh",
                Content = "Quán triệt kế hoạch xây dựng “Chính quyền thân thiện”; tập huấn giao tiếp bằng tiếng Thái cho Bộ phận Một cửa", Audience = EventAudience.Mixed,
                Participants = 41, ParticipantList = "Lường Văn Thắng\nLò Thị Hoa\nQuàng Văn Minh\nCà Văn Dũng\nTrưởng 5 bản", RecordedBy = "chiengsinh.lanhdao",
            });
        var dienBien = await db.Units.FirstAsync(u => u.Code == "11");
        var visit = Inspection.Plan(cs.Id, dienBien.Id, "Kiểm tra việc thực hiện mô hình “Chính quyền thân thiện” 6 tháng sau ra mắt", new(2024, 12, 10),
            "Ban Chỉ đạo tỉnh: Lò Văn Tiến (trưởng đoàn), đại diện Sở Nội vụ, Ban Dân vận Tỉnh ủy", "giamsat.dienbien");
        Demo(visit.Record(InspectionStatus.Done, new(2024, 12, 12), "Bộ phận Một cửa niêm yết đầy đủ thủ tục hành chính, có cán bộ nói tiếng Thái. Còn hạn chế: chưa có lối đi cho người khuyết tật; đường truyền Internet chưa ổn định; chưa tổ chức tuyên truyền ở các bản xa.",
            null, null, false, today));
        db.Inspections.Add(visit);
        db.Inspections.Add(Inspection.Plan(ql.Id, (await db.Units.FirstAsync(u => u.Code == "38")).Id, "Giám sát kết quả 3 năm thực hiện mô hình điểm",
            today.AddDays(20), "Ban Dân vận Tỉnh ủy Thanh Hóa", "giamsat.thanhhoa"));
        await db.SaveChangesAsync();
        var hotline = new InspectionRecommendation
        {
            UnitId = cs.Id, InspectionId = visit.Id, Content = "Niêm yết số điện thoại đường dây nóng của Chủ tịch UBND xã tại Bộ phận Một cửa", Deadline = new(2025, 1, 15),
        };
        Demo(hotline.ReportDone("Đã niêm yết ngày 20/12/2024, kèm ảnh.", new DateTime(2024, 12, 20, 3, 0, 0, DateTimeKind.Utc), "chiengsinh.lanhdao"));
        Demo(hotline.Review(true, null, new DateTime(2024, 12, 27, 3, 0, 0, DateTimeKind.Utc), "giamsat.dienbien"));
        db.Recommendations.AddRange(
            hotline,
            new InspectionRecommendation
            {
                UnitId = cs.Id, InspectionId = visit.Id, Content = "Tổ chức tuyên truyền về mô hình tại các bản Hới Ná, Lồng", Deadline = today.AddDays(-5),
            },
            new InspectionRecommendation
            {
                UnitId = cs.Id, InspectionId = visit.Id, Content = "Làm lối đi cho người khuyết tật, người cao tuổi tại trụ sở UBND xã", Deadline = today.AddDays(40),
            });
        db.GoodPractices.AddRange(
            new GoodPractice
            {
                UnitId = ql.Id, Title = "Tổ hỗ trợ dịch vụ công trực tuyến tại thôn", Field = "Thủ tục hành chính",
                Description = "Mỗi thôn có một tổ gồm đoàn viên thanh niên và công an viên, tối thứ Bảy ngồi tại nhà văn hóa hướng dẫn người dân nộp hồ sơ trực tuyến, đánh giá mức độ hài lòng trên điện thoại.",
                Results = "Sau 6 tháng, tỷ lệ hồ sơ nộp trực tuyến của xã tăng từ 12% lên 46%; người cao tuổi không phải lên xã nhiều lần.",
                StartedOn = new(2022, 9, 1), Published = true, PublishedAt = new DateTime(2023, 3, 1, 2, 0, 0, DateTimeKind.Utc), CreatedAt = new DateTime(2023, 2, 20, 2, 0, 0, DateTimeKind.Utc), CreatedBy = "quangloc.lanhdao",
            },
            new GoodPractice
            {
                UnitId = cs.Id, Title = "Cán bộ Một cửa tiếp dân bằng tiếng Thái, tiếng Mông", Field = "Giao tiếp, ứng xử",
                Description = "Bố trí cán bộ biết tiếng Thái, tiếng Mông trực Bộ phận Một cửa vào các buổi sáng thứ Bảy (ngày chợ phiên); in hướng dẫn thủ tục thường gặp bằng hai thứ tiếng.",
                Results = "Người dân các bản xa được hướng dẫn một lần là đủ hồ sơ; số phản ánh về thái độ tiếp dân bằng 0 trong năm 2025.",
                StartedOn = new(2024, 7, 1), Published = true, PublishedAt = new DateTime(2025, 1, 10, 2, 0, 0, DateTimeKind.Utc), CreatedAt = new DateTime(2025, 1, 5, 2, 0, 0, DateTimeKind.Utc), CreatedBy = "chiengsinh.lanhdao",
            });
        await db.SaveChangesAsync();
    }
}
