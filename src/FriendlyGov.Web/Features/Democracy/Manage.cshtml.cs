using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Democracy;

/// <summary>Dân chủ ở cơ sở (staff): consultations with moderation, summary and votes; land clearance projects and households; land donations.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class ManageModel(AppDbContext db, Consultations consultations, Clearance clearance) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "lay-y-kien")] public int? ConsultationId { get; set; }
    [BindProperty(SupportsGet = true, Name = "du-an")] public int? ProjectId { get; set; }
    [BindProperty] public ConsultationInput Consultation { get; set; } = new();
    [BindProperty] public ResponseInput Reply { get; set; } = new();
    [BindProperty] public VoteInput Vote { get; set; } = new();
    [BindProperty] public ProjectInput Project { get; set; } = new();
    [BindProperty] public HouseholdInput Household { get; set; } = new();
    [BindProperty] public MeetingInput Meeting { get; set; } = new();
    [BindProperty] public StatusInput Status { get; set; } = new();
    [BindProperty] public VisitInput Visit { get; set; } = new();
    [BindProperty] public DonationInput Donation { get; set; } = new() { ThankPublicly = true };
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public long ItemId { get; set; }
    public AdministrativeUnit Unit { get; private set; } = null!;
    public List<Consultation> Consultations { get; private set; } = [];
    public ConsultationView? Current { get; private set; }
    public List<(ClearanceProject Project, Consensus Consensus)> Projects { get; private set; } = [];
    public ProjectView? CurrentProject { get; private set; }
    public List<LandDonation> Donations { get; private set; } = [];
    /// <summary>The commune's land-recovery disclosures, any of which may be a project's compensation plan.</summary>
    public List<Disclosure> LandPlans { get; private set; } = [];
    public bool Leader => User.IsInRole(Roles.CommuneLeader);
    /// <summary>The leaders' view of who read the current project's households.</summary>
    public List<Readings.ReadView>? Reads { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (CurrentProject is { } v)
        {
            // Households' names and phones are personal data: each official's reading is logged, and the leaders see the list.
            await Readings.RecordAsync(db, User, v.Project, v.Households.Count, inFull: true, HttpContext.RequestAborted);
            if (Leader) Reads = await Readings.OfAsync(db, v.Project, ct: HttpContext.RequestAborted);
        }
        return Page();
    }

    public Task<IActionResult> OnPostConsultationAsync() => RunAsync(() => consultations.CreateAsync(Unit, Consultation, User), c => $"lay-y-kien={c.Id}", "Đã đưa dự thảo ra lấy ý kiến", "Consultation");
    public Task<IActionResult> OnPostReplyAsync() => RunAsync(() => consultations.ReplyAsync(Unit, ItemId, Text, User), _ => $"lay-y-kien={ConsultationId}", "Đã trả lời ý kiến", "");
    public Task<IActionResult> OnPostHideAsync() => RunAsync(() => consultations.HideAsync(Unit, ItemId, Text, User), _ => $"lay-y-kien={ConsultationId}", "Đã ẩn ý kiến", "");
    public Task<IActionResult> OnPostRespondAsync() => RunAsync(() => consultations.RespondAsync(Unit, ConsultationId ?? 0, Reply, User), _ => $"lay-y-kien={ConsultationId}", "Đã ghi giải trình, tiếp thu", "Reply");
    public Task<IActionResult> OnPostSummaryAsync() => RunAsync(() => consultations.PublishSummaryAsync(Unit, ConsultationId ?? 0, Text, User), _ => $"lay-y-kien={ConsultationId}", "Đã công bố kết quả tổng hợp", "");
    public Task<IActionResult> OnPostVoteAsync() => RunAsync(() => consultations.VoteAsync(Unit, ConsultationId ?? 0, Vote, User), _ => $"lay-y-kien={ConsultationId}", "Đã ghi biểu quyết của hộ", "Vote");
    public Task<IActionResult> OnPostProjectAsync() => RunAsync(() => clearance.CreateProjectAsync(Unit, Project, User), p => $"du-an={p.Id}", "Đã tạo dự án", "Project");
    public Task<IActionResult> OnPostHouseholdAsync() => RunAsync(() => clearance.AddHouseholdAsync(Unit, ProjectId ?? 0, Household, User), _ => $"du-an={ProjectId}", "Đã thêm hộ bị ảnh hưởng", "Household");
    public Task<IActionResult> OnPostMeetingAsync() => RunAsync(() => clearance.AddMeetingAsync(Unit, ProjectId ?? 0, Meeting, User), _ => $"du-an={ProjectId}", "Đã ghi cuộc họp", "Meeting");
    public Task<IActionResult> OnPostStatusAsync() => RunAsync(() => clearance.MoveAsync(Unit, (int)ItemId, Status, User), _ => $"du-an={ProjectId}", "Đã cập nhật tình trạng của hộ", "Status");
    public Task<IActionResult> OnPostVisitAsync() => RunAsync(() => clearance.VisitAsync(Unit, (int)ItemId, Visit, User), _ => $"du-an={ProjectId}", "Đã ghi lần vận động", "Visit");
    public Task<IActionResult> OnPostDonationAsync() => RunAsync(() => clearance.DonateAsync(Unit, Donation, User), _ => "", "Đã ghi hộ hiến đất", "Donation");

    private async Task<IActionResult> RunAsync<T>(Func<Task<Outcome<T>>> action, Func<T, string> query, string done, string prefix)
    {
        if (!await LoadAsync()) return NotFound();
        if (this.RefuseUnreadableValues(prefix)) return Page();
        return await this.FinishAsync(await action(), prefix, LoadAsync, v => query(v) is { Length: > 0 } q ? $"/can-bo/dan-chu?{q}" : "/can-bo/dan-chu", done);
    }

    private async Task<bool> LoadAsync()
    {
        var unitId = User.UnitId();
        if (await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId) is not { } unit) return false;
        Unit = unit;
        Consultations = await consultations.ListAsync(unit.Id);
        Current = ConsultationId is int c && Consultations.Any(x => x.Id == c) ? await consultations.ViewAsync(c, staff: true) : null;
        Projects = await clearance.ProjectsAsync(unit.Id, publicView: false);
        CurrentProject = ProjectId is int p && Projects.Any(x => x.Project.Id == p) ? await clearance.ProjectAsync(p, publicView: false) : null;
        Donations = await clearance.DonationsAsync(unit.Id);
        LandPlans = await db.Disclosures.AsNoTracking().Where(d => d.UnitId == unit.Id && d.Category == DisclosureCategory.LandRecovery && d.TakenDownAt == null && d.SupersededById == null)
            .OrderByDescending(d => d.CreatedAt).ToListAsync();
        return true;
    }
}
