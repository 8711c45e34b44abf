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

public static class UnitOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement Change = new() { Name = nameof(Change) };
}

/// <summary>Per-resource check that asks the same scope the query filter and save guard use.</summary>
public sealed class UnitAuthorizationHandler(IUnitScope scope) : AuthorizationHandler<OperationAuthorizationRequirement, UnitResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, UnitResource resource)
    {
        var allowed = requirement.Name switch
        {
            nameof(UnitOperations.Read) => scope.CanRead(resource.UnitId),
            nameof(UnitOperations.Change) => scope.CanWrite(resource.UnitId) && context.User.Identity?.IsAuthenticated == true,
            _ => false,
        };
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
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
        services.AddScoped<IAuthorizationHandler, UnitAuthorizationHandler>();
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
