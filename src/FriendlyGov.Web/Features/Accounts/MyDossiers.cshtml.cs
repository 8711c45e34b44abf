using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>Hồ sơ của tôi: what a citizen submitted while signed in, across communes.</summary>
[Authorize(Roles = Roles.Citizen)]
public sealed class MyDossiersModel(AppDbContext db, UserManager<ApplicationUser> users) : PageModel
{
    public List<Dossier> Dossiers { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = users.GetUserId(User);
        // The citizen's own rows, across communes: the tenant filter is for staff, this query is bound to the account.
        Dossiers = await db.Dossiers.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(d => d.CitizenUserId == me).OrderByDescending(d => d.ReceivedAt).ToListAsync();
    }
}
