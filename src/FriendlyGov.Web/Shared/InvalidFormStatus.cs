using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// A form sent back with its Vietnamese error messages is answered 422, not 200: programs, tests and monitoring see the
/// refusal for what it is, and browsers show the page the same.
/// </summary>
public sealed class InvalidFormStatus : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is PageResult && !context.ModelState.IsValid && !HttpMethods.IsGet(context.HttpContext.Request.Method)
            && context.HttpContext.Response.StatusCode == StatusCodes.Status200OK)
            context.HttpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
