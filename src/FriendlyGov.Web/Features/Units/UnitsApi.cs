using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FriendlyGov.Web.Features.Units;

public sealed record UnitCodeDto(string Code);
public sealed record UnitRenamedDto(string Code, string Name);
public sealed record UnitEndedDto(string Code, DateOnly? EffectiveTo);

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
                Problems.Found(await q.DetailAsync(code), $"Không có đơn vị hành chính mã {code}."))
            .WithSummary("One unit: parent, children, predecessors, successor and the history of its changes.");

        var admin = units.MapGroup("").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", async (UnitReform r, NewUnitInput input) =>
            Created(await r.CreateAsync(input)));
        admin.MapPost("/merge", async (UnitReform r, MergeInput input) =>
            Created(await r.MergeAsync(input)))
            .WithSummary("Merge several communes into a new one (2025 reform). Their records stay theirs and appear under the new unit.");
        admin.MapPost("/{code}/reparent", async (UnitReform r, string code, ReparentInput input) =>
            Problems.Ok(await r.ReparentAsync(code, input), u => new UnitCodeDto(u.Code), NotFound))
            .WithSummary("Move a commune under a province, as when its district ends.");
        admin.MapPost("/{code}/rename", async (UnitReform r, string code, RenameInput input) =>
            Problems.Ok(await r.RenameAsync(code, input), u => new UnitRenamedDto(u.Code, u.Name), NotFound));
        admin.MapPost("/{code}/end", async (UnitReform r, string code, EndInput input) =>
            Problems.Ok(await r.EndAsync(code, input), u => new UnitEndedDto(u.Code, u.EffectiveTo), NotFound))
            .WithSummary("End a unit (a district on 30/6/2025) once nothing current hangs under it.");
        return api;
    }

    private const string NotFound = "Không có đơn vị hành chính với mã này.";

    /// <summary>A new unit: 201 with where to read it.</summary>
    private static Results<Created<UnitCodeDto>, ProblemHttpResult> Created(Outcome<AdministrativeUnit> outcome) =>
        Problems.Typed(outcome, u => TypedResults.Created($"/api/v1/units/{u.Code}", new UnitCodeDto(u.Code)), NotFound);
}
