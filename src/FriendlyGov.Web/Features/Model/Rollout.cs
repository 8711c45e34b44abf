using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Communes;
using FriendlyGov.Web.Features.Democracy;
using FriendlyGov.Web.Features.NoticeBoard;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Model;

/// <summary>
/// The roll-out view: every current commune of the supervisor's unit side by side. The model's own figures are read here;
/// each other capability answers its column through its own query (inspections, satisfaction, disclosure, clearance, the
/// commune's place), each in a fixed number of statements whatever the number of communes.
/// </summary>
public sealed class Rollout(AppDbContext db, UnitAccess access, UnitDirectory units, TimeProvider clock, Ratings ratings, SatisfactionReport report,
    Inspections inspections, CommuneProfiles profiles, Disclosures disclosures, Clearance clearance)
{
    private DateOnly Today => DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>Every current commune of the supervisor's unit, side by side: stage, plan, readiness, signatures, proposals, dossiers, satisfaction.</summary>
    public async Task<Outcome<List<RolloutRow>>> BuildAsync(string? unitCode, ClaimsPrincipal user)
    {
        var root = string.IsNullOrWhiteSpace(unitCode)
            ? user.UnitId() is int home ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == home) : null
            : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode.Trim());
        if (root is null || !await access.MayAsync(user, root.Id, UnitOperations.Read)) return Outcome<List<RolloutRow>>.NotFound();
        var subtree = units.Graph.Subtree(root.Id);
        var communes = await db.Units.AsNoTracking()
            .Where(u => subtree.Contains(u.Id) && u.Level == UnitLevel.Commune && u.SuccessorId == null && u.EffectiveTo == null)
            .OrderBy(u => u.Code).ToListAsync();
        var ids = communes.Select(c => c.Id).ToList();
        var yearStart = new DateOnly(Today.Year, 1, 1);
        var quality = await report.BuildAsync(new ReportRequest(root.Code, yearStart, Today, ReportGrouping.Commune, Trend: false), user);
        var byCommune = quality.Ok ? quality.Value!.Rows.ToDictionary(r => r.Key) : [];
        var models = await ModelFiguresAsync(ids);
        var supervision = await inspections.RolloutFiguresAsync(ids, Today);
        var places = await profiles.PlacesAsync(ids);
        // Grassroots democracy beside the model: disclosures posted this year, and land-clearance consensus over all projects.
        var disclosed = await disclosures.PostedSinceAsync(ids, yearStart);
        var consensus = await clearance.ConsensusAsync(ids);
        return Outcome<List<RolloutRow>>.Success(communes.Select(c =>
        {
            var m = models.GetValueOrDefault(c.Id);
            var q = byCommune.GetValueOrDefault(c.Id.ToString())?.Figures;
            decimal? onTime = q is { EndedDossiers: > 0 } ? Math.Round(100m * (q.EndedDossiers - q.LateDossiers) / q.EndedDossiers, 1) : null;
            var (open, overdue, lastVisit) = supervision[c.Id];
            var place = places.GetValueOrDefault(c.Id);
            return new RolloutRow(c.Code, c.FullName, m is not null, m?.Model.Kind, m?.Model.Stage, m?.Figures, m?.OpenProposals ?? 0, onTime, q?.Rate,
                q?.Ratings ?? 0, open, overdue, lastVisit, m?.Events ?? 0, place.Latitude, place.Longitude, disclosed.GetValueOrDefault(c.Id), consensus[c.Id]);
        }).ToList());
    }

    private sealed record ModelFigures(CommuneModel Model, RolloutFigures Figures, int OpenProposals, int Events);

    /// <summary>Every commune's model figures (plan, readiness, signatures of the current commitment, proposals, activities).</summary>
    private async Task<Dictionary<int, ModelFigures>> ModelFiguresAsync(List<int> ids)
    {
        var models = await db.CommuneModels.AsNoTracking().Where(m => ids.Contains(m.UnitId)).ToDictionaryAsync(m => m.UnitId);
        var modelIds = models.Values.Select(m => m.Id).ToList();
        var tasks = (await db.PlanTasks.AsNoTracking().Where(t => modelIds.Contains(t.ModelId)).Select(t => new { t.ModelId, t.Status, t.Progress, t.Due }).ToListAsync())
            .ToLookup(t => t.ModelId, t => (t.Status, t.Progress, t.Due));
        var readiness = (await db.ReadinessItems.AsNoTracking().Where(r => modelIds.Contains(r.ModelId)).Select(r => new { r.ModelId, r.Rating }).ToListAsync())
            .ToLookup(r => r.ModelId, r => r.Rating);
        var openProposals = (await db.Proposals.AsNoTracking().Where(p => modelIds.Contains(p.ModelId) && p.Status == ProposalStatus.Open).Select(p => p.ModelId).ToListAsync())
            .CountBy(x => x).ToDictionary();
        var events = (await db.ModelEvents.AsNoTracking().Where(e => modelIds.Contains(e.ModelId)).Select(e => e.ModelId).ToListAsync()).CountBy(x => x).ToDictionary();
        var currentTexts = (await db.CommitmentTexts.AsNoTracking().Where(t => modelIds.Contains(t.ModelId)).Select(t => new { t.Id, t.ModelId, t.Number }).ToListAsync())
            .GroupBy(t => t.ModelId).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Number)!.Id);
        var textIds = currentTexts.Values.ToList();
        var signers = (await db.CommitmentSignatures.AsNoTracking().Where(s => textIds.Contains(s.TextId)).Select(s => new { s.TextId, s.UserId }).ToListAsync())
            .ToLookup(s => s.TextId, s => s.UserId);
        var officials = (await ratings.OfficialsOfAsync(ids)).ToLookup(o => o.UnitId, o => o.Id);
        return models.ToDictionary(x => x.Key, x =>
        {
            var m = x.Value;
            var signed = currentTexts.TryGetValue(m.Id, out var textId) ? signers[textId].ToHashSet() : [];
            var staff = officials[x.Key].ToList();
            var figures = RolloutMath.Figures(tasks[m.Id].ToList(), Today, readiness[m.Id].ToList(), staff.Count(signed.Contains), staff.Count);
            return new ModelFigures(m, figures, openProposals.GetValueOrDefault(m.Id), events.GetValueOrDefault(m.Id));
        });
    }
}
