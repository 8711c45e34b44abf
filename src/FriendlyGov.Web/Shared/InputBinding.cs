using System.Globalization;
using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// The range of dates the app works with, everywhere a date comes in (forms, query strings, JSON): 1900–2199. Beyond it no
/// administrative record can exist, and arithmetic on a date at the calendar's edge (9999-12-31 plus a day) would throw.
/// </summary>
public static class CalendarRange
{
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly Last = new(2199, 12, 31);
    public const string Message = "Ngày phải nằm trong khoảng từ 01/01/1900 đến 31/12/2199.";

    public static bool Contains(DateOnly d) => d >= First && d <= Last;
    public static bool Contains(DateTime d) => Contains(DateOnly.FromDateTime(d));
    public static bool Contains(DateTimeOffset d) => Contains(DateOnly.FromDateTime(d.UtcDateTime));

    public static bool ContainsYear(int year) => year >= First.Year && year <= Last.Year;

    public static bool Contains(object? value) => value switch
    {
        DateOnly d => Contains(d),
        DateTime d => Contains(d),
        DateTimeOffset d => Contains(d),
        _ => true,
    };
}

/// <summary>
/// Binders for the two kinds of simple value whose framework binder fails on hostile input: booleans (a checkbox re-rendered
/// with "yes" as its attempted value throws inside the tag helper) and dates (refused beyond <see cref="CalendarRange"/>).
/// A refused value becomes a Vietnamese field error; what is kept for re-display is a value the form can render.
/// </summary>
public sealed class SafeValueBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var t = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        if (t == typeof(bool)) return new BooleanBinder();
        var simple = () => new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>());
        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset)) return new DateBinder(simple());
        if (t == typeof(decimal) || t == typeof(double)) return new NumberBinder();
        if ((t == typeof(int) || t == typeof(long)) && context.Metadata.ValidatorMetadata.OfType<System.ComponentModel.DataAnnotations.RangeAttribute>().FirstOrDefault() is { } range)
            return new RangeBinder(simple(), range);
        return null;
    }

    /// <summary>
    /// A number with a declared range is refused at binding, not only at validation: the property keeps its default, so a
    /// handler that reads it (a year to show) never works with 2147483648 or -1.
    /// </summary>
    private sealed class RangeBinder(IModelBinder inner, System.ComponentModel.DataAnnotations.RangeAttribute range) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext ctx)
        {
            await inner.BindModelAsync(ctx);
            if (ctx.Result.IsModelSet && ctx.Result.Model is not null && !range.IsValid(ctx.Result.Model))
            {
                ctx.ModelState.SetModelValue(ctx.ModelName, rawValue: null, attemptedValue: ctx.ValueProvider.GetValue(ctx.ModelName).FirstValue);
                ctx.ModelState.TryAddModelError(ctx.ModelName, range.ErrorMessage ?? $"Giá trị phải từ {range.Minimum} đến {range.Maximum}.");
                ctx.Result = ModelBindingResult.Failed();
            }
        }
    }

    /// <summary>A decimal or double read by <see cref="DecimalInput"/>; a value it cannot read is refused, not bound as empty.</summary>
    private sealed class NumberBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext ctx)
        {
            var result = ctx.ValueProvider.GetValue(ctx.ModelName);
            if (result == ValueProviderResult.None) return Task.CompletedTask;
            ctx.ModelState.SetModelValue(ctx.ModelName, result);
            var text = result.FirstValue ?? "";
            var t = Nullable.GetUnderlyingType(ctx.ModelType) ?? ctx.ModelType;
            if (string.IsNullOrWhiteSpace(text))
            {
                if (Nullable.GetUnderlyingType(ctx.ModelType) is not null) ctx.Result = ModelBindingResult.Success(null);
            }
            else if (DecimalInput.TryParse(text, result.Culture, out var d))
                ctx.Result = ModelBindingResult.Success(t == typeof(double) ? (double)d : d);
            else
            {
                ctx.ModelState.TryAddModelError(ctx.ModelName, $"Giá trị “{InputRules.Shorten(text, 30)}” không phải là một số (ví dụ: 64,5).");
                ctx.Result = ModelBindingResult.Failed();
            }
            return Task.CompletedTask;
        }
    }

    private sealed class BooleanBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext ctx)
        {
            var result = ctx.ValueProvider.GetValue(ctx.ModelName);
            if (result == ValueProviderResult.None) return Task.CompletedTask;
            var text = result.FirstValue?.Trim() ?? "";
            bool? value = text.ToLowerInvariant() switch
            {
                "true" or "on" or "1" or "yes" => true,
                "false" or "off" or "0" or "no" => false,
                _ => null,
            };
            if (value is bool v)
            {
                // Kept for re-display as the bool itself: the tag helper converts what is kept, and "on" or "1" would throw there.
                ctx.ModelState.SetModelValue(ctx.ModelName, rawValue: v, attemptedValue: v ? "true" : "false");
                ctx.Result = ModelBindingResult.Success(v);
            }
            else if (text.Length == 0)
            {
                if (Nullable.GetUnderlyingType(ctx.ModelType) is not null) ctx.Result = ModelBindingResult.Success(null);
            }
            else
            {
                // Kept for re-display as "false": the checkbox renders unticked instead of throwing on the attempted value.
                ctx.ModelState.SetModelValue(ctx.ModelName, rawValue: false, attemptedValue: "false");
                ctx.ModelState.TryAddModelError(ctx.ModelName, $"Giá trị “{InputRules.Shorten(text, 30)}” không hợp lệ: chỉ chọn hoặc bỏ chọn.");
                ctx.Result = ModelBindingResult.Failed();
            }
            return Task.CompletedTask;
        }
    }

    private sealed class DateBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext ctx)
        {
            // dd/mm/yyyy as the pages write it (whatever the interface language), or yyyy-mm-dd; other forms go to the framework.
            var typed = ctx.ValueProvider.GetValue(ctx.ModelName);
            var t = Nullable.GetUnderlyingType(ctx.ModelType) ?? ctx.ModelType;
            if (typed != ValueProviderResult.None && DateInputTagHelper.TryParse(typed.FirstValue, out var d) && t != typeof(DateTimeOffset))
            {
                ctx.ModelState.SetModelValue(ctx.ModelName, typed);
                ctx.Result = ModelBindingResult.Success(t == typeof(DateOnly) ? d : d.ToDateTime(TimeOnly.MinValue));
            }
            else await inner.BindModelAsync(ctx);
            if (ctx.Result.IsModelSet && !CalendarRange.Contains(ctx.Result.Model))
            {
                ctx.ModelState.SetModelValue(ctx.ModelName, rawValue: null, attemptedValue: ctx.ValueProvider.GetValue(ctx.ModelName).FirstValue);
                ctx.ModelState.TryAddModelError(ctx.ModelName, CalendarRange.Message);
                ctx.Result = ModelBindingResult.Failed();
            }
        }
    }
}

