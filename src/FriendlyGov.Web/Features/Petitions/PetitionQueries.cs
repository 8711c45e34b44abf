using System.Security.Claims;
using System.Security.Cryptography;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Petitions;

public sealed record PetitionView(Petition Petition, List<PetitionEvent> Events, List<long> PhotoIds, DateTime Due, bool Overdue, bool DueSoon,
    Escalation Escalation, string UnitName, List<Petition> Similar, string? TransferredToName, string? TransferredFromUnit)
{
    /// <summary>The last moment to decide not to handle it (2 working days) and to ask for more information (5), from the clock's start.</summary>
    public DateTime RefuseBy { get; init; }
    public DateTime AskInfoBy { get; init; }
}

/// <summary>A petition in a list: the deadline reading computed on the unit's calendar.</summary>
public sealed record PetitionRow(Petition Petition, DateTime Due, bool Overdue, bool DueSoon, Escalation Escalation, string UnitName);

public sealed record PetitionFilter(string? Status = null, string? Category = null, string? Village = null, string? Q = null,
    bool Mine = false, bool OverdueOnly = false, bool EscalatedOnly = false, int Take = 200);

/// <summary>Reading petitions: one with its history and clock, a list with deadlines, the similar ones, by the sender's key.</summary>
public sealed class PetitionQueries(AppDbContext db, Calendars calendars, TimeProvider clock, IOptions<PetitionDeadlines> deadlineOptions)
{
    public PetitionDeadlines Deadlines => deadlineOptions.Value;

    private IQueryable<T> Public<T>(IQueryable<T> q) where T : class => q.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking();


