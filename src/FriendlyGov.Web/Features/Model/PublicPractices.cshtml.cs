using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Model;

/// <summary>The public reads what the communes published: no names of people, only the commune, the way and the results.</summary>
public sealed class PublicPracticesModel(Practices practices) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<PracticeRow> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await practices.PublishedAsync(Q?.Length > 200 ? Q[..200] : Q);
}
