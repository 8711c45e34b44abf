using System.Threading.RateLimiting;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// The per-client rate limits, written once: a fixed window per client address (as the proxy forwarded it), with no queue,
/// answered 429. <see cref="CitizenSubmissions"/> is the one policy for what citizens send without an account (a petition,
/// its information and confirmation, a comment on a consultation, a subscription), so a flood is counted across all of them.
/// </summary>
public static class ClientLimits
{
    /// <summary>Citizens' submissions: Petitions:PerClientPerTenMinutes (default 10) POSTs per client in ten minutes.</summary>
    public const string CitizenSubmissions = "citizen-submissions";

    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "?";

    /// <summary>
    /// A window of <paramref name="permits"/> requests per client (every method), this instance's own: for lookups, which must
    /// not write; across instances nginx holds the same limit at the door (deploy/nginx).
    /// </summary>
    public static RateLimitPartition<string> PerClient(HttpContext http, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientOf(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });

    /// <summary>
    /// A window of <paramref name="permits"/> POSTs per client, held across instances (<see cref="SharedLimits"/>) under
    /// <paramref name="policy"/>; reading is never limited by it.
    /// </summary>
    public static RateLimitPartition<string> PostsPerClient(HttpContext http, string policy, int permits, TimeSpan window) =>
        HttpMethods.IsPost(http.Request.Method)
            ? http.RequestServices.GetRequiredService<SharedLimits>().Window(policy, ClientOf(http), permits, window)
            : RateLimitPartition.GetNoLimiter("get");

    /// <summary>A configured number of POSTs per client in ten minutes.</summary>
    public static RateLimitPartition<string> ConfiguredPostsPerClient(HttpContext http, string policy, string setting, int fallback) =>
        PostsPerClient(http, policy, http.RequestServices.GetRequiredService<IConfiguration>().GetValue(setting, fallback), TimeSpan.FromMinutes(10));

    public static int CitizenPermits(IConfiguration config) => config.GetValue("Petitions:PerClientPerTenMinutes", 10);

    public static IServiceCollection AddClientLimits(this IServiceCollection services) =>
        services.AddSingleton<SharedLimits>().AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(CitizenSubmissions, http =>
                PostsPerClient(http, CitizenSubmissions, CitizenPermits(http.RequestServices.GetRequiredService<IConfiguration>()), TimeSpan.FromMinutes(10)));
        });
}
