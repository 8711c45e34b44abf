using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;

namespace FriendlyGov.Web.Features.Model;

/// <summary>Nhân rộng mô hình: the roll-out of the supervisor's area in one table, replication in one action, and the communes' proposals.</summary>
[Authorize(Policy = Policies.LeaderOrSupervisor)]
[ReadsMayLag] // the dashboard of the area: its GET may read on the standby
public sealed class RolloutModel(Models models, ReplicateModel replicate, Rollout rollout) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "sap-xep")] public string? Sort { get; set; }
    [BindProperty] public ReplicateInput Replicate { get; set; } = new() { Name = ModelTemplates.DefaultName };
    [BindProperty] public AnswerInput Answer { get; set; } = new();
    [BindProperty] public int ProposalId { get; set; }
    public List<RolloutRow> Rows { get; private set; } = [];

    /// <summary>The communes that have coordinates, placed on a 640 × 420 drawing.</summary>
    public List<(RolloutRow Row, double X, double Y)> MapPoints
    {
        get
        {
            var placed = Rows.Where(r => r.Latitude is not null && r.Longitude is not null).ToList();
            var xy = RolloutMath.Fit(placed.Select(r => (r.Latitude!.Value, r.Longitude!.Value)).ToList(), 640, 420, 40);
            return placed.Select((r, i) => (r, xy[i].X, xy[i].Y)).ToList();
        }
    }

    public static string StageColour(ModelStage? s) => s switch
    {
        null => "#9aa5b1", ModelStage.Chosen => "#f0b429", ModelStage.Preparing => "#de911d", ModelStage.Launched => "#2f8132",
        ModelStage.Operating => "#0b6e4f", _ => "#1f4e79",
    };
    public List<(ModelProposal Proposal, string Commune)> Proposals { get; private set; } = [];
    public List<ReplicateResult>? Results { get; private set; }
    public bool Supervisor => User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var rows = Rows.Select(r => new Dictionary<string, object?>
        {
            ["Mã xã"] = r.Code, ["Xã, phường"] = r.Name, ["Loại"] = r.Kind is null ? "Chưa có mô hình" : r.Kind == ModelKind.Pilot ? "Điểm" : "Nhân rộng",
            ["Giai đoạn"] = r.Stage is { } s ? ModelTemplates.StageName(s) : "", ["Tiến độ kế hoạch (%)"] = r.Figures?.PlanProgress,
            ["Nhiệm vụ trễ hạn"] = r.Figures?.LateTasks, ["Điều kiện đạt (%)"] = r.Figures?.Readiness, ["Cán bộ đã ký cam kết (%)"] = r.Figures?.SignedShare,
            ["Đề xuất chờ trả lời"] = r.OpenProposals, ["Hồ sơ đúng hạn (%)"] = r.OnTimeRate, ["Tỷ lệ hài lòng (%)"] = r.SatisfactionRate, ["Số phiếu đánh giá"] = r.Ratings,
            ["Kiến nghị kiểm tra chưa hoàn thành"] = r.OpenRecommendations, ["Kiến nghị quá hạn"] = r.OverdueRecommendations,
            ["Kiểm tra gần nhất"] = r.LastInspection?.ToString("dd/MM/yyyy"), ["Buổi tập huấn, tuyên truyền"] = r.Events,
            ["Nội dung công khai năm nay"] = r.Disclosed, ["Đồng thuận giải phóng mặt bằng (%)"] = r.Consensus,
        }).ToList();
        return await Spreadsheets.FileAsync(rows, "Nhân rộng mô hình", "nhan-rong-mo-hinh.xlsx");
    }

    public async Task<IActionResult> OnPostReplicateAsync()
    {
        if (this.RefuseUnreadableValues("Replicate")) return await LoadAsync() ? Page() : NotFound();
        var outcome = await replicate.HandleAsync(Replicate, User);
        if (!await LoadAsync()) return NotFound();
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors, "Replicate");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Results = outcome.Value;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync()
    {
        if (this.RefuseUnreadableValues("Answer")) return await LoadAsync() ? Page() : NotFound();
        var outcome = await models.AnswerAsync(ProposalId, Answer, User);
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors, "Answer");
            if (!await LoadAsync()) return NotFound();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        this.Notice("Đã trả lời đề xuất");
        return Redirect("/can-bo/nhan-rong");
    }

    private async Task<bool> LoadAsync()
    {
        var outcome = await rollout.BuildAsync(null, User);
        if (!outcome.Ok) return false;
        Rows = Sort switch
        {
            "tien-do" => [.. outcome.Value!.OrderByDescending(r => r.Figures?.PlanProgress ?? -1)],
            "hai-long" => [.. outcome.Value!.OrderByDescending(r => r.SatisfactionRate ?? -1)],
            "cam-ket" => [.. outcome.Value!.OrderByDescending(r => r.Figures?.SignedShare ?? -1)],
            "de-xuat" => [.. outcome.Value!.OrderByDescending(r => r.OpenProposals)],
            "kien-nghi" => [.. outcome.Value!.OrderByDescending(r => r.OverdueRecommendations).ThenByDescending(r => r.OpenRecommendations)],
            "cong-khai" => [.. outcome.Value!.OrderBy(r => r.Disclosed)],
            "dong-thuan" => [.. outcome.Value!.OrderBy(r => r.Consensus ?? 101)],
            _ => outcome.Value!,
        };
        if (Supervisor) Proposals = await models.ProposalsForSupervisorAsync();
        return true;
    }
}
