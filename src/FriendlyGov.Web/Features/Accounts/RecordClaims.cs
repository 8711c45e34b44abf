using System.Security.Cryptography;
using System.Text;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Dossiers;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// Lưu vào tài khoản: a dossier received at the counter, or a petition sent while signed out, joins the signed-in citizen's
/// "Hồ sơ của tôi" or "Phản ánh của tôi". The citizen opens it by its private link (the receipt's QR code, the petition's
/// page) and types what the record holds about its author: the applicant's personal identification number, the sender's
/// phone. The link alone is not enough: the account's pages and its data export show the author's number, phone and address,
/// which the link does not. A record already in another account stays there, with the same answer as a wrong value, so the
/// page tells no one whose it is. Ten tries an hour per record, then nothing more, even the right value.
/// </summary>
public sealed class RecordClaims(SystemContexts system, TrackingLimits limits, ILogger<RecordClaims> log)
{
    public const string DossierMismatch =
        "Số định danh cá nhân không khớp với người nộp hồ sơ này, hoặc hồ sơ đã được lưu vào một tài khoản khác.";
    public const string PetitionMismatch =
        "Số điện thoại không khớp với số người gửi đã ghi, hoặc phản ánh đã được lưu vào một tài khoản khác.";
    public const string TooMany = "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau một giờ.";

    public async Task<Outcome<Dossier>> ClaimDossierAsync(string key, string? citizenId, string userId, CancellationToken ct = default)
    {
        var id = citizenId?.Trim().Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (id.Length != 12 || !id.All(char.IsAsciiDigit))
            return Outcome<Dossier>.Invalid([new("CitizenId", "Nhập số định danh cá nhân của người nộp hồ sơ: đúng 12 chữ số trên thẻ Căn cước.")]);
        if (Refusal<Dossier>(key) is { } refused) return refused;
        await using var db = system.Open("người dân (lưu hồ sơ vào tài khoản)", userId);
        var dossier = await db.Dossiers.IgnoreQueryFilters([AppDbContext.UnitFilter]).FirstOrDefaultAsync(d => d.TrackingKey == key, ct);
        if (dossier is null) return Outcome<Dossier>.NotFound();
        if (dossier.CitizenUserId == userId) return Outcome<Dossier>.Success(dossier);
        if (dossier.CitizenUserId is not null || !Same(dossier.CitizenId.Trim(), id))
            return Mismatch<Dossier>("CitizenId", DossierMismatch);
        dossier.CitizenUserId = userId;
        await db.SaveChangesAsync(ct);
        log.LogInformation("A dossier was saved to a citizen's account");
        return Outcome<Dossier>.Success(dossier);
    }

    /// <summary>
    /// A petition with no phone recorded cannot be claimed (nothing proves whose it is). The records a sending unit kept after
    /// a transfer join too, as they would have had the petition been sent signed in.
    /// </summary>
    public async Task<Outcome<Petition>> ClaimPetitionAsync(string key, string? phone, string userId, CancellationToken ct = default)
    {
        if (InputRules.Phone(phone) is not { } typed || !InputRules.IsPhone(typed))
            return Outcome<Petition>.Invalid([new("Phone", "Nhập số điện thoại bạn đã ghi khi gửi phản ánh: 10 chữ số, bắt đầu bằng 0.")]);
        if (Refusal<Petition>(key) is { } refused) return refused;
        await using var db = system.Open("người dân (lưu phản ánh vào tài khoản)", userId);
        var all = db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]);
        var petition = await all.FirstOrDefaultAsync(p => p.TrackingKey == key && p.Status != PetitionStatus.Transferred, ct);
        if (petition is null) return Outcome<Petition>.NotFound();
        if (petition.CitizenUserId == userId) return Outcome<Petition>.Success(petition);
        if (petition.CitizenUserId is not null || InputRules.Phone(petition.SenderPhone) is not { } recorded || !Same(recorded, typed))
            return Mismatch<Petition>("Phone", PetitionMismatch);
        for (Petition? p = petition; p is not null; p = p.TransferredFromId is int from ? await all.FirstOrDefaultAsync(x => x.Id == from, ct) : null)
            if (p.CitizenUserId is null) p.CitizenUserId = userId;
        await db.SaveChangesAsync(ct);
        log.LogInformation("A petition was saved to a citizen's account");
        return Outcome<Petition>.Success(petition);
    }

    /// <summary>A blank or overlong key finds nothing; a record tried ten times this hour is held back.</summary>
    private Outcome<T>? Refusal<T>(string key) =>
        string.IsNullOrWhiteSpace(key) || key.Length > 64 ? Outcome<T>.NotFound()
        // The tracking lookups' window, under a key of its own: guessing a number or a phone this way is hopeless.
        : !limits.Allow("luu-vao-tai-khoan:" + key) ? Outcome<T>.Refused(new Failure.Throttled(TooMany)) : null;

    private Outcome<T> Mismatch<T>(string field, string message)
    {
        log.LogInformation("A record was not saved to an account: the value did not match, or it is in another account");
        return Outcome<T>.Invalid([new(field, message)]);
    }

    /// <summary>Compared in constant time, so the answer's timing says nothing of how much was right.</summary>
    private static bool Same(string recorded, string typed) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(recorded), Encoding.UTF8.GetBytes(typed));
}
