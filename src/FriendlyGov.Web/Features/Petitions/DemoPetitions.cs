using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>
/// Demo petitions: in Chiềng Sinh a landslide on the road to Hới Ná raised twice (one overdue long enough to reach the
/// supervisor), a broken street light answered and confirmed, litter by the stream raised at a village meeting, a request
/// waiting for information; in Quang Lộc, answered ones. Deterministic; dates relative to the seeding time.
/// </summary>
public static class DemoPetitions
{
    /// <summary>The demo partner app's Open311 api_key: demo databases only.</summary>
    public const string PartnerKey = "demo-open311-key";

    private sealed record Seed(string Commune, string Category, string Title, string Content, string Sender, string Phone, int? Village,
        PetitionChannel Channel, int DaysAgo, PetitionStatus Status, string? Assignee = null, string? Answer = null, bool? Satisfied = null,
        string? Meeting = null, bool ShowName = false);

    public static async Task SeedAsync(AppDbContext db, Calendars calendars, DateTime nowUtc, Dictionary<string, AdministrativeUnit> communes)
    {
        var staff = await db.Users.Where(u => u.UnitId != null).ToDictionaryAsync(u => u.UserName!, u => u);
        Seed[] seeds =
        [
            new("03298", "giao-thong", "Đường vào bản Hới Ná sạt lở sau mưa lớn",
                "Sau trận mưa đêm qua, đoạn đường từ trung tâm xã vào bản Hới Ná bị sạt lở taluy dương, đất đá lấp một nửa mặt đường, xe máy đi rất nguy hiểm. Đề nghị UBND xã cho dọn và cắm biển cảnh báo.",
                "Quàng Văn Sơn", "0977123456", 3, PetitionChannel.Web, 30, PetitionStatus.InProgress, "chiengsinh.chuyenvien", ShowName: true),
            new("03298", "giao-thong", "Sạt lở đường vào Hới Ná, xe máy không đi được",
                "Đường vào bản Hới Ná bị sạt lở, đất đá lấp mặt đường, xe máy không đi được, học sinh phải đi bộ vòng.",
                "Lò Thị Dung", "0966222333", 3, PetitionChannel.Hotline, 2, PetitionStatus.Received),
            new("03298", "giao-thong", "Đèn chiếu sáng đường trục bản Chiềng Sinh bị hỏng",
                "Ba bóng đèn chiếu sáng trên đường trục bản Chiềng Sinh bị hỏng hơn một tháng, buổi tối đi lại khó khăn.",
                "Cà Văn Pọm", "0912000111", 1, PetitionChannel.Web, 20, PetitionStatus.Closed, "chiengsinh.chuyenvien",
                "UBND xã đã phối hợp với Điện lực thay 3 bóng đèn ngày 12/11. Cảm ơn ông đã phản ánh.", true),
            new("03298", "moi-truong", "Rác thải đổ bừa bãi cạnh suối bản Củ",
                "Nhiều hộ đổ rác sinh hoạt xuống bờ suối đầu bản Củ, mùa mưa rác trôi xuống ruộng.",
                "Lường Văn Ngoan", "0388444555", 4, PetitionChannel.VillageMeeting, 1, PetitionStatus.Received, Meeting: "Họp bản Củ ngày 24/11/2026"),
            new("03298", "chinh-sach", "Xin hỗ trợ sửa nhà cho hộ nghèo",
                "Nhà tôi bị dột nát sau bão, xin được xem xét hỗ trợ sửa nhà theo chính sách hộ nghèo.",
                "Lò Văn Pâng", "0399555666", 5, PetitionChannel.Counter, 6, PetitionStatus.NeedsInfo, "chiengsinh.chuyenvien"),
            new("16060", "moi-truong", "Mương thoát nước thôn Đông bị tắc",
                "Mương thoát nước chạy qua thôn Đông bị tắc, nước tràn vào sân các hộ khi mưa.",
                "Nguyễn Văn Bình", "0905111222", 1, PetitionChannel.Web, 25, PetitionStatus.Closed, "quangloc.chuyenvien",
                "Thôn Đông đã tổ chức nạo vét mương ngày 10/11 với sự tham gia của Đoàn Thanh niên. Cảm ơn ông.", true),
            new("16060", "thu-tuc", "Đề nghị niêm yết rõ lệ phí chứng thực",
                "Tại Bộ phận Một cửa chưa thấy bảng niêm yết lệ phí chứng thực bản sao, người dân phải hỏi lại.",
                "Lê Thị Thu", "0915333444", null, PetitionChannel.VoterMeeting, 12, PetitionStatus.Closed, "quangloc.tiepnhan",
                "UBND xã đã niêm yết bảng lệ phí tại Bộ phận Một cửa và trên trang của xã. Xin cảm ơn bà.", true, "Tiếp xúc cử tri trước kỳ họp HĐND xã, 13/11/2026"),
            new("16060", "an-ninh", "Xe tải chạy quá tốc độ qua thôn Trung",
                "Buổi tối xe tải chở vật liệu chạy rất nhanh qua đường thôn Trung, gần trường mầm non.",
                "Trần Văn Hải", "0904555666", 5, PetitionChannel.Web, 3, PetitionStatus.Assigned, "quangloc.chuyenvien"),
        ];
        var n = 0;
        foreach (var s in seeds)
        {
            n++;
            var unit = communes[s.Commune];
            var calendar = await calendars.ForUnitAsync(unit.Id);
            var at = nowUtc.AddDays(-s.DaysAgo).Date.AddHours(2).AddMinutes(n * 7); // 09:xx Vietnam time
            var due = VietnamTime.ToUtc(PetitionClock.Due(calendar, VietnamTime.FromUtc(at), PetitionDeadlines.Default.AnswerDays, 0));
            var village = s.Village is int v ? await db.Units.FirstAsync(u => u.Code == $"{s.Commune}.{v:00}") : null;
            var category = PetitionCategories.Defaults.First(c => c.Code == s.Category);
            var assignee = s.Assignee is null ? null : staff[s.Assignee];
            var p = new Petition
            {
                UnitId = unit.Id, Code = $"PA-{s.Commune}-{VietnamTime.FromUtc(at):yyMMdd}-{n:000}", TrackingKey = $"demo-petition-{n:00}",
                Channel = s.Channel, CategoryCode = category.Code, CategoryName = category.Name, Title = s.Title, Content = s.Content,
                SenderName = s.Sender, SenderPhone = s.Phone, SenderAddress = village is null ? null : $"Bản {village.Name}, {unit.FullName}",
                ShowName = s.ShowName, ConsentPublish = true, VillageId = village?.Id, VillageName = village?.Name, Meeting = s.Meeting,
                SubmittedAt = at,
            };
            // The demo's history is played through the petition's own transitions, as staff and senders would have taken them.
            p.StartClock(at, due);
            if (assignee is not null) p.Assign(assignee.Id, assignee.FullName);
            if (s.Status == PetitionStatus.InProgress) p.Start();
            if (s.Status == PetitionStatus.NeedsInfo) p.RequestInfo(at.AddDays(1));
            db.Petitions.Add(p);
            await db.SaveChangesAsync();
            void Event(PetitionAction a, PetitionStatus st, DateTime when, string? by, string? note) =>
                db.PetitionEvents.Add(new PetitionEvent { UnitId = unit.Id, PetitionId = p.Id, At = when, Action = a, Status = st, ByName = by, Note = note });
            Event(PetitionAction.Submitted, PetitionStatus.Received, at, s.Channel == PetitionChannel.Web ? "Người gửi" : staff[s.Commune == "03298" ? "chiengsinh.tiepnhan" : "quangloc.tiepnhan"].FullName,
                PetitionLifecycle.ChannelName(s.Channel) + (s.Meeting is null ? "" : $" — {s.Meeting}"));
            if (assignee is not null) Event(PetitionAction.Assigned, PetitionStatus.Assigned, at.AddHours(3), "Lãnh đạo UBND xã", assignee.FullName);
            if (s.Status == PetitionStatus.InProgress) Event(PetitionAction.Started, PetitionStatus.InProgress, at.AddDays(1), assignee!.FullName, null);
            if (s.Status == PetitionStatus.NeedsInfo)
            {
                Event(PetitionAction.InfoRequested, PetitionStatus.NeedsInfo, p.PausedAt!.Value, assignee!.FullName,
                    "Đề nghị ông cho biết số sổ hộ nghèo và gửi ảnh hiện trạng ngôi nhà.");
            }
            if (s.Answer is not null)
            {
                var answered = at.AddDays(Math.Min(8, s.DaysAgo - 1));
                p.GiveAnswer(PetitionAction.Answered, s.Answer, answered, assignee!.FullName, approvedBy: null);
                Event(PetitionAction.Answered, PetitionStatus.Answered, answered, assignee.FullName, s.Answer);
                if (s.Satisfied is bool ok)
                {
                    p.Confirm(ok ? SatisfactionLevel.Satisfied : SatisfactionLevel.Neutral, calendar, answered.AddDays(1), PetitionDeadlines.Default.AnswerDays, out _);
                    Event(PetitionAction.Confirmed, PetitionStatus.Answered, answered.AddDays(1), "Người gửi", ok ? "Hài lòng" : "Không hài lòng");
                    Event(PetitionAction.Closed, PetitionStatus.Closed, answered.AddDays(1), "Hệ thống", "Kết thúc sau khi người gửi xác nhận.");
                    db.Ratings.Add(new Rating
                    {
                        UnitId = unit.Id, At = answered.AddDays(1), Source = RatingSource.Petition, PetitionId = p.Id, ProcedureName = $"Phản ánh: {p.CategoryName}",
                        OfficialId = assignee.Id, OfficialName = assignee.FullName, Overall = ok ? SatisfactionLevel.Satisfied : SatisfactionLevel.Dissatisfied,
                        ContentHash = $"demo-petition-{n}",
                    });
                }
            }
            await db.SaveChangesAsync();
        }
        // The two landslide reports are left unlinked on purpose: the second one's page offers the link (duplicate detection).
    }
}
