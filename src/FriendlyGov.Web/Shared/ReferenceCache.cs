using System.Collections.Concurrent;
using FriendlyGov.Core.Data;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Reference data that nearly every request asks for (a commune by its code, a posted procedure, a commune's working
/// calendar), shared across requests.
/// An entry is dropped as soon as this process saves units, procedures, days off or office hours
/// (<see cref="AppDbContext.ReferenceVersion"/>), and lives at most a minute, so another instance's change is seen within it.
/// Values are shared: callers only read them.
/// </summary>
public sealed class ReferenceCache(TimeProvider clock)
{
    private static readonly TimeSpan Life = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (long Version, DateTime Until, object? Value)> _entries = new();

    public async Task<T?> GetOrLoadAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_entries.TryGetValue(key, out var e) && e.Version == AppDbContext.ReferenceVersion && e.Until > now) return (T?)e.Value;
        var version = AppDbContext.ReferenceVersion;
        var value = await load();
        if (_entries.Count > 50_000) _entries.Clear(); // bounded: a flood of unknown codes cannot grow it without end
        _entries[key] = (version, now + Life, value);
        return value;
    }
}

public static class ReferenceCaching
{
    /// <summary>
    /// The value from the application's reference cache, loaded on a miss; a context built outside the app (no cache) loads it.
    /// </summary>
    public static Task<T?> CachedAsync<T>(this AppDbContext db, string key, Func<Task<T?>> load) where T : class =>
        db.AppService<ReferenceCache>() is { } cache ? cache.GetOrLoadAsync(key, load) : load();
}
