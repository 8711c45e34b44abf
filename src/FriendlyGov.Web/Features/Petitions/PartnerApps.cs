using System.Security.Cryptography;
using System.Text;
using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>Partner applications registered to file petitions through Open311. The key is shown once; only its hash is stored.</summary>
public sealed class PartnerApps(AppDbContext db, TimeProvider clock)
{
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task<(PartnerApp App, string Key)> RegisterAsync(string name, string? contact, string? key = null)
    {
        key ??= "fg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var app = new PartnerApp { Name = name.Trim(), Contact = contact?.Trim(), KeyHash = Hash(key), CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.PartnerApps.Add(app);
        await db.SaveChangesAsync();
        return (app, key);
    }

    public async Task<PartnerApp?> VerifyAsync(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200) return null;
        var hash = Hash(key.Trim());
        return await db.PartnerApps.AsNoTracking().FirstOrDefaultAsync(a => a.KeyHash == hash && a.Active);
    }
}
