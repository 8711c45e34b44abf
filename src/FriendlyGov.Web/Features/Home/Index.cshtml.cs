using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Home;

public sealed class IndexModel(UnitQueries units) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<(AdministrativeUnit Commune, string Province)> Communes { get; private set; } = [];

    public async Task OnGetAsync() => Communes = await units.CommunesAsync(Q);
}
