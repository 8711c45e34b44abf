using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

/// <summary>The outcome of a use case that pages and endpoints both call: a value, or the business refusal (<see cref="Failure"/>).</summary>
public sealed record Outcome<T>(T? Value, Failure? Failure)
{
    public bool Ok => Failure is null;
    public bool Missing => Failure is Failure.NotFound;

    /// <summary>The refusal as messages (<see cref="Failure.Messages"/>); none on success.</summary>
    public IReadOnlyList<RuleViolation> Errors => Failure?.Messages ?? [];

    public static Outcome<T> Success(T value) => new(value, null);
    public static Outcome<T> Invalid(IReadOnlyList<RuleViolation> errors) => new(default, new Failure.Invalid(errors));
    public static Outcome<T> NotFound() => new(default, new Failure.NotFound());
    public static Outcome<T> Refused(Failure failure) => new(default, failure);

    /// <summary>The same refusal, for a use case of another result type that passes it on.</summary>
    public Outcome<TOther> As<TOther>() => new(default, Failure ?? throw new InvalidOperationException("A success has no refusal to pass on."));
}

public static class Problems
{
    /// <summary>422 with the field errors in RFC 7807 form (the framework's HttpValidationProblemDetails).</summary>
    public static ProblemHttpResult Unprocessable(IEnumerable<RuleViolation> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Dữ liệu không hợp lệ",
            Type = "https://tools.ietf.org/html/rfc4918#section-11.2",
        });

    /// <summary>The one mapping of a business refusal to its status: what endpoints answer and what pages set.</summary>
    public static int StatusOf(Failure failure) => failure switch
    {
        Failure.NotFound => StatusCodes.Status404NotFound,
        Failure.Conflict => StatusCodes.Status409Conflict,
        Failure.Forbidden => StatusCodes.Status403Forbidden,
        Failure.Throttled => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>
    /// A business refusal as RFC 7807 problem details: 404 (with the endpoint's own wording for what was not found), 409, 403,
    /// 429, or 422 with the field errors.
    /// </summary>
    public static ProblemHttpResult Of(Failure failure, string? notFound = null) => failure switch
    {
        Failure.Invalid invalid => Unprocessable(invalid.Violations),
        Failure.NotFound missing => NotFound(notFound ?? missing.Message),
        Failure.Conflict => Conflict(failure.Message),
        Failure.Forbidden => TypedResults.Problem(detail: failure.Message, statusCode: StatusCodes.Status403Forbidden, title: "Không có quyền"),
        _ => TypedResults.Problem(detail: failure.Message, statusCode: StatusOf(failure), title: "Quá nhiều yêu cầu"),
    };

    /// <summary>
    /// An outcome answered with its typed success (so the OpenAPI document shows the success's schema and status), or its
    /// refusal as a problem.
    /// </summary>
    public static Results<TOk, ProblemHttpResult> Typed<T, TOk>(Outcome<T> outcome, Func<T, TOk> ok, string? notFound = null) where TOk : IResult =>
        outcome.Failure is { } failure ? Of(failure, notFound) : ok(outcome.Value!);

    /// <summary>An outcome answered 200 with <paramref name="ok"/>'s DTO, or its refusal as a problem.</summary>
    public static Results<Ok<TOk>, ProblemHttpResult> Ok<T, TOk>(Outcome<T> outcome, Func<T, TOk> ok, string? notFound = null) =>
        Typed(outcome, v => TypedResults.Ok(ok(v)), notFound);

    /// <summary>An outcome answered 201 with <paramref name="ok"/>'s DTO, or its refusal as a problem.</summary>
    public static Results<Created<TOk>, ProblemHttpResult> Created<T, TOk>(Outcome<T> outcome, Func<T, TOk> ok, string? notFound = null) =>
        Typed(outcome, v => TypedResults.Created((string?)null, ok(v)), notFound);

    /// <summary>An action on the unit a route names (looked up by <paramref name="unit"/>); a code that names none in reach is a 404.</summary>
    public static async Task<Results<TOk, ProblemHttpResult>> In<TOk>(Task<AdministrativeUnit?> unit, string notFound,
        Func<AdministrativeUnit, Task<Results<TOk, ProblemHttpResult>>> act) where TOk : IResult =>
        await unit is { } u ? await act(u) : NotFound(notFound);

    /// <summary>A record found (typed success) or not found (problem), for lookups by key.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Found<T>(T? value, string notFound) where T : class =>
        value is null ? NotFound(notFound) : TypedResults.Ok(value);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Xung đột dữ liệu");

    public static void AddTo(this ModelStateDictionary state, IEnumerable<RuleViolation> errors, string prefix = "Input")
    {
        foreach (var e in errors) state.AddModelError(string.IsNullOrEmpty(prefix) || e.Field == "" ? e.Field : $"{prefix}.{e.Field}", e.Message);
    }

    /// <summary>
    /// A refusal written by middleware: RFC 7807 for programs; for pages an empty body, so the Vietnamese error page of that
    /// status is rendered by the status-code pages.
    /// </summary>
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail, bool page)
    {
        http.Response.StatusCode = status;
        if (page) return;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>Programs' endpoints: the API and Open311 answer in their own formats, never with the HTML error page.</summary>
    public static bool IsApi(this HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/open311");

    /// <summary>
    /// The exceptions that are refusals, not bugs, with their status and title: the one list the exception middleware (its
    /// status and its silence), the handler and the page filter all read. Null: a bug, a 500.
    /// </summary>
    public static (int Status, string Title)? RefusalOf(Exception exception) => exception switch
    {
        UnitAccessDeniedException => (StatusCodes.Status403Forbidden, "Không có quyền thao tác trên dữ liệu của đơn vị này"),
        RefusedException refused => (StatusOf(refused.Failure), refused.Failure.Message),
        // A version check done by the database itself (a row changed between read and write).
        DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Dữ liệu đã được người khác thay đổi, hãy tải lại trang và thử lại"),
        ValueTooLongException => (StatusCodes.Status422UnprocessableEntity, "Nội dung quá dài"),
        BadHttpRequestException bad => (bad.StatusCode, "Yêu cầu không hợp lệ"),
        _ => null,
    };

    /// <summary>
    /// The database could not be reached (a failover, a restart, a lost connection): the request may succeed when sent again,
    /// so it is a 503 with Retry-After, not a bug's 500. An API client that sent an Idempotency-Key sends the same request again.
    /// </summary>
    public static bool IsOutage(Exception? exception) => exception switch
    {
        null => false,
        System.Data.Common.DbException { IsTransient: true } => true,
        // The server reached does not take writes now: a standby not yet promoted, or a primary being demoted. Only the
        // dashboards' GETs are ever sent to a standby on purpose (StandbyReads), and they do not write.
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ReadOnlySqlTransaction } => true,
        // Npgsql's own errors (not the server's answer): no host reachable, none of them the primary yet, a broken connection.
        Npgsql.NpgsqlException and not Npgsql.PostgresException => true,
        System.Net.Sockets.SocketException or TimeoutException => exception.InnerException is null || IsOutage(exception.InnerException),
        _ => IsOutage(exception.InnerException),
    };

    public const int OutageRetrySeconds = 5;
}

