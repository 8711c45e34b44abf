namespace FriendlyGov.Core.Data;

/// <summary>
/// Who is acting and which units they reach. The one place tenant isolation is decided: the DbContext's query
/// filter reads <see cref="ReadableUnitIds"/>, its save guard checks <see cref="CanWrite"/>, and the web layer's
/// authorization handler asks the same object.
/// </summary>
public interface IUnitScope
{
    /// <summary>False for administrators and the system itself (commands, background work): no filter applies.</summary>
    bool IsRestricted { get; }
    /// <summary>
    /// The row-owning units (no villages) whose rows may be read when restricted: what the query filter carries.
    /// Empty for anonymous visitors: public pages opt out explicitly.
    /// </summary>
    int[] ReadableUnitIds { get; }
    bool CanRead(int unitId);
    bool CanWrite(int unitId);
    /// <summary>The acting staff member's own unit, stamped on new rows that name none.</summary>
    int? HomeUnitId { get; }
    string? ActorId { get; }
    string? ActorName { get; }
    /// <summary>The actor as the audit log names them: an official's account, but never a citizen's (their account name is their phone).</summary>
    string? AuditActorName => ActorName;
}

/// <summary>
/// The scope of operator commands, migrations and seeding: unrestricted, named "system". A write the system makes on an
/// official's behalf (a board's inspection stored in the commune's rows) names that official's account too.
/// </summary>
public sealed class SystemScope(string actor = "system", string? actorId = null) : IUnitScope
{
    public bool IsRestricted => false;
    public int[] ReadableUnitIds => [];
    public bool CanRead(int unitId) => true;
    public bool CanWrite(int unitId) => true;
    public int? HomeUnitId => null;
    public string? ActorId => actorId;
    public string? ActorName => actor;
}

/// <summary>Thrown when a save would touch a row outside the actor's units; the web layer answers 403.</summary>
public sealed class UnitAccessDeniedException(string entity, int unitId)
    : Exception($"Writing {entity} of unit {unitId} is outside the actor's scope.");

/// <summary>
/// Thrown before a save when a text is longer than its column: the same refusal on SQLite (which would store it) and on
/// PostgreSQL (which would fail the statement). The web layer answers 422 and names the field.
/// </summary>
public sealed class ValueTooLongException(string entity, string property, int max)
    : Exception($"{entity}.{property} is longer than {max} characters.")
{
    public string Property { get; } = property;
    public int Max { get; } = max;
}
