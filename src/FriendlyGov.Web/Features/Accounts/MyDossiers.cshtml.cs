using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// Hồ sơ của tôi: what a citizen submitted while signed in, across communes: where, when, when the result is due, and what
/// the citizen has to do next (bring a paper, collect the result).
/// </summary>
[Authorize(Roles = Roles.Citizen)]
public sealed class MyDossiersModel(AppDbContext db, UserManager<ApplicationUser> users) : PageModel
{
    public List<Dossier> Dossiers { get; private set; } = [];
    /// <summary>Each commune's full name ("xã Chiềng Sinh"), by unit id.</summary>
    public Dictionary<int, string> Communes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = users.GetUserId(User);
        // The citizen's own rows, across communes: the tenant filter is for staff, this query is bound to the account.
        Dossiers = await db.Dossiers.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(d => d.CitizenUserId == me).OrderByDescending(d => d.ReceivedAt).ToListAsync();
        Communes = await db.UnitNamesAsync(Dossiers.Select(d => d.UnitId));
    }

    /// <summary>What the citizen should do now, or null when the commune is at work.</summary>
    public static string? NextForCitizen(DossierStatus status) => status switch
    {
        DossierStatus.Registered => "Bộ phận Một cửa đang kiểm tra hồ sơ; bạn sẽ nhận phiếu hẹn khi hồ sơ được tiếp nhận.",
        DossierStatus.SupplementRequested => "Cần bổ sung giấy tờ: mở hồ sơ để xem giấy tờ cần nộp thêm.",
        DossierStatus.PaymentRequested => "Cần thực hiện nghĩa vụ tài chính (phí, lệ phí): liên hệ Bộ phận Một cửa của xã.",
        DossierStatus.Done => "Đã có kết quả: mời bạn đến Bộ phận Một cửa nhận, mang theo giấy tờ tùy thân.",
        _ => null,
    };
}
