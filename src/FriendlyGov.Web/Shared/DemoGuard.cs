using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Petitions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// The demo is for a developer's machine: its accounts share one published password and its Open311 key is in the source.
/// Seeding it is refused outside Development (and Testing, the test suite's own environment), and Production refuses to
/// start while a demo account still has the demo password or the demo Open311 key is still registered.
/// </summary>
public static class DemoGuard
{
    public static bool MaySeed(IHostEnvironment env) => env.IsDevelopment() || env.IsEnvironment("Testing");

    public static string SeedRefusal(IHostEnvironment env) =>
        $"The demo data (shared password, published Open311 key) is only for Development; this is {env.EnvironmentName}. Nothing was added.";

    /// <summary>The reasons this database must not serve the public, or none.</summary>
    public static async Task<List<string>> KnownSecretsAsync(IServiceProvider root)
    {
        var found = new List<string>();
        await using var scope = root.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var demoHash = PartnerApps.Hash(DemoPetitions.PartnerKey);
        if (await db.PartnerApps.AnyAsync(a => a.KeyHash == demoHash && a.Active))
            found.Add($"the demo Open311 key ({DemoPetitions.PartnerKey}) is registered: deactivate that partner app");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var name in DemoSeeder.AccountNames)
            if (await users.FindByNameAsync(name) is { } u && await users.CheckPasswordAsync(u, DemoSeeder.Password))
                found.Add($"the account {name} still has the demo password: change it or remove the account");
        return found;
    }

    /// <summary>Production: refuse to start with a known password or key, saying what to change.</summary>
    public static async Task RefuseKnownSecretsAsync(IServiceProvider root, IHostEnvironment env)
    {
        if (!env.IsProduction()) return;
        if (await KnownSecretsAsync(root) is { Count: > 0 } found)
            throw new InvalidOperationException("Refusing to start in Production: " + string.Join("; ", found) + ".");
    }
}