/// <summary>
/// A number as an official types it into a form, in either interface language. "64,5" and "64.5" are both 64.5: the
/// culture's own decimal mark is read as such, and its group mark too when it is not followed by a group of exactly three
/// digits (the framework's parse under Vietnamese read "64.5" as 645, a misplaced thousands mark). "1.500" (Vietnamese) and
/// "1,500" (English) are one thousand five hundred; "1.500,5" is 1500.5. Anything else (letters, "1.2.3", "1,5.5") is refused.
/// </summary>
public static partial class DecimalInput
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^[+-]?\d+([.,]\d+)*$")]
    private static partial System.Text.RegularExpressions.Regex Shape();

    public static bool TryParse(string? text, CultureInfo culture, out decimal value)
    {
        value = 0;
        var s = (text ?? "").Trim().Replace(" ", "").Replace("\u00a0", "");
        if (s.Length > 40 || !Shape().IsMatch(s)) return false;
        var decimalMark = culture.NumberFormat.NumberDecimalSeparator == "," ? ',' : '.';
        var groups = s.Split('.', ',');
        var marks = s.Where(c => c is '.' or ',').ToList();
        string digits;
        if (marks.Count == 0) digits = s;
        else if (marks.Distinct().Count() == 2)
        {
            // Both marks: the last one is the decimal mark, and only once; every group before it has three digits.
            var last = marks[^1];
            if (marks.Count(c => c == last) != 1 || groups[1..^1].Any(g => g.Length != 3)) return false;
            digits = string.Concat(groups[..^1]) + "." + groups[^1];
        }
        else if (marks.Count > 1)
        {
            // One mark repeated: thousands, in groups of three ("1.250.000").
            if (groups[1..].Any(g => g.Length != 3)) return false;
            digits = string.Concat(groups);
        }
        else
        {
            var grouping = marks[0] != decimalMark && groups[1].Length == 3 && groups[0].TrimStart('+', '-') is not "0";
            digits = grouping ? groups[0] + groups[1] : groups[0] + "." + groups[1];
        }
        return decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>
/// Page rules that hold for every page: a POST to a page with no handler for it is 405 (it would render a page that never
/// loaded its data); a change that lost a race with another official's (409) or a text longer than its column (422) that the
/// page's own checks missed is answered with the Vietnamese error page of that status, not thrown as a 500. (The page itself
/// cannot be re-rendered here: the handler stopped before loading what it shows.)
/// </summary>
public sealed class PageGuards : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        // The error page is re-executed with the failed request's method: it must render for a POST too.
        var reexecuted = context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        if (context.HandlerMethod is null && !reexecuted && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }
        var executed = await next();
        if (executed.ExceptionHandled) return;
        // Of the refusals (Problems.RefusalOf), the two a page's own checks can miss; a 403 stays with the exception middleware.
        if (executed.Exception is not (DbUpdateConcurrencyException or RefusedException or FriendlyGov.Core.Data.ValueTooLongException)) return;
        var code = Problems.RefusalOf(executed.Exception)!.Value.Status;
        executed.ExceptionHandled = true;
        executed.Result = new StatusCodeResult(code);
    }
}

