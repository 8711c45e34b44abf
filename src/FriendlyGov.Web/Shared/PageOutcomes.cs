using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Shared;

/// <summary>How a page ends a use case: not found stays not found; a refusal shows its messages with its status; done redirects.</summary>
public static class PageOutcomes
{
    public static async Task<IActionResult> FinishAsync<T>(this PageModel page, Outcome<T> outcome, string prefix, Func<Task> reload, Func<T, string> redirectTo)
    {
        if (outcome.Missing) return new NotFoundResult();
        if (outcome.Failure is { } failure)
        {
            page.Refuse(failure, prefix);
            await reload();
            return page.Page();
        }
        return new RedirectResult(redirectTo(outcome.Value!));
    }

    /// <summary>
    /// Puts a refusal on the page being shown again: a broken rule beside its field, any other refusal (already rated, too many
    /// tries, changed meanwhile) at the top of the form; the response carries the refusal's status (Problems.StatusOf).
    /// </summary>
    public static void Refuse(this PageModel page, Failure failure, string prefix = "Input")
    {
        page.ModelState.AddTo(failure.Messages, prefix);
        page.Response.StatusCode = Problems.StatusOf(failure);
    }
}
