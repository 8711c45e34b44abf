using System.Security.Claims;
using FriendlyGov.Core.Data;

namespace FriendlyGov.Web.Shared;

public static class AppClaims
{
    public const string Unit = "fg:unit";
    public const string FullName = "fg:name";

    public static int? UnitId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Unit), out var id) ? id : null;

    /// <summary>
    /// The commune's counter officers (they receive, call back and return) and leaders (they assign, sign and answer): the
    /// officials whose work needs every citizen's contact in their commune: applicants, petition senders, the delivery log.
    /// Others read a contact in full only where the record is theirs (DossiersSetup.SeesApplicant, PetitionsSetup.SeesContact).
    /// </summary>
    public static bool ReadsEveryContact(this ClaimsPrincipal user) => user.IsInRole(Roles.CounterOfficer) || user.IsInRole(Roles.CommuneLeader);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(FullName) ?? user.Identity?.Name ?? "";
}

/// <summary>
/// The scope of one web request, from the signed-in user's role and unit:
/// administrators are unrestricted; a commune's staff read and change their commune (with the communes merged
/// into it); a supervisor reads the subtree of their province or former district and changes only rows of their
/// own unit; visitors and citizens read no commune rows through the filter (public pages opt out explicitly).
/// </summary>
/// <remarks>
/// Computed from the principal at the time of use, not of construction: the cookie handler's security-stamp check
/// builds the DbContext (and so this scope) before the request's user is known.
/// </remarks>
public sealed class HttpUnitScope(IHttpContextAccessor http, UnitDirectory directory) : IUnitScope
{
    private sealed record State(ClaimsPrincipal? User, bool Restricted, HashSet<int> Readable, int[] ReadableArray, HashSet<int>? Writable,
        int? Home, string? ActorId, string? ActorName);

    private State? _state;

    private State Current
    {
        get
        {
            var user = http.HttpContext?.User;
            var s = _state;
            if (s is not null && ReferenceEquals(s.User, user)) return s;
            return _state = Compute(user);
        }
    }

    private State Compute(ClaimsPrincipal? user)
    {
        if (user is null) return new(null, false, [], [], null, null, null, "system"); // outside a request: a background job
        var actorId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var actorName = user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
        var home = user.UnitId();
        if (user.IsInRole(Roles.Admin)) return new(user, false, [], [], null, home, actorId, actorName);

        var readable = new HashSet<int>();
        HashSet<int>? writable = null; // null: visitors and citizens, whose writes go through public use cases only
        if (home is int unit && user.Identity?.IsAuthenticated == true)
        {
            if (Roles.CommuneStaff.Any(user.IsInRole))
            {
                readable.UnionWith(directory.Graph.CommuneScope(unit));
                writable = [.. readable];
            }
            else if (user.IsInRole(Roles.Supervisor))
            {
                readable.UnionWith(directory.Graph.Subtree(unit));
                writable = [unit];
            }
            else writable = [];
        }
        return new(user, true, readable, directory.Graph.Owners(readable), writable, home, actorId, actorName);
    }

    public bool IsRestricted => Current.Restricted;
    public int[] ReadableUnitIds => Current.ReadableArray;
    public int? HomeUnitId => Current.Home;
    public string? ActorId => Current.ActorId;
    public string? ActorName => Current.ActorName;
    public string? AuditActorName => Current.User is { } u && u.Identity?.IsAuthenticated == true && !u.IsInRole(Roles.Admin)
        && !u.IsInRole(Roles.Supervisor) && !Roles.CommuneStaff.Any(u.IsInRole) ? CitizenActor : Current.ActorName;

    /// <summary>How the audit log names a signed-in citizen.</summary>
    public const string CitizenActor = "công dân";

    public bool CanRead(int unitId) => !Current.Restricted || Current.Readable.Contains(unitId);
    public bool CanWrite(int unitId) => !Current.Restricted || Current.Writable is null || Current.Writable.Contains(unitId);
}
