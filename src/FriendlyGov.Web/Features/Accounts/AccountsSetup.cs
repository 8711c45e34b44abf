using Microsoft.AspNetCore.Http.HttpResults;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Accounts;

public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                // Lock-out is an administrator's decision (Nhân sự); failed passwords are throttled by SignInGuard instead.
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@";
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddErrorDescriber<VietnameseIdentityErrors>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "fg.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // always Secure behind HTTPS
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/dang-nhap";
            o.LogoutPath = "/dang-xuat";
            o.AccessDeniedPath = "/khong-co-quyen";
            // Programs get status codes, not a login page.
            // Every request of a signed-in person checks the account's security stamp and lock-out: locking an account, or
            // changing its password, ends its sessions at once, not at the end of the 8-hour cookie.
            o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
            o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "fg.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton(sp => new SessionCache(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CacheBus>()));
        services.AddSingleton<ICommitListener>(sp => sp.GetRequiredService<SessionCache>());
        services.AddScoped<StaffAccounts>();
        services.AddScoped<SignInGuard>();
        services.AddScoped<PasswordCodes>().AddScoped<PhoneProof>().AddScoped<CodeSender>().AddSingleton<PhoneCodeLimits>();
        services.AddScoped<RecordClaims>();
        return services;
    }

    /// <summary>The roles exist in every database, demo or not: registration and create-admin need them.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var r in Roles.All)
            if (!await roles.RoleExistsAsync(r)) await roles.CreateAsync(new IdentityRole(r));
    }

    private static Task ApiOrRedirect(HttpContext http, string redirect, int status)
    {
        if (http.Request.IsApi()) http.Response.StatusCode = status;
        else http.Response.Redirect(redirect);
        return Task.CompletedTask;
    }

    /// <summary>Where a person lands after signing in.</summary>
    public static string HomeOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) ? "/quan-tri/don-vi" : Roles.Staff.Any(user.IsInRole) ? "/can-bo" : "/";

    /// <summary>Staff accounts visible to the scope: the users table is not tenant-filtered (sign-in must find any user), so this is its filter.</summary>
    public static IQueryable<ApplicationUser> InScope(this IQueryable<ApplicationUser> users, IUnitScope scope)
    {
        var ids = scope.ReadableUnitIds;
        return scope.IsRestricted ? users.Where(u => u.UnitId != null && ids.Contains(u.UnitId.Value)) : users.Where(u => u.UnitId != null);
    }

    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async Task<Results<Ok<MeDto>, UnauthorizedHttpResult>> (HttpContext http, UserManager<ApplicationUser> users, AppDbContext db) =>
        {
            var user = await users.GetUserAsync(http.User);
            if (user is null) return TypedResults.Unauthorized();
            var unit = user.UnitId is int id ? await db.Units.Where(u => u.Id == id).Select(u => new { u.Code, u.Name, u.Type }).FirstOrDefaultAsync() : null;
            return TypedResults.Ok(new MeDto(user.UserName!, user.FullName, await users.GetRolesAsync(user), unit?.Code,
                unit is null ? null : Core.Domain.UnitTypes.FullName(unit.Type, unit.Name), user.Id));
        }).RequireAuthorization().WithTags("Accounts");

        api.MapGet("/staff", async Task<Results<Ok<List<StaffDto>>, ProblemHttpResult>> (IUnitScope scope, UnitAccess access, HttpContext http, AppDbContext db, TimeProvider clock, string? unit) =>
        {
            var q = db.Users.AsNoTracking().InScope(scope);
            if (unit is not null)
            {
                var unitId = await db.Units.Where(u => u.Code == unit).Select(u => (int?)u.Id).FirstOrDefaultAsync();
                if (unitId is null || !await access.MayAsync(http.User, unitId.Value, UnitOperations.Read)) return Problems.NotFound($"Không có đơn vị mã {unit} trong phạm vi của bạn.");
                q = q.Where(u => u.UnitId == unitId);
            }
            var rows = await q.OrderBy(u => u.FullName)
                .Select(u => new { u.Id, u.UserName, u.FullName, u.JobTitle, u.UnitId, u.LockoutEnd }).ToListAsync();
            // Lock-out is compared here: SQLite cannot compare DateTimeOffset in a query.
            return TypedResults.Ok(rows.Select(u => new StaffDto(u.UserName!, u.FullName, u.JobTitle, u.UnitId!.Value,
                u.LockoutEnd > clock.GetUtcNow(), u.Id)).ToList());
        }).RequireAuthorization(Policies.Staff).WithTags("Accounts");
        return api;
    }
}

/// <summary>The signed-in account; <c>Id</c> is what assignments name (a dossier's assigneeId).</summary>
public sealed record MeDto(string UserName, string FullName, IList<string> Roles, string? UnitCode, string? UnitName, string Id);
public sealed record StaffDto(string UserName, string FullName, string? JobTitle, int UnitId, bool Locked, string Id);
