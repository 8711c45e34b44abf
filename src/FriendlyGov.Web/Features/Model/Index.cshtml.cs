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
public sealed class IndexModel(Models models) : PageModel
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
    public AdministrativeUnit Unit { get; private set; } = null!;
    public ModelView? View { get; private set; }
    public bool Own => User.UnitId() == Unit.Id && Roles.CommuneStaff.Any(User.IsInRole);
    public bool Leader => Models.IsLeader(User, Unit.Id);
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? ok = null)
    {
        if (!await LoadAsync()) return NotFound();
        Done = ok;
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
    public Task<IActionResult> OnPostPublishAsync() => RunAsync(() => models.PublishTextAsync(Unit, CommitmentText, User), "Đã ban hành nội dung cam kết mới", "");
    public Task<IActionResult> OnPostSignAsync() => RunAsync(() => models.SignAsync(Unit, TypedName, User), "Đã ký cam kết", "");

    private async Task<IActionResult> RunAsync<T>(Func<Task<Outcome<T>>> action, string done, string prefix)
    {
        if (!await LoadAsync() || !Own) return NotFound();
        ModelState.Clear();
        var outcome = await action();
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors, prefix);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect($"/can-bo/mo-hinh?ok={Uri.EscapeDataString(done)}");
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
        View = await models.ViewAsync(unit);
        return true;
    }
}
