using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>"Dân vận khéo": what the people raise, by field, village and month; hot spots; how well and how fast they are answered.</summary>
[Authorize(Policy = Policies.LeaderOrSupervisor)]
public sealed class StatsModel(PetitionStats stats) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    public PetitionStatsDto Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (await LoadAsync() is { } problem) return problem;
        static Dictionary<string, object?> Row(string group, string key, Core.Domain.PetitionFigures f) => new()
        {
            ["Nhóm"] = group, ["Tên"] = key, ["Tổng số"] = f.Total, ["Đang xử lý"] = f.Open, ["Quá hạn"] = f.Overdue, ["Đã trả lời"] = f.Answered,
            ["Trả lời đúng hạn (%)"] = f.OnTimeRate, ["Người gửi xác nhận"] = f.Confirmed, ["Hài lòng (%)"] = f.SatisfiedRate, ["Phản ánh lặp lại"] = f.Repeated,
        };
        var rows = new List<Dictionary<string, object?>> { Row("Toàn bộ", Report.UnitName, Report.Total) };
        rows.AddRange(Report.ByCommune.Select(r => Row("Xã, phường", r.Key, r.Figures)));
        rows.AddRange(Report.ByCategory.Select(r => Row("Lĩnh vực", r.Key, r.Figures)));
        rows.AddRange(Report.ByVillage.Select(r => Row("Thôn, bản", r.Key, r.Figures)));
        rows.AddRange(Report.ByMonth.Select(r => Row("Tháng", r.Key, r.Figures)));
        var hot = Report.HotSpots.Select(h => new Dictionary<string, object?> { ["Loại"] = h.Kind, ["Tên"] = h.Name, ["Đang xử lý"] = h.Open, ["Lặp lại"] = h.Repeated, ["Tổng số"] = h.Total }).ToList();
        return await Spreadsheets.FileAsync(new Dictionary<string, object> { ["Tổng hợp"] = rows, ["Điểm nóng"] = hot }, null, $"phan-anh-kien-nghi-{Report.Unit}-{Report.From:yyyyMMdd}-{Report.To:yyyyMMdd}.xlsx");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var outcome = await stats.BuildAsync(Unit, From, To, User);
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError("", e.Message);
            outcome = await stats.BuildAsync(Unit, null, null, User);
            if (!outcome.Ok) return NotFound();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        Report = outcome.Value!;
        (Unit, From, To) = (Report.Unit, Report.From, Report.To);
        return null;
    }
}
