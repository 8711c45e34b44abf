using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>
/// Chỉ số hài lòng: an official sees their own figures; a leader the commune's, by official, procedure and month; a
/// supervisor every commune of their area side by side, ranked. Excel export of what is on screen.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[ReadsMayLag] // the indices: its GET may read on the standby
public sealed class DashboardModel(SatisfactionReport report, FollowUps followUps) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "don-vi")] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "tu")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "den")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "nhom")] public ReportGrouping? GroupBy { get; set; }

    public SatisfactionReportDto Report { get; private set; } = null!;
    public SatisfactionReportDto Trend { get; private set; } = null!;
    public (int Open, int Overdue) FollowUpCounts { get; private set; }

    public static string Groups(ReportGrouping g) => g switch
    {
        ReportGrouping.Commune => "Theo xã", ReportGrouping.Official => "Theo cán bộ", ReportGrouping.Procedure => "Theo thủ tục",
        ReportGrouping.Month => "Theo tháng", ReportGrouping.Quarter => "Theo quý", _ => "Theo năm",
    };

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } problem) return problem;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (await LoadAsync() is { } problem) return problem;
        var rows = Report.Rows.Select(r => new Dictionary<string, object?>
        {
            ["Hạng"] = r.Rank, [Groups(Report.GroupBy)] = r.Label, ["Số phiếu"] = r.Figures.Ratings,
            ["Tỷ lệ hài lòng (%)"] = r.Figures.Rate, ["Điểm (0-100)"] = r.Figures.Score, ["Thay đổi điểm so với kỳ trước"] = r.ScoreChange,
            ["Thực hiện quy tắc ứng xử (%)"] = r.Figures.CodeOverall, ["Hồ sơ đã giải quyết"] = r.Figures.EndedDossiers,
            ["Hồ sơ trễ hạn"] = r.Figures.LateDossiers, ["Hồ sơ bị đánh giá không hài lòng"] = r.Figures.DissatisfiedDossiers,
            ["Mức độ hài lòng theo QĐ 766 (%)"] = r.Figures.Decision766, ["Phản hồi chưa xử lý xong"] = r.Figures.OpenFollowUps,
        }).ToList();
        return await Spreadsheets.FileAsync(rows, "Chỉ số hài lòng", $"chi-so-hai-long-{Report.Unit}-{Report.From:yyyyMMdd}-{Report.To:yyyyMMdd}.xlsx");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var outcome = await report.BuildAsync(new ReportRequest(Unit, From, To, GroupBy), User);
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError("", e.Message);
            // Fall back to the default period so the page still shows something, with the message on top.
            outcome = await report.BuildAsync(new ReportRequest(Unit, null, null, GroupBy), User);
            if (!outcome.Ok) return NotFound();
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Report = outcome.Value!;
        Unit = Report.Unit;
        GroupBy = Report.GroupBy;
        var trend = await report.BuildAsync(new ReportRequest(Report.Unit, Report.From, Report.To, ReportGrouping.Month), User);
        Trend = trend.Value!;
        if (User.IsInRole(Core.Data.Roles.CommuneLeader)) FollowUpCounts = await followUps.CountsAsync();
        return null;
    }
}
