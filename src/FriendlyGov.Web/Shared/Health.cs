using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FriendlyGov.Web.Shared;

/// <summary>/health: the database answers a real query, not just a connection.</summary>
public sealed class DatabaseHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = Database.OpenSystemContext(services, "health");
            await db.Units.AnyAsync(ct);
            return HealthCheckResult.Healthy(db.Database.ProviderName);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
