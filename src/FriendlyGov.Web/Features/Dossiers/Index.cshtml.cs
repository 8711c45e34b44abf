using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>Hồ sơ: the commune's dossiers, newest first (the tenant filter keeps other communes out).</summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public List<Dossier> Dossiers { get; private set; } = [];

    public async Task OnGetAsync() =>
        Dossiers = await db.Dossiers.AsNoTracking().OrderByDescending(d => d.ReceivedAt).Take(200).ToListAsync();
}
