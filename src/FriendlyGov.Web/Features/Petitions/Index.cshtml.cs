using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>Phản ánh, kiến nghị for staff: due soon, overdue and escalated first; a supervisor sees what escalated to them.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(PetitionQueries petitions) : PageModel
{
    public List<PetitionRow> Rows { get; private set; } = [];
    public List<PetitionRow> Open { get; private set; } = [];
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Status { get; set; } = "open";
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public bool Escalated { get; set; }

    public async Task OnGetAsync()
    {
        Open = await petitions.ListAsync(new PetitionFilter("open", Take: 2000), User);
        Rows = await petitions.ListAsync(new PetitionFilter(string.IsNullOrWhiteSpace(Status) ? null : Status, Q: string.IsNullOrWhiteSpace(Q) ? null : Q,
            Mine: Mine, EscalatedOnly: Escalated), User);
        Rows = Rows.OrderByDescending(r => r.Escalation).ThenByDescending(r => r.Overdue).ThenByDescending(r => r.DueSoon).ThenBy(r => r.Due).ToList();
    }
}
