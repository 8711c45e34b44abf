using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// A refused form speaks the reader's language. The rules' messages are written once, in Vietnamese, where the rule lives
/// (a use case's <c>RuleViolation</c>, a page's own check); the data annotations' messages are translated by the framework,
/// but these are not. Just before a page is shown again, each message that has an entry in the reader's language is replaced
/// by it; a message built with values (a name, a date) keeps its Vietnamese. Every fixed message has an English entry
/// (LocalizationTests).
/// </summary>
public sealed class TranslatedErrors : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is not PageResult || context.ModelState.IsValid || CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi") return;
        var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        foreach (var entry in context.ModelState.Values)
            for (var i = 0; i < entry.Errors.Count; i++)
                if (entry.Errors[i].ErrorMessage is { Length: > 0 } message && l[message] is { ResourceNotFound: false } translated)
                    entry.Errors[i] = new ModelError(translated.Value);
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
