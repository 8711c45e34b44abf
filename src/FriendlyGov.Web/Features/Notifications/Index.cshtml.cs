using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Notifications;

/// <summary>
/// Thông báo đã gửi: the commune's delivery log (a supervisor's: the subtree's, addresses masked), filtered; the leader turns
/// each moment on or off for the commune and sends a failed message again.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(NotificationLog log, ChannelDirectory directory, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public NotificationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public NotificationChannel? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public NotificationMoment? Moment { get; set; }
    [BindProperty(SupportsGet = true)] public string? Dossier { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;
    /// <summary>The moments the leader keeps on (the form's ticked boxes).</summary>
    [BindProperty] public List<NotificationMoment> On { get; set; } = [];

    public NotificationPage Result { get; private set; } = new(0, 1, NotificationsSetup.PageSize, []);
    public ChannelSettings Channels { get; private set; } = new();
    public long Muted { get; private set; }
    public bool IsLeader => User.IsInRole(Roles.CommuneLeader) && User.UnitId() is not null;

    public static readonly NotificationMoment[] Moments = Enum.GetValues<NotificationMoment>();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostMomentsAsync()
    {
        if (!IsLeader) return Forbid();
        var unit = User.UnitId()!.Value;
        var muted = NotificationRules.MuteMask(Moments.Where(m => !On.Contains(m)));
        var profile = await db.CommuneProfiles.FirstOrDefaultAsync(p => p.UnitId == unit);
        if (profile is null) db.CommuneProfiles.Add(new CommuneProfile { UnitId = unit, MutedMoments = muted });
        else profile.MutedMoments = muted;
        await db.SaveChangesAsync();
        this.Notice("Đã lưu các thông báo xã gửi.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id)
    {
        if (!IsLeader) return Forbid();
        var problem = await log.RetryAsync(id);
        if (problem is null) return NotFound();
        this.Notice(problem.Length > 0 ? problem : "Đã đưa thông báo vào hàng chờ gửi lại.");
        return RedirectToPage(new { Dossier, trang = PageNumber });
    }

    private async Task LoadAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Result = await log.SearchAsync(new NotificationFilter(Status, Channel, Moment, Dossier, null, PageNumber));
        if (User.UnitId() is int unit)
        {
            Channels = await directory.ForUnitAsync(unit);
            Muted = await db.CommuneProfiles.AsNoTracking().Where(p => p.UnitId == unit).Select(p => p.MutedMoments).FirstOrDefaultAsync();
        }
        else Channels = directory.Options;
    }
}
