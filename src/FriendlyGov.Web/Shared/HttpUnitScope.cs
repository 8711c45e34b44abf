using System.Security.Claims;
using FriendlyGov.Core.Data;

namespace FriendlyGov.Web.Shared;

public static class AppClaims
{
    public const string Unit = "fg:unit";
    public const string FullName = "fg:name";

    public static int? UnitId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Unit), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(FullName) ?? user.Identity?.Name ?? "";
}

/// <summary>
/// The scope of one web request, from the signed-in user's role and unit:
/// administrators are unrestricted; a commune's staff read and change their commune (with the communes merged
/// into it); a supervisor reads the subtree of their province or former district and changes only rows of their
/// own unit; visitors and citizens read no commune rows through the filter (public pages opt out explicitly).
/// </summary>
public sealed class HttpUnitScope : IUnitScope
{
    private readonly HashSet<int> _readable = [];
    private readonly HashSet<int>? _writable;

    public HttpUnitScope(IHttpContextAccessor http, UnitDirectory directory)
    {
        var user = http.HttpContext?.User;
        if (user is null) // outside a request: a background job
        {
            IsRestricted = false;
            ActorName = "system";
            return;
        }
        ActorId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        ActorName = user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
        HomeUnitId = user.UnitId();

        if (user.IsInRole(Roles.Admin))
        {
            IsRestricted = false;
            return;
        }
        IsRestricted = true;
        if (HomeUnitId is int unit && user.Identity?.IsAuthenticated == true)
        {
            if (Roles.CommuneStaff.Any(user.IsInRole))
            {
                _readable.UnionWith(directory.Graph.CommuneScope(unit));
                _writable = [.. _readable];
            }
            else if (user.IsInRole(Roles.Supervisor))
            {
                _readable.UnionWith(directory.Graph.Subtree(unit));
                _writable = [unit];
            }
            else _writable = [];
        }
        // Visitors and citizens: nothing readable through the filter; their writes go through public use cases only.
        ReadableUnitIds = [.. _readable];
    }

    public bool IsRestricted { get; }
    public int[] ReadableUnitIds { get; } = [];
    public int? HomeUnitId { get; }
    public string? ActorId { get; }
    public string? ActorName { get; }

    public bool CanRead(int unitId) => !IsRestricted || _readable.Contains(unitId);
    public bool CanWrite(int unitId) => !IsRestricted || _writable is null || _writable.Contains(unitId);

    /// <summary>Staff whose account is bound to a unit (any role but administrator and citizen).</summary>
    public bool IsStaff => _writable is not null;
}
