using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Democracy;
using FriendlyGov.Web.Features.Dossiers;
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
public sealed class Desk(AppDbContext db, Processing processing, Clearance clearance, TimeProvider clock)
{
    private static readonly DossierStatus[] Closed = [.. Enum.GetValues<DossierStatus>().Where(s => DossierLifecycle.IsFinal(s) || s == DossierStatus.Done)];

    public async Task<List<DeskItem>> ItemsAsync(ClaimsPrincipal user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(now));
        var leader = user.IsInRole(Roles.CommuneLeader);
        var supervisor = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin);
        var communeStaff = Roles.CommuneStaff.Any(user.IsInRole) && user.UnitId() is not null;
        var items = new List<DeskItem>();
        void Add(string text, int count, string href, bool urgent = false) { if (count > 0) items.Add(new(text, count, href, urgent)); }

        if (communeStaff)
        {
            var open = await db.Dossiers.AsNoTracking().Where(d => !Closed.Contains(d.Status)).ToListAsync();
            var views = await processing.ViewsOfAsync(open);
            Add("Hồ sơ trễ hạn", views.Count(v => v.Late), "/can-bo/ho-so?loc=tre-han", urgent: true);
            Add("Hồ sơ sắp đến hạn", views.Count(v => v.DueSoon), "/can-bo/ho-so?loc=sap-den-han");

            var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var text = await db.CommitmentTexts.AsNoTracking().Where(t => t.UnitId == user.UnitId()).OrderByDescending(t => t.Number).FirstOrDefaultAsync();
            if (text is not null && !await db.CommitmentSignatures.AnyAsync(s => s.TextId == text.Id && s.UserId == me))
                Add("Bạn chưa ký cam kết thực hiện mô hình", 1, "/can-bo/mo-hinh#cam-ket");

            var since = now.AddDays(-7);
            Add("Ý kiến góp ý mới của nhân dân (7 ngày)", await db.ConsultationComments.CountAsync(c => c.At >= since && c.HiddenReason == null
                && db.Consultations.Any(x => x.Id == c.ConsultationId && x.ClosesOn >= today)), "/can-bo/dan-chu#lay-y-kien");
        }
        if (leader)
        {
            Add("Nhiệm vụ kế hoạch trễ hạn", await db.PlanTasks.CountAsync(t => t.Status != PlanTaskStatus.Done && t.Due < today), "/can-bo/mo-hinh#ke-hoach", urgent: true);
            Add("Kiến nghị sau kiểm tra quá hạn", await db.Recommendations.CountAsync(r => r.Status == RecommendationStatus.Open && r.Deadline < today), "/can-bo/mo-hinh#kiem-tra", urgent: true);
            Add("Kiến nghị sau kiểm tra cần thực hiện", await db.Recommendations.CountAsync(r => r.Status == RecommendationStatus.Open && r.Deadline >= today), "/can-bo/mo-hinh#kiem-tra");
            Add("Dự thảo đã hết hạn lấy ý kiến, chưa công bố kết quả tổng hợp", await db.Consultations.CountAsync(c => c.ClosesOn < today && c.SummaryPublishedAt == null), "/can-bo/dan-chu#lay-y-kien");
            Add("Nội dung công khai chờ niêm yết", await db.Disclosures.CountAsync(d => d.PostedOn == null && d.TakenDownAt == null && d.ArchivedAt == null), "/can-bo/cong-khai");
            var posted = await db.Disclosures.AsNoTracking().Where(d => d.PostedOn != null && d.TakenDownAt == null && d.ArchivedAt == null && d.SupersededById == null)
                .Select(d => new { d.PostedOn, d.PostingDays }).ToListAsync();
            Add("Nội dung công khai đã đủ thời gian niêm yết, có thể lưu trữ", posted.Count(d => DisclosureRules.FulfilledOn(d.PostedOn!.Value, d.PostingDays) <= today), "/can-bo/cong-khai");
        }
        if (supervisor)
        {
            Add("Đề xuất của các xã chờ trả lời", await db.Proposals.CountAsync(p => p.Status == ProposalStatus.Open), "/can-bo/nhan-rong#de-xuat", urgent: true);
            Add("Báo cáo thực hiện kiến nghị chờ xem xét", await db.Recommendations.CountAsync(r => r.Status == RecommendationStatus.Reported), "/can-bo/nhan-rong");
            Add("Kiến nghị sau kiểm tra quá hạn", await db.Recommendations.CountAsync(r => r.Status == RecommendationStatus.Open && r.Deadline < today), "/can-bo/nhan-rong", urgent: true);
        }
        if (leader || supervisor)
        {
            var (projects, _) = await clearance.OverviewAsync();
            Add("Hộ chưa đồng thuận chưa được gặp trong 30 ngày", projects.Sum(p => p.NotAgreedUnvisited), "/can-bo/giai-phong-mat-bang");
        }
        return [.. items.OrderByDescending(i => i.Urgent)];
    }
}
