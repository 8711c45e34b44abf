using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>
/// Keeps every open petition's stored due date (<see cref="Petition.DueAt"/>) equal to the one its clock gives, so desks and
/// lists count due-soon, overdue and escalated petitions in the database instead of running each petition's clock.
/// The clock's due date depends on the petition (its start, its pauses), the calendar (the national days off, the unit's
/// office hours) and the answer deadline (configuration). The petition's own transitions keep the first part; this brings
/// the stored dates back in line when the others change: in the same transaction as a saved day off or office hours, at
/// start-up (the configuration may have changed), and each night (a change saved while another instance's calendar cache
/// was still the old one). Every moved date is an audited change, attributed to whoever changed the calendar.
/// </summary>
public static class PetitionDueDates
{
    private const int Batch = 500;

    /// <summary>
    /// Recomputes the due dates of the open petitions (of one unit, or all) on calendars read now from the database, and saves
    /// those that moved. Answers how many moved.
    /// </summary>
    public static async Task<int> RealignAsync(AppDbContext db, PetitionDeadlines deadlines, int? unitId = null, CancellationToken ct = default)
    {
        var overrides = await db.CalendarOverrides.AsNoTracking().Select(o => new CalendarOverride(o.Date, o.Working, o.Reason)).ToListAsync(ct);
        var hours = (await db.OfficeHours.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(h => unitId == null || h.UnitId == unitId).ToListAsync(ct)).ToDictionary(h => h.UnitId, h => h.ToDomain());
        var calendars = new Dictionary<int, WorkingCalendar>();
        WorkingCalendar CalendarOf(int unit) => calendars.TryGetValue(unit, out var c) ? c
            : calendars[unit] = new WorkingCalendar(overrides, hours.GetValueOrDefault(unit) ?? OfficeHours.Default);

        int moved = 0, afterId = 0, conflicts = 0;
        while (true)
        {
            var batch = await db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter])
                .Where(p => PetitionLifecycle.OpenStatuses.Contains(p.Status) && p.Id > afterId && (unitId == null || p.UnitId == unitId))
                .OrderBy(p => p.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) return moved;
            var changed = batch.Count(p => p.RealignDue(CalendarOf(p.UnitId), deadlines.AnswerDays));
            try
            {
                if (changed > 0) await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (++conflicts <= 5)
            {
                // A petition of the batch changed meanwhile (its own transition set its due date): read the batch again.
                db.ChangeTracker.Clear();
                continue;
            }
            db.ChangeTracker.Clear();
            moved += changed;
            afterId = batch[^1].Id;
        }
    }
}
