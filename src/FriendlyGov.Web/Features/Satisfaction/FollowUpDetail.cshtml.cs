using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>One follow-up: the rating, the contact the citizen left, and the record of what the commune did.</summary>
[Authorize(Policy = Policies.Leader)]
public sealed class FollowUpDetailModel(FollowUps followUps) : PageModel
{
    [BindProperty] public FollowUpInput Input { get; set; } = new();
    public FollowUpView View { get; private set; } = null!;

    public static string StatusName(FollowUpStatus s) => s switch
    {
        FollowUpStatus.Open => "Chưa xử lý", FollowUpStatus.InProgress => "Đang xử lý", _ => "Đã xong",
    };

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await followUps.GetAsync(id) is not { } v) return NotFound();
        View = v;
        Input.Version = v.FollowUp.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var outcome = await followUps.UpdateAsync(id, Input);
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors);
            View = (await followUps.GetAsync(id))!;
            return Page();
        }
        return Redirect(Input.Close ? "/can-bo/hai-long/phan-hoi" : $"/can-bo/hai-long/phan-hoi/{id}");
    }
}
