using FriendlyGov.Web.Features.Notifications;
using FriendlyGov.Web.Features.Democracy;
using FriendlyGov.Web.Features.NoticeBoard;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Accounts;
using FriendlyGov.Web.Features.Audit;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Features.Communes;
using FriendlyGov.Web.Features.Dossiers;
using FriendlyGov.Web.Features.Model;
using FriendlyGov.Web.Features.Petitions;
using FriendlyGov.Web.Features.Procedures;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Features.Units;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;

namespace FriendlyGov.Web;

/// <summary>Composes the application; each capability registers and maps itself.</summary>
public static class WebApp
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false); // no product banner for a scanner to match
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"]) && string.IsNullOrEmpty(builder.Configuration["HTTPS_PORTS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        // Vietnamese letters go out as UTF-8, not as &#x...; entities: half the bytes on slow mountain networks.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            // Source-generated metadata first for the hottest answers; everything else as before (reflection).
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, FriendlyGov.Web.Features.Dossiers.DossierJson.Default);
        });
        services.AddDeployment(builder.Configuration);
        services.AddTelemetry(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddAppDatabase(builder.Configuration);
        // After the database: its start-up migration runs before the key ring is first read from it.
        services.AddKeyRing(builder.Configuration, builder.Environment);
        services.AddSingleton<UnitDirectory>();
        services.AddSingleton<ReferenceCache>();
        services.AddScoped<HttpUnitScope>();
        services.AddScoped<StaffNames>().AddScoped<Officials>();
        services.AddScoped<IUnitScope>(sp => sp.GetRequiredService<HttpUnitScope>());
        services.AddAppLocalization();
        services.AddAccounts();
        services.AddAppAuthorization();
        services.AddUnits();
        services.AddCommunes();
        services.AddAudit();
        services.AddCalendar();
        services.AddProcedures();
        services.AddClientLimits();
        services.AddDossiers();
        services.AddSatisfaction();
        services.AddPetitions();
        services.AddModelRollout();
        services.AddDisclosures();
        services.AddDemocracy();
        services.AddNotifications(builder.Configuration, builder.Environment);
        services.AddScoped<FriendlyGov.Web.Features.Staff.Desk>().AddScoped<FriendlyGov.Web.Features.Staff.WorkQueue>();

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
                o.Conventions.ConfigureFilter(new InvalidFormStatus());
                o.Conventions.ConfigureFilter(new TranslatedErrors());
                o.Conventions.ConfigureFilter(new PageGuards());
                // The error page is re-executed with the failed request's method: a refused POST must still get its page, not a 400.
                o.Conventions.AddPageApplicationModelConvention("/Shared/Error", m => m.Filters.Add(new Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute()));
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)))
            .AddMvcOptions(o =>
            {
                VietnameseBindingMessages.Apply(o.ModelBindingMessageProvider);
                o.ModelBinderProviders.Insert(0, new SafeValueBinderProvider());
                // Required fields say so explicitly, in Vietnamese; the implicit rule for non-nullable strings speaks English.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            });
        services.AddValidation();
        services.AddProblemDetails();
        services.AddExceptionHandler<AppExceptionHandler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        var app = builder.Build();
        // Without the audit key nothing may be written: fail now, not at the first save (Production needs Audit:KeyFile).
        app.Services.GetRequiredService<FriendlyGov.Core.Domain.AuditKey>();

        // The citizen's address, scheme and host, from the known proxies only; then the headers every answer carries.
        app.UseForwardedHeaders();
        // Before anything else that answers: Prometheus's scrape is not a page (no security headers, no localisation).
        app.UseMetricsEndpoint(app.Configuration);
        app.UseSecurityHeaders(SecurityHeaders.Policy(app.Environment));
        app.UseUnlistedPages();
        app.UseResponseCompression();
        // API failures are problem details; page failures render the Vietnamese error page with the same status.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/loi",
            // A refusal (403, 409, a bad request) is the system working: no error diagnostics, no stack trace in the log.
            SuppressDiagnosticsCallback = c => Problems.RefusalOf(c.Exception) is not null || Problems.IsOutage(c.Exception),
            StatusCodeSelector = ex => Problems.RefusalOf(ex)?.Status
                ?? (Problems.IsOutage(ex) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError),
        });
        app.UseWhen(ctx => ctx.Request.IsApi(), a => a.UseStatusCodePages());
        app.UseWhen(ctx => !ctx.Request.IsApi(), a => a.UseStatusCodePagesWithReExecute("/loi/{0}"));
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UsePrintedFormsInVietnamese();
        // After routing: a form it reads is read with the endpoint's own limits (upload sizes), not the defaults.
        app.UseMiddleware<RequestGuard>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapRazorPages();
        app.MapOpenApi();
        app.MapHealth();
        app.MapLanguageSwitch();
        // Off unless a benchmark turns it on: the bare baseline of bench/ (same lookup as tracking, plain ADO.NET, no EF, no views).
        if (app.Configuration.GetValue("Bench:Enabled", false)) { app.MapBenchBaseline(); app.MapBenchInsertBaseline(); }
        var api = app.MapGroup("/api/v1").AddEndpointFilterFactory(ApiInputFilter.Create).DescribeRefusals();
        api.MapUnits();
        api.MapCommunes();
        api.MapAccounts();
        api.MapAudit();
        api.MapCalendar();
        api.MapProcedures();
        api.MapDossiers();
        api.MapSatisfaction();
        api.MapPetitions();
        api.MapModelRollout();
        api.MapDisclosures();
        api.MapDemocracy();
        api.MapNotifications();
        app.MapKiosk();
        app.MapOpen311();
        app.MapPetitionPhotos();
        app.MapModelFiles();
        app.MapDisclosureFiles();
        return app;
    }
}
