using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

public static class Roles
{
    public const string Citizen = "citizen";
    public const string CounterOfficer = "counter-officer";
    public const string Specialist = "specialist";
    public const string CommuneLeader = "commune-leader";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly string[] All = [Citizen, CounterOfficer, Specialist, CommuneLeader, Supervisor, Admin];
    /// <summary>Roles that work inside one commune.</summary>
    public static readonly string[] CommuneStaff = [CounterOfficer, Specialist, CommuneLeader];
    public static readonly string[] Staff = [CounterOfficer, Specialist, CommuneLeader, Supervisor, Admin];
}
