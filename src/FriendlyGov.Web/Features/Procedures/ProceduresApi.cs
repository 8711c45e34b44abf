using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Procedures;

public sealed record ProcedureDto(string Code, string Name, string Field, string? LegalBasis, string? ApplicantSteps, bool InPerson, bool Online,
    bool ByPost, decimal? TimeLimitDays, bool SameDay, string? Fee, string? Result, string? WhoMayApply, OnlineLevel OnlineLevel,
    List<ProcedureDocument> Documents, List<ProcedureStep> Workflow)
{
    public static ProcedureDto From(Procedure p) => new(p.Code, p.Name, p.Field, p.LegalBasis, p.ApplicantSteps, p.InPerson, p.Online, p.ByPost,
        p.TimeLimitDays, p.SameDay, p.Fee, p.Result, p.WhoMayApply, p.OnlineLevel, p.Documents, p.Workflow);
}

public static class ProceduresSetup
{
    public static IServiceCollection AddProcedures(this IServiceCollection services) => services.AddScoped<Catalog>();

    public static RouteGroupBuilder MapProcedures(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/communes/{code}/procedures").WithTags("Procedures");
        g.MapGet("/", async (AppDbContext db, Catalog catalog, string code, string? q, string? field) =>
            Problems.Found(await db.CommuneByCodeAsync(code) is { } unit ? await catalog.ListAsync(unit.Id, q, field) : null, $"Không có xã, phường mã {code}."))
            .WithSummary("The commune's posted administrative procedures; q searches code, name and field with or without diacritics.");
        g.MapGet("/{procedure}", async (AppDbContext db, Catalog catalog, string code, string procedure) =>
            Problems.Found(await db.CommuneByCodeAsync(code) is { } unit && await catalog.DetailAsync(unit.Id, procedure) is { } p ? ProcedureDto.From(p) : null,
                $"Xã, phường mã {code} không niêm yết thủ tục {procedure}."));
        return api;
    }
}
