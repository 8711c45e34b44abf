using System.Security.Cryptography;
using System.Text;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Dossiers;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// Lưu hồ sơ vào tài khoản: a dossier received at the counter (or sent while signed out) joins the citizen's "Hồ sơ của tôi".
/// The signed-in citizen opens it from the receipt's QR link (its key) and types the applicant's personal identification
/// number as the counter recorded it. The key alone is not enough: the account's pages and its data export show the
/// applicant's number, phone and address, which the receipt does not carry. A dossier already in another account stays
/// there, with the same answer as a wrong number, so the page tells no one whose it is.
/// </summary>
public sealed class DossierClaims(SystemContexts system, TrackingLimits limits, ILogger<DossierClaims> log)
{
    public const string Mismatch =
        "Số định danh cá nhân không khớp với người nộp hồ sơ này, hoặc hồ sơ đã được lưu vào một tài khoản khác.";
    public const string TooMany = "Bạn đã thử quá nhiều lần với hồ sơ này. Vui lòng thử lại sau một giờ.";

    public async Task<Outcome<Dossier>> ClaimAsync(string key, string? citizenId, string userId, CancellationToken ct = default)
    {
        var id = citizenId?.Trim().Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (id.Length != 12 || !id.All(char.IsAsciiDigit))
            return Outcome<Dossier>.Invalid([new("CitizenId", "Nhập số định danh cá nhân của người nộp hồ sơ: đúng 12 chữ số trên thẻ Căn cước.")]);
        if (string.IsNullOrWhiteSpace(key) || key.Length > 64) return Outcome<Dossier>.NotFound();
        // Ten tries an hour per dossier (the tracking lookups' own window, under a key of its own): guessing a number is hopeless.
        if (!limits.Allow("luu-ho-so:" + key)) return Outcome<Dossier>.Refused(new Failure.Throttled(TooMany));
        await using var db = system.Open("người dân (lưu hồ sơ vào tài khoản)", userId);
        var dossier = await db.Dossiers.IgnoreQueryFilters([AppDbContext.UnitFilter]).FirstOrDefaultAsync(d => d.TrackingKey == key, ct);
        if (dossier is null) return Outcome<Dossier>.NotFound();
        if (dossier.CitizenUserId == userId) return Outcome<Dossier>.Success(dossier);
        if (dossier.CitizenUserId is not null || !SameDigits(dossier.CitizenId, id))
        {
            log.LogInformation("A dossier was not saved to an account: the number did not match, or it is in another account");
            return Outcome<Dossier>.Invalid([new("CitizenId", Mismatch)]);
        }
        dossier.CitizenUserId = userId;
        await db.SaveChangesAsync(ct);
        log.LogInformation("A dossier was saved to a citizen's account");
        return Outcome<Dossier>.Success(dossier);
    }

    /// <summary>Compared in constant time, so the answer's timing says nothing of how many digits were right.</summary>
    private static bool SameDigits(string recorded, string typed) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(recorded.Trim()), Encoding.ASCII.GetBytes(typed));
}
