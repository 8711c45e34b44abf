using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

public sealed record PetitionGroupRow(string Key, PetitionFigures Figures);

public sealed record PetitionStatsDto(string Unit, string UnitName, DateOnly From, DateOnly To, PetitionFigures Total,
    List<PetitionGroupRow> ByCategory, List<PetitionGroupRow> ByVillage, List<PetitionGroupRow> ByMonth, List<PetitionGroupRow> ByCommune,
    List<HotSpot> HotSpots);

/// <summary>"Dân vận khéo": what the people of a commune (or a supervisor's area) raise, where, and how well it is answered.</summary>
public sealed class PetitionStats(AppDbContext db, UnitAccess access, UnitDirectory units, TimeProvider clock)
{
    public async Task<Outcome<PetitionStatsDto>> BuildAsync(string? unitCode, DateOnly? fromDate, DateOnly? toDate, ClaimsPrincipal user)
    {
        var today = DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var from = fromDate ?? new DateOnly(today.Year, 1, 1);
        var to = toDate ?? today;
        if (to < from) return Outcome<PetitionStatsDto>.Invalid([new("to", "Ngày kết thúc phải sau ngày bắt đầu.")]);
        if (to.DayNumber - from.DayNumber > 3 * 366) return Outcome<PetitionStatsDto>.Invalid([new("to", "Mỗi báo cáo tối đa 3 năm.")]);
        var unit = string.IsNullOrWhiteSpace(unitCode)
            ? user.UnitId() is int home ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == home) : null
            : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode.Trim());
        if (unit is null || !await access.MayAsync(unit.Id, UnitOperations.Read)) return Outcome<PetitionStatsDto>.NotFound();
        var graph = units.Graph;
        var ids = graph.Owners(unit.Level == UnitLevel.Commune ? graph.CommuneScope(unit.Id) : graph.Subtree(unit.Id));
        var start = VietnamTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var end = VietnamTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var now = clock.GetUtcNow().UtcDateTime;
        // A transferred-out record is counted where the petition went, not twice.
        var rows = await db.Petitions.AsNoTracking()
            .Where(p => ids.Contains(p.UnitId) && p.SubmittedAt >= start && p.SubmittedAt < end && p.Status != PetitionStatus.Transferred)
            .Select(p => new { p.UnitId, p.CategoryName, p.VillageName, p.SubmittedAt, p.Status, p.DueAt, p.AnsweredAt, p.SenderSatisfied, p.DuplicateOfId })
            .ToListAsync();
        var names = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        var facts = rows.Select(p =>
        {
            var open = PetitionLifecycle.IsOpen(p.Status);
            return (p.UnitId, Fact: new PetitionFact(p.CategoryName, p.VillageName, VietnamTime.FromUtc(p.SubmittedAt).ToString("yyyy-MM"), open,
                open && p.Status != PetitionStatus.NeedsInfo && p.DueAt < now, p.AnsweredAt is not null, p.AnsweredAt is DateTime a && a <= p.DueAt,
                p.SenderSatisfied, p.DuplicateOfId is not null));
        }).ToList();
        var all = facts.Select(f => f.Fact).ToList();
        List<PetitionGroupRow> Rows(IEnumerable<(string Key, PetitionFigures F)> g) => g.Select(x => new PetitionGroupRow(x.Key, x.F)).ToList();
        var months = SatisfactionReports.PeriodKeys(from, to, ReportGrouping.Month);
        var byMonth = months.Select(m => new PetitionGroupRow(SatisfactionReports.PeriodLabel(m), PetitionReports.Figures(all.Where(f => f.Month == m).ToList()))).ToList();
        var byCommune = unit.Level == UnitLevel.Commune ? []
            : facts.GroupBy(f => f.UnitId).Select(g => new PetitionGroupRow(names.GetValueOrDefault(g.Key, ""), PetitionReports.Figures(g.Select(x => x.Fact).ToList())))
                .OrderByDescending(r => r.Figures.Total).ToList();
        return Outcome<PetitionStatsDto>.Success(new PetitionStatsDto(unit.Code, unit.FullName, from, to, PetitionReports.Figures(all),
            Rows(PetitionReports.By(all, f => f.Category)), Rows(PetitionReports.By(all, f => f.Village)), byMonth, byCommune,
            PetitionReports.HotSpots(all)));
    }
}
