namespace FriendlyGov.Web.Shared;

/// <summary>
/// The headers on every answer (NetEscapades.AspNetCore.SecurityHeaders): a Content-Security-Policy that runs only the app's
/// own script files (no inline script, no eval) and lets no other site frame a page, nosniff, a strict referrer policy (a
/// tracking link never leaves in a Referer), and a Permissions-Policy that allows only what the petition form uses
/// (geolocation, on its own origin). HSTS is sent by the framework's own middleware outside Development.
/// </summary>
public static class SecurityHeaders
{
    public static HeaderPolicyCollection Policy(IHostEnvironment env) => new HeaderPolicyCollection()
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
        .RemoveServerHeader()
        .AddContentSecurityPolicy(b =>
        {
            b.AddDefaultSrc().Self();
            b.AddScriptSrc().Self();
            // Inline style attributes of the printed papers (alignment); no inline script anywhere.
            b.AddStyleSrc().Self().UnsafeInline();
            b.AddImgSrc().Self().Data();
            b.AddFontSrc().Self();
            b.AddConnectSrc().Self();
            b.AddObjectSrc().None();
            b.AddBaseUri().Self();
            b.AddFormAction().Self();
            b.AddFrameAncestors().None();
            if (env.IsProduction()) b.AddUpgradeInsecureRequests();
        })
        .AddPermissionsPolicy(b =>
        {
            b.AddGeolocation().Self();
            b.AddCamera().None();
            b.AddMicrophone().None();
            b.AddPayment().None();
            b.AddUsb().None();
        });

    /// <summary>
    /// Pages that no search engine may list: everything behind a sign-in, the API, and the capability links a citizen is given
    /// (a dossier's tracking and rating links, a petition's private link, a message's withdrawal and confirmation links).
    /// A link shared in a group chat or pasted in a public post must not turn someone's dossier into a search result.
    /// The public directory (the home page, a commune's page, its procedures, notices and public board, the lookup form)
    /// stays indexable; robots.txt keeps crawlers out of the staff area as well.
    /// </summary>
    public static bool Unlisted(PathString path) =>
        Array.Exists(UnlistedAreas, a => path.StartsWithSegments(a))
        || Array.Exists(CapabilityLinks, a => path.StartsWithSegments(a, out var rest) && rest.HasValue && rest.Value != "/");

    private static readonly string[] UnlistedAreas = ["/can-bo", "/quan-tri", "/tai-khoan", "/api", "/open311", "/nhat-ky", "/kiosk",
        "/dang-nhap", "/dang-ky", "/dang-xuat", "/khong-co-quyen", "/loi", "/thong-bao"];
    private static readonly string[] CapabilityLinks = ["/tra-cuu", "/danh-gia", "/phan-anh"];

    /// <summary>X-Robots-Tag on every answer <see cref="Unlisted"/> names, files and API answers included.</summary>
    public static IApplicationBuilder UseUnlistedPages(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (Unlisted(http.Request.Path)) http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return next(http);
    });
}
