using System.Globalization;
using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Procedures;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Model;

/// <summary>Nhân rộng: the supervising board replicates the model to the communes of its subtree in one action.</summary>
public sealed class ReplicateModel(AppDbContext db, IUnitScope scope, UnitAccess access, TimeProvider clock, SystemContexts system, Officials officials, Models models)
{
    private DateOnly Today => DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// Nhân rộng: the supervisor gives each chosen commune of their subtree a model built from the templates, in one action.
    /// A commune that already has a model keeps it untouched; the pilot's procedures are offered only where the commune lacks them.
    /// </summary>
    public async Task<Outcome<List<ReplicateResult>>> HandleAsync(ReplicateInput input, ClaimsPrincipal actor)
    {
        if (!(actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Admin)))
            return Outcome<List<ReplicateResult>>.Invalid([new("Communes", "Chỉ Ban Chỉ đạo cấp trên nhân rộng mô hình.")]);
        var create = new CreateModelInput { Name = input.Name ?? ModelTemplates.DefaultName, Kind = ModelKind.Replicated, Year = input.Year ?? Today.Year, PlanStart = input.PlanStart };
        var errors = Models.CheckCreate(create);
        var codes = input.Communes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
        if (codes.Count == 0) errors.Add(new("Communes", "Chọn ít nhất một xã."));
        if (codes.Count > 500) errors.Add(new("Communes", "Mỗi lần nhân rộng tối đa 500 xã."));
        AdministrativeUnit? pilot = null;
        if (!string.IsNullOrWhiteSpace(input.Pilot))
        {
            pilot = await models.CommuneAsync(input.Pilot);
            if (pilot is null) errors.Add(new("Pilot", "Xã điểm không thuộc phạm vi của bạn."));
        }
        if (input.CopyCatalog && pilot is null) errors.Add(new("Pilot", "Chọn xã điểm để lấy danh mục thủ tục."));
        if (errors.Count > 0) return Outcome<List<ReplicateResult>>.Invalid(errors);

        var results = new List<ReplicateResult>();
        // The supervisor reads the subtree but writes only its own unit: the communes' rows are written by the system on
        // the supervisor's behalf, after this check, in one transaction, attributed to them in the audit log.
        await using var sys = system.Open($"{scope.ActorName} (nhân rộng)");
        await using var tx = await sys.Database.BeginWorkAsync();
        var catalog = new Catalog(sys, officials);
        foreach (var code in codes)
        {
            var unit = await db.CommuneByCodeAsync(code);
            if (unit is null || !await access.MayAsync(unit.Id, UnitOperations.Read) || !unit.IsCurrent)
            {
                results.Add(new(code, "", "Không thuộc phạm vi giám sát", false));
                continue;
            }
            if (await sys.CommuneModels.AnyAsync(x => x.UnitId == unit.Id))
            {
                results.Add(new(code, unit.FullName, "Đã có mô hình: giữ nguyên", false));
                continue;
            }
            await models.BuildAsync(sys, unit.Id, create, pilot?.Id, scope.ActorName);
            var copied = input.CopyCatalog && pilot is not null && pilot.Id != unit.Id ? await catalog.CopyMissingAsync(pilot.Id, unit.Id) : 0;
            results.Add(new(code, unit.FullName, copied > 0 ? $"Đã tạo mô hình; thêm {copied} thủ tục từ xã điểm" : "Đã tạo mô hình", true));
        }
        await tx.CommitAsync();
        return Outcome<List<ReplicateResult>>.Success(results);
    }
}
