using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// A legal form printed or posted as the regulation words it (phiếu, mẫu, bản niêm yết): wholly Vietnamese whatever language
/// the reader chose, rather than half translated.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PrintedFormAttribute : Attribute;

public static class LocalizationSetup
{
    /// <summary>After routing: a printed form's endpoint renders in Vietnamese (<see cref="PrintedFormAttribute"/>).</summary>
    public static IApplicationBuilder UsePrintedFormsInVietnamese(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.GetEndpoint()?.Metadata.GetMetadata<PrintedFormAttribute>() is not null)
        {
            var vi = Cultures[0];
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (vi, vi);
            ctx.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(vi), null));
        }
        await next(ctx);
    });

    public static readonly CultureInfo[] Cultures = [new("vi-VN"), new("en")];

    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Resource names are unique regardless of case ("Đang xử lý" and "đang xử lý" cannot both be entries): a text asked
        // for with the other first letter finds the entry and keeps its own first letter's case.
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(sp => new CaseTolerantLocalizerFactory(sp.GetRequiredService<ResourceManagerStringLocalizerFactory>()));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("vi-VN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Vietnamese unless the person chose otherwise: a phone's English setting is no such choice.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        // A form post (antiforgery-checked by the minimal API form binding) that works without JavaScript.
        app.MapPost("/ngon-ngu", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.Name == culture) ?? Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            // The framework's own rule for a local path ("/x", "~/x"; not "//host", "/\host" or control characters), which
            // LocalRedirect would otherwise enforce by throwing.
            return Results.LocalRedirect(Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();
        return app;
    }
}

public static class LocalizerCounts
{
    /// <summary>
    /// "15 thủ tục" / "15 procedures", "1 procedure": a count with its noun, through the entry "{0} noun" (and "{0} noun#one"
    /// for one, where the language has a singular), the number written the reader's way.
    /// </summary>
    public static LocalizedString Count(this IStringLocalizer l, int n, string noun)
    {
        var key = "{0} " + noun;
        var number = n.ToString("#,##0", CultureInfo.CurrentCulture);
        if (n == 1 && l[key + "#one"] is { ResourceNotFound: false } one) return new LocalizedString(key, string.Format(CultureInfo.CurrentCulture, one.Value, number));
        return l[key, number];
    }
}

/// <summary>A localizer factory whose localizers also find an entry that differs from the text only by its first letter's case.</summary>
public sealed class CaseTolerantLocalizerFactory(IStringLocalizerFactory inner) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new CaseTolerantLocalizer(inner.Create(resourceSource));
    public IStringLocalizer Create(string baseName, string location) => new CaseTolerantLocalizer(inner.Create(baseName, location));
}

public sealed class CaseTolerantLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    public LocalizedString this[string name] => Find(name) is { } found ? new LocalizedString(name, found) : inner[name];

    public LocalizedString this[string name, params object[] arguments] =>
        Find(name) is { } found ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, found, arguments)) : inner[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

    /// <summary>The entry's text for <paramref name="name"/>, or for it with the first letter's case changed (then matched back); null when neither exists.</summary>
    private string? Find(string name)
    {
        var direct = inner[name];
        if (!direct.ResourceNotFound) return direct.Value;
        if (name.Length == 0 || !char.IsLetter(name[0])) return null;
        var first = name[0];
        var other = inner[(char.IsUpper(first) ? char.ToLowerInvariant(first) : char.ToUpperInvariant(first)) + name[1..]];
        if (other.ResourceNotFound || other.Value.Length == 0) return null;
        var v = other.Value;
        return (char.IsUpper(first) ? char.ToUpper(v[0], CultureInfo.CurrentCulture) : char.ToLower(v[0], CultureInfo.CurrentCulture)) + v[1..];
    }
}
