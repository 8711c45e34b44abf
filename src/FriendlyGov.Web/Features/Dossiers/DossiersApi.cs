using System.Threading.RateLimiting;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Procedures;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

public sealed record DossierDto(string Code, string ProcedureCode, string ProcedureName, DossierStatus Status, string StatusName, DossierChannel Channel,
    string ApplicantName, string CitizenId, string Phone, string Address, DateTime ReceivedAt, DateTime? AppointedAt, string? MissingDocuments,
    string? RefusalReason, string TrackingUrl, int Version);

public static class DossiersSetup
{
    /// <summary>Lookups by code and phone digits are throttled per client: four digits must not be guessable by brute force.</summary>
    public const string TrackingLimit = "tracking";

    public static IServiceCollection AddDossiers(this IServiceCollection services)
    {
        services.AddScoped<Intake>().AddScoped<Tracking>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(TrackingLimit, http => RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "?",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static DossierDto ToDto(Dossier d, HttpRequest request) => new(d.Code, d.ProcedureCode, d.ProcedureName, d.Status,
        DossierLifecycle.VietnameseName(d.Status), d.Channel, d.ApplicantName, d.CitizenId, d.Phone, d.Address, d.ReceivedAt, d.AppointedAt,
        d.MissingDocuments, d.RefusalReason, TrackingUrl(request, d.TrackingKey), d.Version);

    public static string TrackingUrl(HttpRequest request, string key) => $"{request.Scheme}://{request.Host}/tra-cuu/{key}";

    public static RouteGroupBuilder MapDossiers(this RouteGroupBuilder api)
    {
        api.MapPost("/communes/{code}/dossiers", async (AppDbContext db, IUnitScope scope, Intake intake, HttpContext http, string code, IntakeInput input) =>
        {
            // The counter receives for its own commune only; another commune's code is simply not found.
            if (await ProceduresSetup.CommuneAsync(db, code) is not { } unit || !scope.CanWrite(unit.Id) || http.User.UnitId() != unit.Id)
                return Problems.NotFound($"Không có xã, phường mã {code} trong phạm vi của bạn.");
            var outcome = await intake.ReceiveAsync(unit.Id, input, DossierChannel.InPerson);
            return outcome.Ok
                ? Results.Created($"/api/v1/dossiers/{outcome.Value!.Code}", ToDto(outcome.Value, http.Request))
                : Problems.Unprocessable(outcome.Errors);
        }).RequireAuthorization(Policies.CommuneStaff).WithTags("Dossiers").WithSummary("Receive a dossier at the counter: accept (Mẫu 01), incomplete (Mẫu 02) or refuse (Mẫu 03).");

        api.MapGet("/dossiers/{code}", async (AppDbContext db, HttpContext http, string code) =>
            await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code) is { } d
                ? Results.Ok(ToDto(d, http.Request))
                : Problems.NotFound($"Không có hồ sơ {code} trong phạm vi của bạn."))
            .RequireAuthorization(Policies.CommuneStaff).WithTags("Dossiers");

        api.MapGet("/tracking/{key}", async (Tracking tracking, string key) =>
            await tracking.ByKeyAsync(key) is { } t ? Results.Ok(t) : Problems.NotFound("Không tìm thấy hồ sơ."))
            .WithTags("Tracking").WithSummary("Public tracking by the receipt's QR key: a timeline without personal data.");

        api.MapGet("/tracking", async (Tracking tracking, string? code, string? phoneLast4) =>
            await tracking.KeyByCodeAsync(code, phoneLast4) is { } key && await tracking.ByKeyAsync(key) is { } t
                ? Results.Ok(t)
                : Problems.NotFound("Không tìm thấy hồ sơ với mã và 4 số cuối điện thoại này."))
            .RequireRateLimiting(TrackingLimit).WithTags("Tracking");
        return api;
    }
}
