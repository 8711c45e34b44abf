using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Shared;

/// <summary>How a page ends a use case: not found stays not found; refused input shows its messages (422); done redirects.</summary>
public static class PageOutcomes
{
    public static async Task<IActionResult> FinishAsync<T>(this PageModel page, Outcome<T> outcome, string prefix, Func<Task> reload, Func<T, string> redirectTo)
    {
        if (outcome.Missing) return new NotFoundResult();
        if (!outcome.Ok)
        {
            page.ModelState.AddTo(outcome.Errors, prefix);
            await reload();
            page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return page.Page();
        }
        return new RedirectResult(redirectTo(outcome.Value!));
    }
}
