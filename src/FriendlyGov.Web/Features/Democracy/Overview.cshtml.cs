using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;

namespace FriendlyGov.Web.Features.Democracy;

/// <summary>
/// Giải phóng mặt bằng, as leaders and supervisors follow it: every project of their commune or area with its consensus, per
/// village, meetings and follow-up visits, the households behind the figures (read-only), and the land donations per commune.
/// </summary>
[Authorize(Policy = Policies.LeaderOrSupervisor)]
public sealed class OverviewModel(Clearance clearance, FriendlyGov.Core.Data.AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "du-an")] public int? ProjectId { get; set; }
    public List<OverviewRow> Rows { get; private set; } = [];
    public List<CommuneDonations> Donations { get; private set; } = [];
    public ProjectView? Current { get; private set; }

    /// <summary>Phones are for the commune that calls the household, not for the supervisors above it (Clearance.ShowsPhonesAsync).</summary>
    public bool ShowPhones { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        (Rows, Donations) = await clearance.OverviewAsync();
        if (ProjectId is int id)
        {
            Current = await clearance.ProjectAsync(id, publicView: false);
            if (Current is null) return NotFound();
            ShowPhones = await clearance.ShowsPhonesAsync(User, Current.Project.UnitId);
            await Readings.RecordAsync(db, User, Current.Project, Current.Households.Count, ShowPhones, HttpContext.RequestAborted);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        (Rows, _) = await clearance.OverviewAsync();
        var rows = Rows.Select(r => new Dictionary<string, object?>
        {
            ["Mã xã"] = r.Commune.Code, ["Xã, phường"] = r.Commune.Name, ["Dự án"] = r.Project.Name, ["Thôn, bản"] = r.Project.Villages,
            ["Số hộ bị ảnh hưởng"] = r.Consensus.Households, ["Hộ đồng thuận"] = r.Consensus.Agreed, ["Hộ chưa đồng thuận"] = r.Consensus.NotAgreed,
            ["Tỷ lệ đồng thuận (%)"] = r.Consensus.Share, ["Hộ đã bàn giao mặt bằng"] = r.HandedOver,
            ["Theo thôn, bản"] = string.Join("; ", r.ByVillage.Select(v => $"{v.Village}: {v.Consensus.Agreed}/{v.Consensus.Households}")),
            ["Cuộc họp với nhân dân"] = r.Meetings, ["Họp gần nhất"] = r.LastMeeting?.ToString("dd/MM/yyyy"),
            ["Lần vận động"] = r.Visits, ["Hộ chưa đồng thuận chưa được gặp trong 30 ngày"] = r.NotAgreedUnvisited,
        }).ToList();
        return await Spreadsheets.FileAsync(rows, "Giải phóng mặt bằng", "giai-phong-mat-bang.xlsx");
    }
}