/// <summary>
/// The API's side of <see cref="CalendarRange"/>: every date argument of an endpoint (route, query, and the date properties of
/// its JSON body, nested ones included), and every number named "year", beyond the range is refused with a 400 problem
/// naming the field. Which arguments can hold one is decided once per endpoint, from their declared types: an endpoint
/// without any (intake, tracking) gets no filter at all.
/// </summary>
public static class ApiInputFilter
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> Properties = new();

    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<Microsoft.Extensions.DependencyInjection.IServiceProviderIsService>();
        var watched = context.MethodInfo.GetParameters()
            .Select((p, i) => (Index: i, Name: p.Name ?? $"arg{i}", p.ParameterType))
            .Where(p => services?.IsService(p.ParameterType) != true && MayHold(p.ParameterType, p.Name, 0))
            .Select(p => (p.Index, p.Name)).ToArray();
        if (watched.Length == 0) return next;
        return async invocation =>
        {
            foreach (var (index, name) in watched)
                if (OutOfRange(invocation.Arguments[index], name, 0) is { } field)
                    return Results.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [CalendarRange.Message] })
                    {
                        Status = StatusCodes.Status400BadRequest, Title = "Dữ liệu không hợp lệ",
                    });
            return await next(invocation);
        };
    }

    private static bool IsDate(Type t) => (Nullable.GetUnderlyingType(t) ?? t) is var u && (u == typeof(DateOnly) || u == typeof(DateTime) || u == typeof(DateTimeOffset));

    private static bool IsYear(Type t, string name) => (Nullable.GetUnderlyingType(t) ?? t) == typeof(int) && name.Equals("year", StringComparison.OrdinalIgnoreCase);

    /// <summary>Only the app's own input types are walked (not HttpContext, services, the framework's types).</summary>
    private static bool IsInputType(Type t) => !t.IsPrimitive && !t.IsEnum && t.Namespace?.StartsWith("FriendlyGov") == true;

    private static Type? ElementOf(Type t) => t == typeof(string) ? null : t.IsArray ? t.GetElementType()
        : t.GetInterfaces().Append(t).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static System.Reflection.PropertyInfo[] PropertiesOf(Type t) =>
        Properties.GetOrAdd(t, type => type.GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.CanRead).ToArray());

    /// <summary>Whether a value of this declared type can carry a date or a year, anywhere inside it.</summary>
    private static bool MayHold(Type t, string name, int depth)
    {
        if (depth > 3) return false;
        if (IsDate(t) || IsYear(t, name)) return true;
        if (ElementOf(t) is { } element) return MayHold(element, name, depth + 1);
        return IsInputType(t) && PropertiesOf(t).Any(p => MayHold(p.PropertyType, JsonName(p.Name), depth + 1));
    }

    private static string? OutOfRange(object? value, string name, int depth)
    {
        if (value is null || depth > 3) return null;
        if (value is DateOnly or DateTime or DateTimeOffset) return CalendarRange.Contains(value) ? null : name;
        if (value is int year && name.Equals("year", StringComparison.OrdinalIgnoreCase)) return CalendarRange.ContainsYear(year) ? null : name;
        if (value is string) return null;
        if (value is System.Collections.IEnumerable items)
            return items.Cast<object?>().Take(1000).Select(x => OutOfRange(x, name, depth + 1)).FirstOrDefault(x => x is not null);
        if (!IsInputType(value.GetType())) return null;
        foreach (var p in PropertiesOf(value.GetType()))
            if (OutOfRange(p.GetValue(value), JsonName(p.Name), depth + 1) is { } f) return f;
        return null;
    }

    private static string JsonName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
