using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// Phản ánh của tôi: the petitions a citizen sent while signed in, in whichever unit now handles them (a transferred
/// petition is listed once, where it went), with what the citizen has to do next (add information, confirm the answer).
/// </summary>
[Authorize(Roles = Roles.Citizen)]
public sealed class MyPetitionsModel(AppDbContext db, UserManager<ApplicationUser> users) : PageModel
{
    public List<Petition> Petitions { get; private set; } = [];
    /// <summary>Each unit's full name ("xã Chiềng Sinh"), by unit id.</summary>
    public Dictionary<int, string> Units { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Petitions = await Mine(db, users.GetUserId(User)).AsNoTracking().OrderByDescending(p => p.SubmittedAt).ToListAsync();
        Units = await db.UnitNamesAsync(Petitions.Select(p => p.UnitId));
    }

    /// <summary>
    /// The account's petitions in whichever unit: the tenant filter is for staff, this query is bound to the account. The
    /// record a sending unit keeps after a transfer is left out: the petition lives on where it went.
    /// </summary>
    public static IQueryable<Petition> Mine(AppDbContext db, string? userId) =>
        db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter])
            .Where(p => userId != null && p.CitizenUserId == userId && p.Status != PetitionStatus.Transferred);

    /// <summary>What the sender should do now, or null when the unit is at work or it is over.</summary>
    public static string? NextForSender(PetitionStatus status) => status switch
    {
        PetitionStatus.NeedsInfo => "UBND đề nghị bạn bổ sung thông tin: mở phản ánh để gửi thêm.",
        PetitionStatus.Answered => "Đã có trả lời: mời bạn đọc và cho biết bạn có hài lòng không.",
        _ => null,
    };
}