/// <summary>
/// The one exception handler: known failures become 4xx problem details (API) or the Vietnamese error page,
/// with the transaction already rolled back by the DbContext. Anything else is a bug and stays a 500.
/// </summary>
public sealed class AppExceptionHandler(ILogger<AppExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var original = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        var api = Problems.IsApi(original);
        if (Problems.IsOutage(exception))
        {
            // Not a bug: the database is away (the failover drill measures how long). One line, no stack trace.
            log.LogWarning("Database unavailable on {Path}: {Error}", original, exception.GetBaseException().Message);
            http.Response.Headers.RetryAfter = Problems.OutageRetrySeconds.ToString();
            if (!api) return false; // pages: the error page, re-executed with 503
            await TypedResults.Problem(title: "Hệ thống đang tạm gián đoạn, xin thử lại sau ít giây", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http);
            return true;
        }
        if (Problems.RefusalOf(exception) is not { } refusal)
        {
            if (!api) return false; // pages: the Vietnamese error page, the middleware logs the bug
            // A program gets a problem, not the HTML error page; the bug is still logged with its stack trace.
            log.LogError(exception, "Unhandled exception on {Path}", original);
            await TypedResults.Problem(title: "Lỗi hệ thống, xin thử lại sau", statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(http);
            return true;
        }
        var (status, title) = refusal;
        // A refusal is the system working, not failing: no stack trace in the log.
        log.LogInformation("Request refused with {Status}: {Reason}", status, exception.Message);
        // The middleware has already pointed the request at the error page; the feature keeps the original path.
        if (!api) return false; // pages: the error page, re-executed with the selected status
        if (exception is RefusedException { Failure: var failure })
        {
            await Problems.Of(failure).ExecuteAsync(http);
            return true;
        }
        if (exception is ValueTooLongException tooLong)
        {
            await Problems.Unprocessable([new RuleViolation(tooLong.Property, $"Tối đa {tooLong.Max:N0} ký tự.".Replace(",", "."))]).ExecuteAsync(http);
            return true;
        }
        await TypedResults.Problem(title: title, statusCode: status).ExecuteAsync(http);
        return true;
    }
}
