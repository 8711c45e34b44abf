using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Units;

[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(UnitQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool History { get; set; } = true;
    public List<UnitNodeDto> Tree { get; private set; } = [];

    public async Task OnGetAsync() => Tree = await queries.TreeAsync(History);
}
