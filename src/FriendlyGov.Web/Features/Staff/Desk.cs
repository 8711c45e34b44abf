using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Democracy;
using FriendlyGov.Web.Features.Dossiers;
using FriendlyGov.Web.Features.NoticeBoard;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Staff;

/// <summary>One thing waiting for the reader: what (a Vietnamese text key), how many, where to do it, and whether it is late.</summary>
public sealed record DeskItem(string Text, int Count, string Href, bool Urgent);

/// <summary>
/// Việc cần làm: what waits for this person across the commune's work (dossiers, the model, the notice board, the people's
/// comments, land clearance) or, for a supervisor, across their area. Only what has something to do is listed, late first.
/// The tenant filter keeps each query inside the reader's commune or area.
/// </summary>
public sealed class Desk(AppDbContext db, WorkQueue queue, Clearance clearance, TimeProvider clock, FriendlyGov.Web.Features.Audit.AuditLog audit)
{
    /// <summary>A list that keeps only items with something to do.</summary>
    private sealed class Items : List<DeskItem>
    {
        public void Add(string text, int count, string href, bool urgent = false)
        {
            if (count > 0) Add(new DeskItem(text, count, href, urgent));
        }
    }

    /// <summary>The items the desk page makes from counts it already has for its cards (petitions, follow-ups).</summary>
    public static List<DeskItem> FromCounts((int Open, int Mine, int DueSoon, int Overdue) petitions, (int Open, int Overdue) followUps, bool supervisor)
    {
        var items = new Items();
        if (supervisor) items.Add("Phản ánh, kiến nghị quá hạn, báo cáo cấp trên", petitions.Overdue, "/can-bo/phan-anh?escalated=true", urgent: true);
        else items.Add("Phản ánh, kiến nghị quá hạn", petitions.Overdue, "/can-bo/phan-anh", urgent: true);
        items.Add("Phản ánh, kiến nghị giao cho tôi", petitions.Mine, "/can-bo/phan-anh?mine=true");
        items.Add("Đánh giá chưa hài lòng quá hạn phản hồi", followUps.Overdue, "/can-bo/hai-long/phan-hoi", urgent: true);
        items.Add("Đánh giá chưa hài lòng cần liên hệ, phản hồi", followUps.Open - followUps.Overdue, "/can-bo/hai-long/phan-hoi");
        return items;
    }

    /// <param name="openDossiers">The commune's open dossiers when the caller has read them already (the desk's queue).</param>
    public async Task<List<DeskItem>> ItemsAsync(ClaimsPrincipal user, IReadOnlyList<DossierView>? openDossiers = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(now));
        var leader = user.IsInRole(Roles.CommuneLeader);
        var supervisor = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin);
        var communeStaff = Roles.CommuneStaff.Any(user.IsInRole) && user.UnitId() is not null;
        var items = new Items();

        // A failed verification of the audit log waits here until a verification finds it intact again.
        if (supervisor && await audit.OpenAlarmAsync() is { } alarm)
            items.Add($"Nhật ký bị sửa đổi — {alarm.Break?.Describe() ?? "kiểm tra không đạt"} (kiểm tra {alarm.Trigger} lúc {VietnamTime.FromUtc(alarm.At):dd/MM/yyyy HH:mm})",
                1, "/nhat-ky", urgent: true);

        if (communeStaff)
        {
            // A dossier with its result ready is neither late nor due: it counts in neither.
            var views = openDossiers ?? await queue.OpenDossiersAsync();
            items.Add("Hồ sơ trễ hạn", views.Count(v => v.Late), "/can-bo/ho-so?loc=tre-han", urgent: true);
            items.Add("Hồ sơ sắp đến hạn", views.Count(v => v.DueSoon), "/can-bo/ho-so?loc=sap-den-han");

            var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var text = await db.CommitmentTexts.AsNoTracking().Where(t => t.UnitId == user.UnitId()).OrderByDescending(t => t.Number).FirstOrDefaultAsync();
            if (text is not null && !await db.CommitmentSignatures.AnyAsync(s => s.TextId == text.Id && s.UserId == me))
                items.Add("Bạn chưa ký cam kết thực hiện mô hình", 1, "/can-bo/mo-hinh#cam-ket");

            var since = now.AddDays(-7);
            items.Add("Ý kiến góp ý mới của nhân dân (7 ngày)", await db.ConsultationComments.CountAsync(c => c.At >= since && c.HiddenReason == null
                && db.Consultations.Any(x => x.Id == c.ConsultationId && x.ClosesOn >= today)), "/can-bo/dan-chu#lay-y-kien");
        }
        if (leader)
        {
            items.Add("Nhiệm vụ kế hoạch trễ hạn", await db.PlanTasks.CountAsync(t => t.Status != PlanTaskStatus.Done && t.Due < today), "/can-bo/mo-hinh#ke-hoach", urgent: true);
            items.Add("Kiến nghị sau kiểm tra quá hạn", await db.Recommendations.CountAsync(r => r.Status == RecommendationStatus.Open && r.Deadline < today), "/can-bo/mo-hinh#kiem-tra", urgent: true);
            items.Add("Kiến nghị sau kiểm tra cần thực hiện", await db.Recommendations.CountAsync(r => r.Status == RecommendationStatus.Open && r.Deadline >= today), "/can-bo/mo-hinh#kiem-tra");
            items.Add("Dự thảo đã hết hạn lấy ý kiến, chưa công bố kết quả tổng hợp", await db.Consultations.CountAsync(c => c.ClosesOn < today && c.SummaryPublishedAt == null), "/can-bo/dan-chu#lay-y-kien");
            items.Add("Nội dung công khai chờ niêm yết", await db.Disclosures.CountAsync(d => d.PostedOn == null && d.TakenDownAt == null && d.ArchivedAt == null), "/can-bo/cong-khai");
            var onTheBoard = await db.Disclosures.AsNoTracking().Where(d => d.PostedOn != null && d.TakenDownAt == null && d.ArchivedAt == null).ToListAsync();
            items.Add("Nội dung công khai đã đủ thời gian niêm yết, có thể lưu trữ",
                onTheBoard.Count(d => d.StateOn(today) == DisclosureState.PeriodFulfilled), "/can-bo/cong-khai");
        }
        if (supervisor)
        {
            items.Add("Đề xuất của các xã chờ trả lời", await db.Proposals.CountAsync(p => p.Status == ProposalStatus.Open), "/can-bo/nhan-rong#de-xuat", urgent: true);
            items.Add("Báo cáo thực hiện kiến nghị chờ xem xét", await db.Recommendations.CountAsync(r => r.Status == RecommendationStatus.Reported), "/can-bo/nhan-rong");
            items.Add("Kiến nghị sau kiểm tra quá hạn", await db.Recommendations.CountAsync(r => r.Status == RecommendationStatus.Open && r.Deadline < today), "/can-bo/nhan-rong", urgent: true);
        }
        if (leader || supervisor)
        {
            items.Add("Hộ chưa đồng thuận chưa được gặp trong 30 ngày", await clearance.NotAgreedUnvisitedCountAsync(), "/can-bo/giai-phong-mat-bang");
        }
        return [.. items.OrderByDescending(i => i.Urgent)];
    }
}
