using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>Hồ sơ: the commune's dossiers, newest first (the tenant filter keeps other communes out).</summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class IndexModel(AppDbContext db, Processing processing) : PageModel
{
    /// <summary>"sap-den-han": due within a working day; "tre-han": late; empty: all.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "loc")] public string? Filter { get; set; }
    /// <summary>"toi": the dossiers I hold.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "nguoi-xu-ly")] public string? Holder { get; set; }
    public List<DossierView> Dossiers { get; private set; } = [];
    public int DueSoonCount { get; private set; }
    public int LateCount { get; private set; }
    public int LateWithoutApologyCount { get; private set; }

    public async Task OnGetAsync()
    {
        var q = db.Dossiers.AsNoTracking();
        if (Holder == "toi") { var me = User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier); q = q.Where(d => d.AssigneeId == me); }
        var rows = await q.OrderByDescending(d => d.ReceivedAt).Take(300).ToListAsync();
        var views = await processing.ViewsOfAsync(rows);
        (DueSoonCount, LateCount, LateWithoutApologyCount) = (views.Count(v => v.DueSoon), views.Count(v => v.Late), views.Count(v => v.LateWithoutApology));
        Dossiers = Filter switch
        {
            "sap-den-han" => views.Where(v => v.DueSoon).ToList(),
            "tre-han" => views.Where(v => v.Late).ToList(),
            _ => views,
        };
    }
}
