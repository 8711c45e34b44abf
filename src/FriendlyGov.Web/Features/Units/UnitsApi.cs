using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;

namespace FriendlyGov.Web.Features.Units;

public static class UnitsApi
{
    public static IServiceCollection AddUnits(this IServiceCollection services) =>
        services.AddScoped<UnitQueries>().AddScoped<UnitReform>();

    public static RouteGroupBuilder MapUnits(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("/units").WithTags("Units");

        units.MapGet("/", async (UnitQueries q, bool? history) => TypedResults.Ok(await q.TreeAsync(history ?? false)))
            .WithSummary("The administrative tree with official codes; history=true adds former districts and merged communes.");

        units.MapGet("/{code}", async (UnitQueries q, string code) =>
                await q.DetailAsync(code) is { } d ? Results.Ok(d) : Problems.NotFound($"Không có đơn vị hành chính mã {code}."))
            .WithSummary("One unit: parent, children, predecessors, successor and the history of its changes.");

        var admin = units.MapGroup("").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", async (UnitReform r, NewUnitInput input) =>
            Respond(await r.CreateAsync(input), u => Results.Created($"/api/v1/units/{u.Code}", new { u.Code })))
            .Produces(StatusCodes.Status201Created);
        admin.MapPost("/merge", async (UnitReform r, MergeInput input) =>
            Respond(await r.MergeAsync(input), u => Results.Created($"/api/v1/units/{u.Code}", new { u.Code })))
            .WithSummary("Merge several communes into a new one (2025 reform). Their records stay theirs and appear under the new unit.")
            .Produces(StatusCodes.Status201Created);
        admin.MapPost("/{code}/reparent", async (UnitReform r, string code, ReparentInput input) =>
            Respond(await r.ReparentAsync(code, input), u => Results.Ok(new { u.Code })))
            .WithSummary("Move a commune under a province, as when its district ends.");
        admin.MapPost("/{code}/rename", async (UnitReform r, string code, RenameInput input) =>
            Respond(await r.RenameAsync(code, input), u => Results.Ok(new { u.Code, u.Name })));
        admin.MapPost("/{code}/end", async (UnitReform r, string code, EndInput input) =>
            Respond(await r.EndAsync(code, input), u => Results.Ok(new { u.Code, u.EffectiveTo })))
            .WithSummary("End a unit (a district on 30/6/2025) once nothing current hangs under it.");
        return api;
    }

    private static IResult Respond(Outcome<AdministrativeUnit> outcome, Func<AdministrativeUnit, IResult> ok) =>
        Problems.Respond(outcome, ok, "Không có đơn vị hành chính với mã này.");
}
