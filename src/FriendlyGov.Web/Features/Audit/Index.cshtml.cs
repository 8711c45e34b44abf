using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Audit;

/// <summary>Nhật ký thay đổi: who changed what, when, in which unit. Administrators see all and verify the chain.</summary>
[Authorize(Policy = Policies.LeaderOrSupervisor)]
public sealed class IndexModel(AuditLog log, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "nguoi")] public string? UserFilter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    /// <summary>"read": the officials' readings of citizens' records only; "change": the changes only; empty: both.</summary>
    [BindProperty(SupportsGet = true, Name = "loai")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang"), System.ComponentModel.DataAnnotations.Range(1, 100_000, ErrorMessage = "Số trang không hợp lệ.")] public int PageNumber { get; set; } = 1;

    public List<AuditRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public List<string> Entities { get; private set; } = [];
    public (AuditVerification Result, List<AuditBreakView> Breaks)? Verification { get; private set; }
    public List<CheckpointView> Checkpoints { get; private set; } = [];
    public AuditCheckView? LastCheck { get; private set; }
    /// <summary>With the readings asked for: each official's readings of the last week.</summary>
    public List<ReaderSummary>? Readers { get; private set; }

    public async Task OnGetAsync()
    {
        (Rows, Total) = await log.SearchAsync(new AuditFilter(Unit, UserFilter, Entity, From, To, PageNumber, Kind));
        Entities = await log.EntitiesAsync();
        Checkpoints = await log.CheckpointsAsync(7);
        LastCheck = await log.LastCheckAsync();
        if (Kind == "read") Readers = await log.ReadersAsync();
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        if (!User.IsInRole(Roles.Admin)) return Forbid();
        Verification = await log.VerifyAndRecordAsync(null, "manual", logger);
        await OnGetAsync();
        return Page();
    }
}
