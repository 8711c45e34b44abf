using System.Security.Claims;
using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FriendlyGov.Web.Shared;

public static class Policies
{
    public const string Staff = "staff";
    public const string CommuneStaff = "commune-staff";
    public const string Leader = "leader";
    public const string Admin = "admin";
    public const string LeaderOrSupervisor = "leader-or-supervisor";
    /// <summary>Commune staff, or a supervisor working on their own unit's data (the province's templates).</summary>
    public const string CatalogEditors = "catalog-editors";
}

/// <summary>A unit as an authorization resource: "may this user read / change this unit's data?"</summary>
public sealed record UnitResource(int UnitId);

/// <summary>What a user may do with a unit's records: the operations every capability asks the one handler about.</summary>
public static class UnitOperations
{
    /// <summary>Read: the unit is the user's or in the subtree they supervise (the public reads through other doors).</summary>
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    /// <summary>Change: a signed-in user whose writable scope holds the unit.</summary>
    public static readonly OperationAuthorizationRequirement Change = new() { Name = nameof(Change) };
    /// <summary>Work in the commune as its own staff (counter officer, specialist, leader): never another commune's.</summary>
    public static readonly OperationAuthorizationRequirement Work = new() { Name = nameof(Work) };
    /// <summary>Decide as the commune's own leader (Chủ tịch, Phó Chủ tịch UBND xã).</summary>
    public static readonly OperationAuthorizationRequirement Lead = new() { Name = nameof(Lead) };
    /// <summary>Supervise: a supervisor or administrator, not one of a commune's own staff, whose subtree holds the unit.</summary>
    public static readonly OperationAuthorizationRequirement Supervise = new() { Name = nameof(Supervise) };
}

/// <summary>
/// The per-resource check every capability asks (through <see cref="UnitAccess"/>): who may read, change, work in, lead and
/// supervise a unit's records. It asks the same scope the query filter and the save guard use, so the three never disagree.
/// </summary>
public sealed class UnitAuthorizationHandler(IUnitScope scope) : AuthorizationHandler<OperationAuthorizationRequirement, UnitResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, UnitResource resource)
    {
        if (Allows(context.User, requirement.Name, resource.UnitId)) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private bool Allows(ClaimsPrincipal user, string operation, int unitId)
    {
        var change = user.Identity?.IsAuthenticated == true && scope.CanWrite(unitId);
        var own = change && user.UnitId() == unitId;
        return operation switch
        {
            nameof(UnitOperations.Read) => scope.CanRead(unitId),
            nameof(UnitOperations.Change) => change,
            nameof(UnitOperations.Work) => own && Roles.CommuneStaff.Any(user.IsInRole),
            nameof(UnitOperations.Lead) => own && user.IsInRole(Roles.CommuneLeader),
            nameof(UnitOperations.Supervise) => IsSupervisor(user) && scope.CanRead(unitId),
            _ => false,
        };
    }

    /// <summary>A supervisor or administrator acting from above: never as one of a commune's own staff.</summary>
    public static bool IsSupervisor(ClaimsPrincipal user) =>
        (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin)) && !Roles.CommuneStaff.Any(user.IsInRole);
}

/// <summary>Asks the authorization service whether the user may do an operation on a unit's records.</summary>
public sealed class UnitAccess(IAuthorizationService authorization, IHttpContextAccessor http)
{
    public async Task<bool> MayAsync(ClaimsPrincipal user, int unitId, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, new UnitResource(unitId), operation)).Succeeded;

    /// <summary>The same question for the signed-in user of the current request (nobody outside a request).</summary>
    public Task<bool> MayAsync(int unitId, OperationAuthorizationRequirement operation) =>
        MayAsync(http.HttpContext?.User ?? new ClaimsPrincipal(), unitId, operation);
}

/// <summary>Adds the unit and full name to the sign-in cookie so each request's scope needs no user lookup.</summary>
public sealed class AppClaimsFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(AppClaims.FullName, user.FullName));
        if (user.UnitId is int unit) id.AddClaim(new Claim(AppClaims.Unit, unit.ToString()));
        return id;
    }
}

public static class AuthorizationSetup
{
    public static IServiceCollection AddAppAuthorization(this IServiceCollection services)
    {
        services.AddScoped<IAuthorizationHandler, UnitAuthorizationHandler>().AddScoped<UnitAccess>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff))
            .AddPolicy(Policies.CommuneStaff, p => p.RequireRole(Roles.CommuneStaff).RequireClaim(AppClaims.Unit))
            .AddPolicy(Policies.Leader, p => p.RequireRole(Roles.CommuneLeader).RequireClaim(AppClaims.Unit))
            .AddPolicy(Policies.LeaderOrSupervisor, p => p.RequireRole(Roles.CommuneLeader, Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.CatalogEditors, p => p.RequireRole(Roles.CounterOfficer, Roles.Specialist, Roles.CommuneLeader, Roles.Supervisor).RequireClaim(AppClaims.Unit))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        return services;
    }
}
