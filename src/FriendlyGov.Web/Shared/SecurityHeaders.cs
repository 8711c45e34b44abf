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
}
