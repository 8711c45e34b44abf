using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Shared;

/// <summary>How a page ends a use case: not found stays not found; a refusal shows its messages with its status; done redirects.</summary>
public static class PageOutcomes
{
    /// <summary>Ends a use case; on success sets the notice <paramref name="done"/> (<see cref="Notices"/>) and redirects.</summary>
    public static async Task<IActionResult> FinishAsync<T>(this PageModel page, Outcome<T> outcome, string prefix, Func<Task> reload, Func<T, string> redirectTo,
        string? done = null)
    {
        if (outcome.Missing) return new NotFoundResult();
        if (outcome.Failure is { } failure)
        {
            page.Refuse(failure, prefix);
            await reload();
            return page.Page();
        }
        if (done is not null) page.Notice(done);
        return new RedirectResult(redirectTo(outcome.Value!));
    }

    /// <summary>
    /// Starts a handler that lets its use case check the input: forgets what the page's other forms bound (their defaults would
    /// only raise false alarms) but keeps every value of the posted form (<paramref name="prefix"/>, or the page's own top-level
    /// fields for "") that could not be read as its type: "abc" typed for a number, a choice the list does not have. Such a value
    /// would otherwise reach the use case as the type's default and be saved as if the official had chosen it. Returns whether
    /// one was refused; the caller shows the page again, with the refusal's status (422).
    /// </summary>
    public static bool RefuseUnreadableValues(this PageModel page, string prefix)
    {
        var kept = page.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 } && !string.IsNullOrWhiteSpace(e.Value.AttemptedValue)
                && (prefix.Length == 0 ? !e.Key.Contains('.') : e.Key.StartsWith(prefix + ".", StringComparison.Ordinal)))
            .Select(e => (e.Key, e.Value!.AttemptedValue, Messages: e.Value.Errors.Select(x => x.ErrorMessage).Where(m => m.Length > 0).ToList()))
            .ToList();
        page.ModelState.Clear();
        foreach (var (key, attempted, messages) in kept)
        {
            page.ModelState.SetModelValue(key, rawValue: null, attemptedValue: attempted);
            foreach (var m in messages.DefaultIfEmpty("Giá trị không hợp lệ.")) page.ModelState.AddModelError(key, m);
        }
        if (kept.Count > 0) page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return kept.Count > 0;
    }

    /// <summary>
    /// Checks one of the page's forms alone: forgets what the page's other forms bound, refuses the posted form's unreadable
    /// values (<see cref="RefuseUnreadableValues"/>), and validates its model under its prefix. A form whose fields are all
    /// missing from the post binds without its prefix, so its rules would otherwise fire under bare names (and be thrown away
    /// with the other forms' errors): a crafted post with no fields is refused like an empty form. Returns whether it is valid.
    /// </summary>
    public static bool ValidForm(this PageModel page, string prefix, object model) =>
        !page.RefuseUnreadableValues(prefix) & page.TryValidateModel(model, prefix);

    /// <summary>
    /// Puts a refusal on the page being shown again: a broken rule beside its field, any other refusal (already rated, too many
    /// tries, changed meanwhile) at the top of the form; the response carries the refusal's status (Problems.StatusOf).
    /// </summary>
    /// <summary>
    /// Shows the page again with a refusal beside one field, whatever field the refusal names (a limit reached, a wrong code),
    /// with the refusal's status (429 when a limit is reached).
    /// </summary>
    public static PageResult RefuseAt(this PageModel page, string field, Failure failure)
    {
        foreach (var m in failure.Messages) page.ModelState.AddModelError(field, m.Message);
        page.Response.StatusCode = Problems.StatusOf(failure);
        return page.Page();
    }

    public static void Refuse(this PageModel page, Failure failure, string prefix = "Input")
    {
        page.ModelState.AddTo(failure.Messages, prefix);
        page.Response.StatusCode = Problems.StatusOf(failure);
    }
}
