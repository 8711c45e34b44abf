using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>How a dossier ended, for Decision 766: when (UTC) and whether late.</summary>
public sealed record DossierEnd(DateTime EndedUtc, bool Late);

/// <summary>The one reading of a dossier's end that the report, the figures feeder and the rebuild share.</summary>
public static class DossierEnds
{
    /// <summary>The actions that can end a dossier (Decision 766: result ready, returned, stopped, refused).</summary>
    public static readonly DossierAction[] Actions = [DossierAction.Complete, DossierAction.Return, DossierAction.Stop, DossierAction.Refuse];

    public static bool Ends(DossierAction action) => Array.IndexOf(Actions, action) >= 0;

    /// <summary>
    /// The end of a history, or null when it has none yet, or when the lifecycle does not allow it (imported data): not
    /// counted rather than guessed.
    /// </summary>
    public static DossierEnd? Of(IEnumerable<(DossierAction Action, DateTime AtUtc, long Id)> steps, DateTime? appointedUtc, WorkingCalendar calendar)
    {
        Timeliness t;
        try
        {
            t = Decision766.Evaluate(steps.OrderBy(s => s.AtUtc).ThenBy(s => s.Id).Select(s => new DossierEvent(s.Action, VietnamTime.FromUtc(s.AtUtc))).ToList(),
                appointedUtc is DateTime a ? VietnamTime.FromUtc(a) : null, calendar);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        return t.EndedAt is DateTime local ? new DossierEnd(VietnamTime.ToUtc(local), t.OnTime == false) : null;
    }

    /// <summary>The local day a UTC moment falls on.</summary>
    public static DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(VietnamTime.FromUtc(utc));
}
