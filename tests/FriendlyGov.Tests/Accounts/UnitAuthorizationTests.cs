using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace FriendlyGov.Tests.Accounts;

/// <summary>The one per-resource rule: who may read, change, work in, lead and supervise a unit's records.</summary>
public class UnitAuthorizationTests
{
    /// <summary>A scope as the request's would be: unit 1 the user's commune (read and write), unit 2 readable only.</summary>
    private sealed class Scope : IUnitScope
    {
        public bool IsRestricted => true;
        public int[] ReadableUnitIds => [1, 2];
        public bool CanRead(int unitId) => unitId is 1 or 2;
        public bool CanWrite(int unitId) => unitId == 1;
        public int? HomeUnitId => 1;
        public string? ActorId => "u";
        public string? ActorName => "u";
    }

    private static ClaimsPrincipal User(string role, int unit = 1) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Role, role), new Claim(AppClaims.Unit, unit.ToString())], "test"));

    private static async Task<bool> AllowsAsync(ClaimsPrincipal user, int unitId, OperationAuthorizationRequirement operation)
    {
        var context = new AuthorizationHandlerContext([operation], user, new UnitResource(unitId));
        await new UnitAuthorizationHandler(new Scope()).HandleAsync(context);
        return context.HasSucceeded;
    }

    [Fact]
    public async Task Commune_staff_work_in_their_own_commune_only_and_only_its_leader_leads()
    {
        var officer = User(Roles.CounterOfficer);
        Assert.True(await AllowsAsync(officer, 1, UnitOperations.Work));
        Assert.False(await AllowsAsync(officer, 1, UnitOperations.Lead));
        Assert.False(await AllowsAsync(officer, 2, UnitOperations.Work));   // readable is not workable
        Assert.True(await AllowsAsync(officer, 2, UnitOperations.Read));
        Assert.False(await AllowsAsync(officer, 3, UnitOperations.Read));
        Assert.False(await AllowsAsync(officer, 1, UnitOperations.Supervise));
        var leader = User(Roles.CommuneLeader);
        Assert.True(await AllowsAsync(leader, 1, UnitOperations.Lead));
        Assert.False(await AllowsAsync(leader, 2, UnitOperations.Lead));
        Assert.False(await AllowsAsync(User(Roles.CommuneLeader, unit: 2), 2, UnitOperations.Lead)); // a home outside the writable scope
    }

    [Fact]
    public async Task Supervisors_read_and_supervise_their_subtree_but_do_not_work_in_a_commune()
    {
        var supervisor = User(Roles.Supervisor);
        Assert.True(await AllowsAsync(supervisor, 2, UnitOperations.Supervise));
        Assert.False(await AllowsAsync(supervisor, 3, UnitOperations.Supervise));
        Assert.False(await AllowsAsync(supervisor, 1, UnitOperations.Work));
        Assert.True(await AllowsAsync(supervisor, 1, UnitOperations.Change));
        Assert.False(await AllowsAsync(new ClaimsPrincipal(new ClaimsIdentity()), 1, UnitOperations.Change)); // nobody signed in
        Assert.False(await AllowsAsync(supervisor, 1, new OperationAuthorizationRequirement { Name = "Delete" }));
        // A commune's own staff never supervise, whatever other role they hold: the board acts from above.
        var leaderAlsoSupervisor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.CommuneLeader),
            new Claim(ClaimTypes.Role, Roles.Supervisor), new Claim(AppClaims.Unit, "1")], "test"));
        Assert.False(await AllowsAsync(leaderAlsoSupervisor, 2, UnitOperations.Supervise));
        Assert.False(UnitAuthorizationHandler.IsSupervisor(leaderAlsoSupervisor));
        Assert.True(UnitAuthorizationHandler.IsSupervisor(User(Roles.Admin)));
    }
}