    public async Task<PetitionView?> ViewAsync(string code)
    {
        var p = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code);
        return p is null ? null : await ViewOfAsync(p, withSimilar: true);
    }

    public async Task<Petition?> ByKeyAsync(string? key) =>
        string.IsNullOrEmpty(key) || key.Length > 64 ? null : await Public(db.Petitions).FirstOrDefaultAsync(p => p.TrackingKey == key);

    /// <summary>
    /// A petition found by its code (any case) and the last four digits of the sender's phone, for /tra-cuu: read only, and
    /// never its private key (the sender's link, which can add information and rate the answer).
    /// </summary>
    public async Task<PetitionTrackingDto?> ByCodeAsync(string code, string? phoneLast4)
    {
        if (phoneLast4 is not { Length: 4 } || !phoneLast4.All(char.IsAsciiDigit) || code.Length > 40) return null;
        var p = await Public(db.Petitions).FirstOrDefaultAsync(x => x.Code == code.Trim().ToUpperInvariant());
        if (p?.SenderPhone is not { } phone || !phone.EndsWith(phoneLast4, StringComparison.Ordinal)) return null;
        return PetitionsSetup.ToTracking(await ViewOfAsync(p)) with { CanConfirm = false };
    }

    public async Task<PetitionView> ViewOfAsync(Petition p, bool withSimilar = false)
    {
        var events = await Public(db.PetitionEvents).Where(e => e.PetitionId == p.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        var photos = await Public(db.PetitionPhotos).Where(x => x.PetitionId == p.Id).OrderBy(x => x.Id).Select(x => x.Id).ToListAsync();
        var (due, overdue, soon, escalation) = await ClockAsync(p);
        var similar = withSimilar && PetitionLifecycle.IsOpen(p.Status) && p.DuplicateOfId is null ? await SimilarAsync(p) : [];
        string? to = p.TransferredToUnitId is int t ? await UnitNameAsync(t) : null;
        string? from = null;
        if (p.TransferredFromId is int f)
            from = await Public(db.Petitions).Where(x => x.Id == f).Select(x => x.UnitId).FirstOrDefaultAsync() is var u and > 0 ? await UnitNameAsync(u) : null;
        var calendar = await calendars.ForUnitAsync(p.UnitId);
        var start = VietnamTime.FromUtc(p.ClockStart);
        return new PetitionView(p, events, photos, due, overdue, soon, escalation, await UnitNameAsync(p.UnitId), similar, to, from)
        {
            RefuseBy = VietnamTime.ToUtc(PetitionClock.Due(calendar, start, Deadlines.RefuseDays, 0)),
            AskInfoBy = VietnamTime.ToUtc(PetitionClock.Due(calendar, start, Deadlines.AskInfoDays, 0)),
        };
    }

    private async Task<(DateTime Due, bool Overdue, bool DueSoon, Escalation Escalation)> ClockAsync(Petition p)
    {
        var calendar = await calendars.ForUnitAsync(p.UnitId);
        return Clock(p, calendar, VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));
    }

    private (DateTime Due, bool Overdue, bool DueSoon, Escalation Escalation) Clock(Petition p, WorkingCalendar calendar, DateTime now)
    {
        var due = PetitionClock.DueAsOf(calendar, VietnamTime.FromUtc(p.ClockStart), Deadlines.AnswerDays, p.PausedMinutes,
            p.PausedAt is DateTime pa ? VietnamTime.FromUtc(pa) : null, now);
        if (!PetitionLifecycle.IsOpen(p.Status)) return (VietnamTime.ToUtc(due), false, false, Escalation.None);
        var paused = p.Status == PetitionStatus.NeedsInfo;
        var overdue = !paused && now > due;
        return (VietnamTime.ToUtc(due), overdue, !paused && PetitionClock.DueSoon(calendar, due, now),
            PetitionClock.EscalationAt(calendar, due, now, paused, Deadlines));
    }

    /// <summary>Open petitions of the same commune that look like this one (offered to staff to link).</summary>
    public async Task<List<Petition>> SimilarAsync(Petition p)
    {
        var open = await Public(db.Petitions)
            .Where(x => x.UnitId == p.UnitId && x.Id != p.Id && x.DuplicateOfId == null && x.CategoryCode == p.CategoryCode
                && PetitionLifecycle.OpenStatuses.Contains(x.Status))
            .OrderByDescending(x => x.SubmittedAt).Take(300).ToListAsync();
        var words = PetitionSimilarity.Words($"{p.Title} {p.Content}");
        return open.Select(x => (x, Score: PetitionSimilarity.Score(words, $"{x.Title} {x.Content}")))
            .Where(x => x.Score >= PetitionSimilarity.Threshold).OrderByDescending(x => x.Score).Take(5).Select(x => x.x).ToList();
    }

    /// <summary>Petitions the actor reads (their commune, or a supervisor's subtree), newest first, with their clocks.</summary>
    public async Task<List<PetitionRow>> ListAsync(PetitionFilter f, ClaimsPrincipal user)
    {
        var q = db.Petitions.AsNoTracking().AsQueryable();
        if (f.Status == "open") q = q.Where(p => PetitionLifecycle.OpenStatuses.Contains(p.Status));
        else if (Enum.TryParse<PetitionStatus>(f.Status, true, out var st) && Enum.IsDefined(st)) q = q.Where(p => p.Status == st);
        if (!string.IsNullOrWhiteSpace(f.Category)) q = q.Where(p => p.CategoryCode == f.Category);
        if (!string.IsNullOrWhiteSpace(f.Village)) q = q.Where(p => db.Units.Any(u => u.Id == p.VillageId && u.Code == f.Village));
        if (f.Mine) { var me = user.FindFirstValue(ClaimTypes.NameIdentifier); q = q.Where(p => p.AssigneeId == me); }
        if (f.OverdueOnly || f.EscalatedOnly)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            q = q.Where(p => p.DueAt < now && p.Status != PetitionStatus.NeedsInfo);
        }
        var rows = await q.OrderByDescending(p => p.SubmittedAt).Take(f.Q is null ? f.Take : 2000).ToListAsync();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var needle = VietnameseText.Fold(f.Q);
            rows = rows.Where(p => p.Code.Contains(f.Q.Trim(), StringComparison.OrdinalIgnoreCase)
                || VietnameseText.Fold($"{p.Title} {p.Content} {p.SenderName} {p.VillageName}").Contains(needle)).Take(f.Take).ToList();
        }
        var result = new List<PetitionRow>();
        var nowLocal = VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime);
        await LoadUnitNamesAsync(rows.Select(p => p.UnitId));
        foreach (var g in rows.GroupBy(p => p.UnitId))
        {
            var calendar = await calendars.ForUnitAsync(g.Key);
            var name = await UnitNameAsync(g.Key);
            result.AddRange(g.Select(p => { var c = Clock(p, calendar, nowLocal); return new PetitionRow(p, c.Due, c.Overdue, c.DueSoon, c.Escalation, name); }));
        }
        if (f.EscalatedOnly)
            result = result.Where(r => user.IsInRole(Roles.Supervisor) ? r.Escalation == Escalation.Supervisor : r.Escalation != Escalation.None).ToList();
        return result.OrderByDescending(r => r.Petition.SubmittedAt).ToList();
    }


    /// <summary>
    /// The desk's petition counts (open, mine, due within a working day, overdue or, for a supervisor, escalated to them) over
    /// every open petition the reader sees, all counted in the database. The stored due date is the clock's
    /// (<see cref="PetitionDueDates"/> keeps it so), so each reading is a range of due dates: due soon from now to a working
    /// day ahead, overdue before now, escalated up to a working-time cut-off walked back from now. Those limits depend on the
    /// unit's calendar: units sharing a calendar are counted in one query (most of an area shares the national calendar and
    /// the default office hours). A petition waiting for the sender's information has its clock paused and counts in none.
    /// </summary>
    public async Task<(int Open, int Mine, int DueSoon, int Overdue)> OpenCountsAsync(ClaimsPrincipal user)
    {
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var supervisor = user.IsInRole(Roles.Supervisor);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var now = VietnamTime.FromUtc(nowUtc);
        var open = db.Petitions.AsNoTracking().Where(p => PetitionLifecycle.OpenStatuses.Contains(p.Status));
        var perUnit = await open.GroupBy(p => p.UnitId).Select(g => new { UnitId = g.Key, Open = g.Count(), Mine = g.Count(p => p.AssigneeId == me) }).ToListAsync();
        if (perUnit.Count == 0) return (0, 0, 0, 0);
        var limits = new Dictionary<int, (DateTime Horizon, DateTime Late)>();
        foreach (var u in perUnit)
        {
            var calendar = await calendars.ForUnitAsync(u.UnitId);
            limits[u.UnitId] = (VietnamTime.ToUtc(PetitionClock.DueSoonHorizon(calendar, now)),
                supervisor ? VietnamTime.ToUtc(PetitionClock.SupervisorCutoff(calendar, now, Deadlines)) : nowUtc.AddTicks(-1));
        }
        var groups = limits.GroupBy(l => l.Value).ToList();
        var running = open.Where(p => p.Status != PetitionStatus.NeedsInfo);
        int soon = 0, late = 0;
        foreach (var g in groups)
        {
            var (horizon, lateBy) = g.Key;
            var ids = g.Select(l => l.Key).ToList();
            // One calendar for every unit read: no list of units to send (the tenant filter already bounds the area).
            var q = groups.Count == 1 ? running : running.Where(p => ids.Contains(p.UnitId));
            var counts = await q.Where(p => p.DueAt <= horizon).GroupBy(p => 1)
                .Select(x => new { Soon = x.Count(p => p.DueAt >= nowUtc), Late = x.Count(p => p.DueAt <= lateBy) }).ToListAsync();
            soon += counts.Sum(c => c.Soon);
            late += counts.Sum(c => c.Late);
        }
        return (perUnit.Sum(u => u.Open), perUnit.Sum(u => u.Mine), soon, late);
    }

    /// <summary>What the desk counts as late for its reader: for a supervisor, escalated to them; for anyone else, overdue.</summary>
    public static bool IsLateFor(bool supervisor, bool overdue, Escalation escalation) => supervisor ? escalation == Escalation.Supervisor : overdue;

    private readonly Dictionary<int, string> _unitNames = [];

    /// <summary>Reads the names of the units not yet known in one query (a province's list spans many communes).</summary>
    private async Task LoadUnitNamesAsync(IEnumerable<int> ids)
    {
        var missing = ids.Distinct().Where(id => !_unitNames.ContainsKey(id)).ToList();
        if (missing.Count == 0) return;
        foreach (var u in await db.Units.AsNoTracking().Where(u => missing.Contains(u.Id)).ToListAsync()) _unitNames[u.Id] = u.FullName;
    }

    public async Task<string> UnitNameAsync(int id)
    {
        if (_unitNames.TryGetValue(id, out var name)) return name;
        var u = await db.Units.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        return _unitNames[id] = u?.FullName ?? "";
    }
}
