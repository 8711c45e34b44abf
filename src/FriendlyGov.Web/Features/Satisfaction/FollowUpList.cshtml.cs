using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>"Biết xin lỗi, biết cảm ơn": the leader's list of unhappy ratings to answer, overdue ones flagged.</summary>
[Authorize(Policy = Policies.Leader)]
public sealed class FollowUpListModel(FollowUps followUps) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tat-ca")] public bool All { get; set; }
    public List<FollowUpView> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await followUps.ListAsync(openOnly: !All);
}
