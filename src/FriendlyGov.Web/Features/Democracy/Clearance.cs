using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Democracy;

public sealed class ProjectInput
{
    public string? Name { get; set; }
    public string? Purpose { get; set; }
    public string? Investor { get; set; }
    public string? Villages { get; set; }
    public decimal? AffectedAreaM2 { get; set; }
    public string? MapLink { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public int? PlanDisclosureId { get; set; }
}

public sealed class MeetingInput
{
    public DateOnly? Date { get; set; }
    public string? Village { get; set; }
    public int? Attendees { get; set; }
    public string? Minutes { get; set; }
}

public sealed class HouseholdInput
{
    public string? HeadName { get; set; }
    public string? Village { get; set; }
    public decimal? AffectedAreaM2 { get; set; }
    public string? Assets { get; set; }
    public string? Phone { get; set => field = Core.Domain.InputRules.Phone(value); }
    public bool AgreesToBeNamed { get; set; }
}

public sealed class StatusInput
{
    public HouseholdStatus Status { get; set; }
    public string? Reason { get; set; }
    public int Version { get; set; }
}

public sealed class VisitInput
{
    public DateOnly? Date { get; set; }
    public string? VisitedBy { get; set; }
    public string? Notes { get; set; }
}

public sealed class DonationInput
{
    public string? HeadName { get; set; }
    public string? Village { get; set; }
    public decimal? AreaM2 { get; set; }
    public decimal? WallsMovedM { get; set; }
    public string? TreesStructures { get; set; }
    public DateOnly? AgreementDate { get; set; }
    public string? Road { get; set; }
    public int? ProjectId { get; set; }
    public bool ThankPublicly { get; set; }
}

public sealed record VillageConsensus(string Village, Consensus Consensus);

public sealed record ProjectView(ClearanceProject Project, Consensus Consensus, List<VillageConsensus> ByVillage, List<ProjectMeeting> Meetings,
    List<AffectedHousehold> Households, List<HouseholdVisit> Visits, Disclosure? Plan);

public sealed record DonationTotals(string Key, int Donors, decimal AreaM2, decimal WallsMovedM);

/// <summary>One project on the leaders' and supervisors' overview: consensus, per village, and how the persuasion is going.</summary>
public sealed record OverviewRow(AdministrativeUnit Commune, ClearanceProject Project, Consensus Consensus, List<VillageConsensus> ByVillage,
    int HandedOver, int Meetings, DateOnly? LastMeeting, int Visits, DateOnly? LastVisit, int NotAgreedUnvisited);

/// <summary>A commune's land donations on the overview.</summary>
public sealed record CommuneDonations(AdministrativeUnit Commune, DonationTotals Totals);

/// <summary>
/// Giải phóng mặt bằng and hiến đất: projects with the meetings held and each affected household's path to consensus (with
/// follow-up visits), and the voluntary land donations for roads. The commune's staff record; leaders and supervisors read the
/// progress; the public sees counts, and the names only of households who agreed to be named.
/// </summary>
public sealed class Clearance(AppDbContext db, UnitAccess access, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>Households' phones are for the commune that calls them (its own staff), not for the supervisors above it.</summary>
    public Task<bool> ShowsPhonesAsync(ClaimsPrincipal user, int unitId) => access.MayAsync(user, unitId, UnitOperations.Work);

    public async Task<List<(ClearanceProject Project, Consensus Consensus)>> ProjectsAsync(int unitId, bool publicView)
    {
        var q = publicView ? db.ClearanceProjects.IgnoreQueryFilters([AppDbContext.UnitFilter]) : db.ClearanceProjects;
        var projects = await q.AsNoTracking().Where(p => p.UnitId == unitId).OrderByDescending(p => p.CreatedAt).ToListAsync();
        var ids = projects.Select(p => p.Id).ToList();
        var hq = publicView ? db.AffectedHouseholds.IgnoreQueryFilters([AppDbContext.UnitFilter]) : db.AffectedHouseholds;
        var statuses = await hq.AsNoTracking().Where(h => ids.Contains(h.ProjectId)).Select(h => new { h.ProjectId, h.Status }).ToListAsync();
        return projects.Select(p => (p, DemocracyRules.ConsensusOf(statuses.Where(s => s.ProjectId == p.Id).Select(s => s.Status).ToList()))).ToList();
    }

    /// <summary>
    /// Every project the reader may see (their commune, or a supervisor's whole area, as the tenant filter decides), those with the
    /// lowest consensus first; households not agreed that no one has visited in <paramref name="visitWithinDays"/> days are counted.
    /// </summary>
    public async Task<(List<OverviewRow> Projects, List<CommuneDonations> Donations)> OverviewAsync(int visitWithinDays = 30)
    {
        // Counted in the database: a few rows per project, village and status come back, whatever the households and visits.
        var projects = await db.ClearanceProjects.AsNoTracking().ToListAsync();
        // Visits are counted on their household as they are recorded (VisitCount, LastVisitOn), so the visits of years are never read.
        var since = Today.AddDays(-visitWithinDays);
        var households = (await db.AffectedHouseholds.AsNoTracking().GroupBy(h => new { h.ProjectId, h.Village, h.Status })
            .Select(g => new
            {
                g.Key.ProjectId, g.Key.Village, g.Key.Status, Count = g.Count(), Visits = g.Sum(h => h.VisitCount), LastVisit = g.Max(h => h.LastVisitOn),
                Unvisited = g.Count(h => h.Status == HouseholdStatus.NotAgreed && (h.LastVisitOn == null || h.LastVisitOn < since)),
            }).ToListAsync()).ToLookup(h => h.ProjectId);
        var meetings = await db.ProjectMeetings.AsNoTracking().GroupBy(m => m.ProjectId)
            .Select(g => new { ProjectId = g.Key, Count = g.Count(), Last = g.Max(m => (DateOnly?)m.Date) }).ToDictionaryAsync(m => m.ProjectId);
        var donations = await db.LandDonations.AsNoTracking().Select(d => new { d.UnitId, d.AreaM2, d.WallsMovedM }).ToListAsync();
        var unitIds = projects.Select(p => p.UnitId).Concat(donations.Select(d => d.UnitId)).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        var rows = projects.Select(p =>
        {
            var hs = households[p.Id].ToList();
            var met = meetings.GetValueOrDefault(p.Id);
            return new OverviewRow(units[p.UnitId], p, DemocracyRules.ConsensusOfCounts(hs.Select(h => (h.Status, h.Count))),
                hs.GroupBy(h => h.Village).OrderBy(g => g.Key).Select(g => new VillageConsensus(g.Key, DemocracyRules.ConsensusOfCounts(g.Select(h => (h.Status, h.Count))))).ToList(),
                hs.Where(h => h.Status == HouseholdStatus.HandedOver).Sum(h => h.Count), met?.Count ?? 0, met?.Last, hs.Sum(h => h.Visits), hs.Max(h => h.LastVisit),
                hs.Sum(h => h.Unvisited));
        }).OrderBy(r => r.Consensus.Share ?? 101).ThenBy(r => r.Commune.Name).ThenBy(r => r.Project.Name).ToList();
        var byCommune = donations.GroupBy(d => d.UnitId).Select(g => new CommuneDonations(units[g.Key],
            new DonationTotals(units[g.Key].Name, g.Count(), g.Sum(d => d.AreaM2), g.Sum(d => d.WallsMovedM)))).OrderByDescending(c => c.Totals.AreaM2).ToList();
        return (rows, byCommune);
    }

    /// <summary>Households not agreed that no one has visited in <paramref name="visitWithinDays"/> days, in the reader's scope.</summary>
    private IQueryable<AffectedHousehold> NotAgreedUnvisited(int visitWithinDays)
    {
        var since = Today.AddDays(-visitWithinDays);
        return db.AffectedHouseholds.AsNoTracking().Where(h => h.Status == HouseholdStatus.NotAgreed && (h.LastVisitOn == null || h.LastVisitOn < since));
    }

    /// <summary>How many households not agreed no one has visited in 30 days (the desk's count), by one query.</summary>
    public Task<int> NotAgreedUnvisitedCountAsync() => NotAgreedUnvisited(30).CountAsync();

    /// <summary>One project; <paramref name="publicView"/> lifts the tenant filter and the caller hides names as the households chose.</summary>
    public async Task<ProjectView?> ProjectAsync(int id, bool publicView)
    {
        IQueryable<T> Q<T>(IQueryable<T> set) where T : class => publicView ? set.IgnoreQueryFilters([AppDbContext.UnitFilter]) : set;
        var p = await Q(db.ClearanceProjects).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (p is null) return null;
        var households = await Q(db.AffectedHouseholds).AsNoTracking().Where(h => h.ProjectId == id).OrderBy(h => h.Village).ThenBy(h => h.HeadName).ToListAsync();
        var meetings = await Q(db.ProjectMeetings).AsNoTracking().Where(m => m.ProjectId == id).OrderByDescending(m => m.Date).ToListAsync();
        var hIds = households.Select(h => h.Id).ToList();
        var visits = publicView ? [] : await db.HouseholdVisits.AsNoTracking().Where(v => hIds.Contains(v.HouseholdId)).OrderByDescending(v => v.Date).ToListAsync();
        var plan = p.PlanDisclosureId is int did ? await db.Disclosures.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().FirstOrDefaultAsync(d => d.Id == did && d.PostedOn != null) : null;
        return new ProjectView(p, DemocracyRules.ConsensusOf(households.Select(h => h.Status).ToList()), ByVillage(households.Select(h => (h.Village, h.Status))),
            meetings, households, visits, plan);
    }

    /// <summary>Consensus of each village, in village order.</summary>
    private static List<VillageConsensus> ByVillage(IEnumerable<(string Village, HouseholdStatus Status)> households) =>
        households.GroupBy(h => h.Village).OrderBy(g => g.Key)
            .Select(g => new VillageConsensus(g.Key, DemocracyRules.ConsensusOf(g.Select(h => h.Status).ToList()))).ToList();

    public async Task<Outcome<ClearanceProject>> CreateProjectAsync(AdministrativeUnit unit, ProjectInput input, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return Outcome<ClearanceProject>.NotFound();
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 300) errors.Add(new(nameof(input.Name), "Nhập tên dự án (tối đa 300 ký tự)."));
        if (string.IsNullOrWhiteSpace(input.Purpose) || input.Purpose.Trim().Length > 2000) errors.Add(new(nameof(input.Purpose), "Nêu mục đích dự án (tối đa 2.000 ký tự)."));
        if (input.AffectedAreaM2 is < 0 or > 100_000_000) errors.Add(new(nameof(input.AffectedAreaM2), "Diện tích ảnh hưởng không hợp lệ."));
        if (input.StartOn is DateOnly s && input.EndOn is DateOnly e && e < s) errors.Add(new(nameof(input.EndOn), "Ngày kết thúc trước ngày bắt đầu."));
        if (!string.IsNullOrWhiteSpace(input.MapLink) && !(Uri.TryCreate(input.MapLink.Trim(), UriKind.Absolute, out var u) && u.Scheme is "https" or "http"))
            errors.Add(new(nameof(input.MapLink), "Đường dẫn bản đồ phải là địa chỉ http(s)."));
        if (input.PlanDisclosureId is int did && !await db.Disclosures.AnyAsync(d => d.Id == did && d.UnitId == unit.Id))
            errors.Add(new(nameof(input.PlanDisclosureId), "Phương án bồi thường phải là nội dung công khai của xã."));
        Limit(errors, nameof(input.Investor), input.Investor, 300);
        Limit(errors, nameof(input.Villages), input.Villages, 500);
        Limit(errors, nameof(input.MapLink), input.MapLink, 500);
        if (errors.Count > 0) return Outcome<ClearanceProject>.Invalid(errors);
        var p = new ClearanceProject
        {
            UnitId = unit.Id, Name = input.Name!.Trim(), Purpose = input.Purpose!.Trim(), Investor = Blank(input.Investor), Villages = Blank(input.Villages),
            AffectedAreaM2 = input.AffectedAreaM2, MapLink = Blank(input.MapLink), StartOn = input.StartOn, EndOn = input.EndOn, PlanDisclosureId = input.PlanDisclosureId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ClearanceProjects.Add(p);
        await db.SaveChangesAsync();
        return Outcome<ClearanceProject>.Success(p);
    }

    private async Task<ClearanceProject?> OwnProjectAsync(AdministrativeUnit unit, int id, ClaimsPrincipal actor) =>
        await access.MayAsync(actor, unit.Id, UnitOperations.Work) ? await db.ClearanceProjects.FirstOrDefaultAsync(p => p.Id == id && p.UnitId == unit.Id) : null;

    public async Task<Outcome<ProjectMeeting>> AddMeetingAsync(AdministrativeUnit unit, int projectId, MeetingInput input, ClaimsPrincipal actor)
    {
        if (await OwnProjectAsync(unit, projectId, actor) is not { } p) return Outcome<ProjectMeeting>.NotFound();
        var errors = new List<RuleViolation>();
        if (input.Date is null || input.Date > Today) errors.Add(new(nameof(input.Date), "Ghi ngày họp (không ở tương lai)."));
        if (string.IsNullOrWhiteSpace(input.Village) || input.Village.Trim().Length > 100) errors.Add(new(nameof(input.Village), "Ghi thôn, bản nơi họp."));
        if (input.Attendees is null or < 1 or > 100_000) errors.Add(new(nameof(input.Attendees), "Ghi số người dự họp."));
        if (string.IsNullOrWhiteSpace(input.Minutes) || input.Minutes.Trim().Length > 8000) errors.Add(new(nameof(input.Minutes), "Ghi biên bản, ý kiến chính của nhân dân (tối đa 8.000 ký tự)."));
        if (errors.Count > 0) return Outcome<ProjectMeeting>.Invalid(errors);
        var m = new ProjectMeeting { UnitId = unit.Id, ProjectId = p.Id, Date = input.Date!.Value, Village = input.Village!.Trim(), Attendees = input.Attendees!.Value, Minutes = input.Minutes!.Trim() };
        db.ProjectMeetings.Add(m);
        await db.SaveChangesAsync();
        return Outcome<ProjectMeeting>.Success(m);
    }

    public async Task<Outcome<AffectedHousehold>> AddHouseholdAsync(AdministrativeUnit unit, int projectId, HouseholdInput input, ClaimsPrincipal actor)
    {
        if (await OwnProjectAsync(unit, projectId, actor) is not { } p) return Outcome<AffectedHousehold>.NotFound();
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.HeadName) || input.HeadName.Trim().Length > 100) errors.Add(new(nameof(input.HeadName), "Nhập họ tên chủ hộ."));
        if (string.IsNullOrWhiteSpace(input.Village) || input.Village.Trim().Length > 100) errors.Add(new(nameof(input.Village), "Ghi thôn, bản."));
        if (input.AffectedAreaM2 is null or < 0 or > 10_000_000) errors.Add(new(nameof(input.AffectedAreaM2), "Ghi diện tích bị ảnh hưởng (m²)."));
        if (!string.IsNullOrWhiteSpace(input.Phone) && !InputRules.IsPhone(input.Phone))
            errors.Add(new(nameof(input.Phone), "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912 345 678)."));
        Limit(errors, nameof(input.Assets), input.Assets, 2000);
        if (errors.Count > 0) return Outcome<AffectedHousehold>.Invalid(errors);
        var h = new AffectedHousehold
        {
            UnitId = unit.Id, ProjectId = p.Id, HeadName = input.HeadName!.Trim(), Village = input.Village!.Trim(), AffectedAreaM2 = input.AffectedAreaM2!.Value,
            Assets = Blank(input.Assets), Phone = Blank(input.Phone), AgreesToBeNamed = input.AgreesToBeNamed,
        };
        db.AffectedHouseholds.Add(h);
        await db.SaveChangesAsync();
        return Outcome<AffectedHousehold>.Success(h);
    }

    public async Task<Outcome<AffectedHousehold>> MoveAsync(AdministrativeUnit unit, int householdId, StatusInput input, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return Outcome<AffectedHousehold>.NotFound();
        var h = await db.AffectedHouseholds.FirstOrDefaultAsync(x => x.Id == householdId && x.UnitId == unit.Id);
        if (h is null) return Outcome<AffectedHousehold>.NotFound();
        RefusedException.IfStale(input.Version, h.Version, "Thông tin hộ");
        if (h.MoveTo(input.Status, input.Reason) is { } refused) return Outcome<AffectedHousehold>.Refused(refused);
        await db.SaveChangesAsync();
        return Outcome<AffectedHousehold>.Success(h);
    }

    public async Task<Outcome<HouseholdVisit>> VisitAsync(AdministrativeUnit unit, int householdId, VisitInput input, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return Outcome<HouseholdVisit>.NotFound();
        var h = await db.AffectedHouseholds.FirstOrDefaultAsync(x => x.Id == householdId && x.UnitId == unit.Id);
        if (h is null) return Outcome<HouseholdVisit>.NotFound();
        var errors = new List<RuleViolation>();
        if (input.Date is null || input.Date > Today) errors.Add(new(nameof(input.Date), "Ghi ngày đến gặp (không ở tương lai)."));
        if (string.IsNullOrWhiteSpace(input.VisitedBy) || input.VisitedBy.Trim().Length > 300) errors.Add(new(nameof(input.VisitedBy), "Ghi người đến gặp."));
        if (string.IsNullOrWhiteSpace(input.Notes) || input.Notes.Trim().Length > 4000) errors.Add(new(nameof(input.Notes), "Ghi nội dung trao đổi (tối đa 4.000 ký tự)."));
        if (errors.Count > 0) return Outcome<HouseholdVisit>.Invalid(errors);
        var v = new HouseholdVisit { UnitId = unit.Id, HouseholdId = h.Id, Date = input.Date!.Value, VisitedBy = input.VisitedBy!.Trim(), Notes = input.Notes!.Trim() };
        // The visit and its household's counters in one transaction; the counters by an atomic update, so two visits recorded at
        // once both count.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        db.HouseholdVisits.Add(v);
        await db.SaveChangesAsync();
        var date = v.Date;
        await db.AffectedHouseholds.Where(x => x.Id == h.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.VisitCount, x => x.VisitCount + 1)
            .SetProperty(x => x.LastVisitOn, x => x.LastVisitOn == null || x.LastVisitOn < date ? date : x.LastVisitOn));
        if (tx is not null) await tx.CommitAsync();
        return Outcome<HouseholdVisit>.Success(v);
    }

    // ---- land donations ------------------------------------------------------------------------------------------

    public async Task<Outcome<LandDonation>> DonateAsync(AdministrativeUnit unit, DonationInput input, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return Outcome<LandDonation>.NotFound();
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.HeadName) || input.HeadName.Trim().Length > 100) errors.Add(new(nameof(input.HeadName), "Nhập họ tên chủ hộ hiến đất."));
        if (string.IsNullOrWhiteSpace(input.Village) || input.Village.Trim().Length > 100) errors.Add(new(nameof(input.Village), "Ghi thôn, bản."));
        if (string.IsNullOrWhiteSpace(input.Road) || input.Road.Trim().Length > 300) errors.Add(new(nameof(input.Road), "Ghi tuyến đường, công trình được hiến đất."));
        if (input.AreaM2 is null or < 0 or > 1_000_000) errors.Add(new(nameof(input.AreaM2), "Ghi diện tích hiến (m²)."));
        if (input.WallsMovedM is < 0 or > 100_000) errors.Add(new(nameof(input.WallsMovedM), "Chiều dài tường rào không hợp lệ."));
        if (input.AreaM2 is 0 && (input.WallsMovedM ?? 0) == 0 && string.IsNullOrWhiteSpace(input.TreesStructures))
            errors.Add(new(nameof(input.AreaM2), "Ghi đất, tường rào hoặc cây cối, công trình hộ đã hiến."));
        if (input.AgreementDate is null || input.AgreementDate > Today) errors.Add(new(nameof(input.AgreementDate), "Ghi ngày ký biên bản hiến đất (không ở tương lai)."));
        if (input.ProjectId is int pid && !await db.ClearanceProjects.AnyAsync(p => p.Id == pid && p.UnitId == unit.Id)) errors.Add(new(nameof(input.ProjectId), "Dự án không thuộc xã."));
        Limit(errors, nameof(input.TreesStructures), input.TreesStructures, 1000);
        if (errors.Count > 0) return Outcome<LandDonation>.Invalid(errors);
        var d = new LandDonation
        {
            UnitId = unit.Id, HeadName = input.HeadName!.Trim(), Village = input.Village!.Trim(), AreaM2 = input.AreaM2!.Value, WallsMovedM = input.WallsMovedM ?? 0,
            TreesStructures = Blank(input.TreesStructures), AgreementDate = input.AgreementDate!.Value, Road = input.Road!.Trim(), ProjectId = input.ProjectId,
            ThankPublicly = input.ThankPublicly,
        };
        db.LandDonations.Add(d);
        await db.SaveChangesAsync();
        return Outcome<LandDonation>.Success(d);
    }

    /// <summary>
    /// The thank-you board: donors who agreed to be thanked publicly, by name; totals per village and per road count every
    /// donation (a number is not personal data).
    /// </summary>
    public async Task<(List<LandDonation> Named, List<DonationTotals> ByVillage, List<DonationTotals> ByRoad, DonationTotals All)> ThanksAsync(int unitId)
    {
        var all = await db.LandDonations.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(d => d.UnitId == unitId)
            .OrderByDescending(d => d.AgreementDate).ThenBy(d => d.Id).ToListAsync();
        static DonationTotals T(string key, IEnumerable<LandDonation> g) => new(key, g.Count(), g.Sum(d => d.AreaM2), g.Sum(d => d.WallsMovedM));
        return (all.Where(d => d.ThankPublicly).ToList(), all.GroupBy(d => d.Village).OrderBy(g => g.Key).Select(g => T(g.Key, g)).ToList(),
            all.GroupBy(d => d.Road).OrderBy(g => g.Key).Select(g => T(g.Key, g)).ToList(), T("", all));
    }

    public async Task<List<LandDonation>> DonationsAsync(int unitId) =>
        await db.LandDonations.AsNoTracking().Where(d => d.UnitId == unitId).OrderByDescending(d => d.AgreementDate).ToListAsync();

    /// <summary>Each commune's land-clearance consensus over all its projects (null where it has no affected household).</summary>
    public async Task<Dictionary<int, decimal?>> ConsensusAsync(IReadOnlyCollection<int> unitIds)
    {
        // Counted in the database: a row per commune and status, whatever the households.
        var households = (await db.AffectedHouseholds.AsNoTracking().Where(h => unitIds.Contains(h.UnitId)).GroupBy(h => new { h.UnitId, h.Status })
            .Select(g => new { g.Key.UnitId, g.Key.Status, Count = g.Count() }).ToListAsync()).ToLookup(h => h.UnitId, h => (h.Status, h.Count));
        return unitIds.ToDictionary(id => id, id => DemocracyRules.ConsensusOfCounts(households[id]).Share);
    }
}
