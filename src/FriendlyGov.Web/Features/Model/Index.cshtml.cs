using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Model;

/// <summary>
/// Mô hình của xã: the record, the board, the plan, the readiness review, proposals and the commitment. The commune's staff
/// work here (the leader decides); a supervisor reads a commune of their area with ?xa=code.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(Models models, Commitments commitments, Inspections inspections, UnitAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Xa { get; set; }
    [BindProperty] public CreateModelInput Create { get; set; } = new() { Name = ModelTemplates.DefaultName, Year = DateTime.UtcNow.AddHours(7).Year };
    [BindProperty] public ModelRecordInput Record { get; set; } = new();
    [BindProperty] public MemberInput Member { get; set; } = new();
    [BindProperty] public TaskInput Task { get; set; } = new();
    [BindProperty] public RateInput Rate { get; set; } = new();
    [BindProperty] public ProposalInput Proposal { get; set; } = new();
    [BindProperty] public string? CommitmentText { get; set; }
    [BindProperty] public string? TypedName { get; set; }
    [BindProperty] public int ItemId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public EventInput Event { get; set; } = new();
    [BindProperty] public ModelFileKind FileKind { get; set; } = ModelFileKind.LaunchPhoto;
    [BindProperty] public int? FileOwner { get; set; }
    [BindProperty] public InspectionPlanInput Plan { get; set; } = new();
    [BindProperty] public InspectionResultInput Result { get; set; } = new();
    [BindProperty] public RecommendationInput Recommendation { get; set; } = new();
    [BindProperty] public ReportInput Report { get; set; } = new();
    [BindProperty] public ReviewInput Review { get; set; } = new();
    public List<InspectionView> Visits { get; private set; } = [];
    public bool Supervisor { get; private set; }
    public AdministrativeUnit Unit { get; private set; } = null!;
    public ModelView? View { get; private set; }
    public bool Own { get; private set; }
    public bool Leader { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (View is not null) Record = FromModel(View.Model);
        return Page();
    }

    private static ModelRecordInput FromModel(CommuneModel m) => new()
    {
        Stage = m.Stage, LaunchedOn = m.LaunchedOn, LaunchPlace = m.LaunchPlace, LaunchGuests = m.LaunchGuests, LaunchMinutes = m.LaunchMinutes,
        BoardName = m.BoardName, DecisionNumber = m.DecisionNumber, DecisionDate = m.DecisionDate, DecisionSigner = m.DecisionSigner,
        Regulation = m.Regulation, Version = m.Version,
    };

    public Task<IActionResult> OnPostCreateAsync() => RunAsync(() => models.CreateAsync(Unit, Create, User), "Đã khởi tạo mô hình", "Create");
    public Task<IActionResult> OnPostRecordAsync() => RunAsync(() => models.UpdateRecordAsync(Unit, Record, User), "Đã lưu thông tin mô hình", "Record");
    public Task<IActionResult> OnPostMemberAsync() => RunAsync(() => models.AddMemberAsync(Unit, Member, User), "Đã thêm thành viên Ban", "Member");
    public Task<IActionResult> OnPostEndMemberAsync() => RunAsync(() => models.EndMemberAsync(Unit, ItemId, new EndMemberInput { Reason = Reason }, User), "Đã ghi thôi nhiệm vụ", "Member");
    public Task<IActionResult> OnPostTaskAsync() => RunAsync(() => models.UpdateTaskAsync(Unit, ItemId, Task, User), "Đã cập nhật nhiệm vụ", "Task");
    public Task<IActionResult> OnPostRateAsync() => RunAsync(() => models.RateAsync(Unit, ItemId, Rate, User), "Đã lưu đánh giá điều kiện", "Rate");
    public Task<IActionResult> OnPostProposeAsync() => RunAsync(() => models.RaiseAsync(Unit, Proposal, User), "Đã gửi đề xuất lên Ban Chỉ đạo cấp trên", "Proposal");
    public Task<IActionResult> OnPostPublishAsync() => RunAsync(() => commitments.PublishTextAsync(Unit, CommitmentText, User), "Đã ban hành nội dung cam kết mới", "");
    public Task<IActionResult> OnPostSignAsync() => RunAsync(() => commitments.SignAsync(Unit, TypedName, User), "Đã ký cam kết", "");
    public Task<IActionResult> OnPostEventAsync() => RunAsync(() => models.SaveEventAsync(Unit, null, Event, User), "Đã ghi hoạt động tập huấn, tuyên truyền", "Event");
    public Task<IActionResult> OnPostDeleteFileAsync() => RunAsync(() => models.DeleteFileAsync(Unit, ItemId, User), "Đã xóa tệp", "");

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        var upload = await FileUploads.FromFormAsync(file, Models.MaxFileBytes);
        return await RunAsync(() => models.UploadAsync(Unit, FileKind, FileOwner, upload, User), "Đã tải tệp lên", "");
    }

    // The commune's leader reports on a recommendation; the supervising board plans, records and reviews.
    public Task<IActionResult> OnPostReportAsync() => RunAsync(() => inspections.ReportAsync(ItemId, Report, User), "Đã báo cáo kết quả thực hiện kiến nghị", "Report");
    public Task<IActionResult> OnPostPlanAsync() => SuperviseAsync(() => inspections.PlanAsync(Unit.Code, Plan, User), "Đã lên kế hoạch kiểm tra", "Plan");
    public Task<IActionResult> OnPostResultAsync() => SuperviseAsync(() => inspections.RecordAsync(ItemId, Result, User), "Đã ghi kết quả kiểm tra", "Result");
    public Task<IActionResult> OnPostRecommendAsync() => SuperviseAsync(() => inspections.RecommendAsync(ItemId, Recommendation, User), "Đã ghi kiến nghị", "Recommendation");
    public Task<IActionResult> OnPostReviewAsync() => SuperviseAsync(() => inspections.ReviewAsync(ItemId, Review, User), "Đã đánh giá kết quả thực hiện kiến nghị", "Review");

    /// <summary>Whether this request is a failed save of the given item by the given handler, so its form comes back open.</summary>
    public bool Failed(string handler, int itemId) =>
        HttpMethods.IsPost(Request.Method) && !ModelState.IsValid && ItemId == itemId
        && string.Equals(Request.Query["handler"], handler, StringComparison.OrdinalIgnoreCase);

    private async Task<IActionResult> SuperviseAsync<T>(Func<Task<Outcome<T>>> action, string done, string prefix)
    {
        if (!await LoadAsync() || !Supervisor) return NotFound();
        return await FinishAsync(action, done, prefix);
    }

    private async Task<IActionResult> RunAsync<T>(Func<Task<Outcome<T>>> action, string done, string prefix)
    {
        if (!await LoadAsync() || !Own) return NotFound();
        return await FinishAsync(action, done, prefix);
    }

    private async Task<IActionResult> FinishAsync<T>(Func<Task<Outcome<T>>> action, string done, string prefix)
    {
        if (this.RefuseUnreadableValues(prefix)) return Page();
        return await this.FinishAsync(await action(), prefix, LoadAsync, _ => Own ? "/can-bo/mo-hinh" : $"/can-bo/mo-hinh?xa={Unit.Code}", done);
    }

    private async Task<bool> LoadAsync()
    {
        var code = Xa;
        if (string.IsNullOrWhiteSpace(code))
        {
            if (User.UnitId() is not int home) return false;
            code = (await models.UnitCodeAsync(home));
        }
        if (await models.CommuneAsync(code) is not { } unit) return false;
        Unit = unit;
        Supervisor = await access.MayAsync(User, unit.Id, UnitOperations.Supervise);
        Own = await access.MayAsync(User, unit.Id, UnitOperations.Work);
        Leader = await access.MayAsync(User, unit.Id, UnitOperations.Lead);
        View = await models.ViewAsync(unit);
        Visits = await inspections.ListAsync(unit.Id);
        return true;
    }
}
