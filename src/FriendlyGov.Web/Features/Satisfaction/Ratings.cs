using System.Security.Cryptography;
using System.Text;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>What a citizen answers. The same shape for the form (Input.Code[0]…) and for JSON.</summary>
public sealed class RatingInput
{
    /// <summary>1 Rất không hài lòng … 5 Rất hài lòng.</summary>
    public int? Overall { get; set; }
    /// <summary>The five SIPAS aspects in <see cref="SipasAspect"/> order: 0 not answered, 1–5 a level.</summary>
    public int[] Aspects { get; set; } = new int[5];
    /// <summary>The twelve points of the code in order: 0 không rõ, 1 có, 2 không.</summary>
    public int[] Code { get; set; } = new int[12];
    public string? Comment { get; set; }
    public bool WantsReply { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set => field = Core.Domain.InputRules.Phone(value); }
    /// <summary>Public ratings about one official: the official's account id (from the commune's list).</summary>
    public string? OfficialId { get; set; }
    /// <summary>Kiosk only: the tablet's id for this rating, so a resend after a network drop is stored once.</summary>
    public string? ClientKey { get; set; }
}

/// <summary>
/// Taking a rating, from wherever the citizen gives it. A rating is stored once and never changed; a low one (or any
/// "không" on the code) opens a follow-up due in five working days, in the same transaction.
/// </summary>
public sealed class Ratings(AppDbContext db, Calendars calendars, TimeProvider clock, Officials officials, AuditKey key)
{
    public const int KioskPerMinute = 4;
    private const int MaxComment = 2000;

    /// <summary>A dossier may be rated once it has ended: result returned, or refused, stopped or withdrawn.</summary>
    public static bool CanRate(DossierStatus s) => DossierLifecycle.IsFinal(s);

    private IQueryable<T> Public<T>(IQueryable<T> q) where T : class => q.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking();

    public async Task<Dossier?> DossierByKeyAsync(string key) =>
        string.IsNullOrEmpty(key) ? null : await Public(db.Dossiers).FirstOrDefaultAsync(d => d.TrackingKey == key);

    public async Task<DateTime?> RatedAtAsync(int dossierId) =>
        await Public(db.Ratings).Where(r => r.DossierId == dossierId).Select(r => (DateTime?)r.At).FirstOrDefaultAsync();

    /// <summary>The official a dossier's rating is about: who returned the result, or else who last acted on it.</summary>
    public async Task<(string? Id, string? Name)> OfficialOfAsync(Dossier d)
    {
        var steps = await Public(db.DossierSteps).Where(s => s.DossierId == d.Id && s.ByUserId != null && s.Action != DossierAction.Assign)
            .OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Select(s => new { s.Action, s.ByUserId }).ToListAsync();
        var id = (steps.FirstOrDefault(s => s.Action == DossierAction.Return) ?? steps.FirstOrDefault())?.ByUserId;
        if (id is null) return (null, null);
        var name = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.FullName).FirstOrDefaultAsync();
        return (id, name);
    }

    /// <summary>Staff of a commune that a citizen may name in a public rating: name and title only, as on the commune's board.</summary>
    public async Task<List<(string Id, string Name, string? Title)>> OfficialsAsync(int communeId) =>
        (await OfficialsOfAsync([communeId])).Select(o => (o.Id, o.Name, o.Title)).ToList();

    /// <summary>The serving officials (counter, specialists, leaders) of several communes in one query, by name.</summary>
    public async Task<List<(int UnitId, string Id, string Name, string? Title)>> OfficialsOfAsync(IReadOnlyCollection<int> communeIds) =>
        (await officials.OfAsync(communeIds, Roles.CommuneStaff)).Select(o => (o.UnitId, o.Id, o.Name, o.Title)).ToList();

    public async Task<Outcome<Rating>> ForDossierAsync(string key, RatingInput input, string? client)
    {
        var d = await DossierByKeyAsync(key);
        if (d is null) return Outcome<Rating>.NotFound();
        if (!CanRate(d.Status))
            return Outcome<Rating>.Refused(new Failure.Conflict("Hồ sơ chưa có kết quả: bạn đánh giá được sau khi nhận kết quả."));
        if (await RatedAtAsync(d.Id) is not null) return Outcome<Rating>.Refused(new Failure.Conflict("Hồ sơ này đã được đánh giá. Cảm ơn bạn!"));
        var (officialId, officialName) = await OfficialOfAsync(d);
        return await SaveAsync(input, new Rating
        {
            UnitId = d.UnitId, Source = RatingSource.Dossier, DossierId = d.Id, ProcedureCode = d.ProcedureCode, ProcedureName = d.ProcedureName,
            OfficialId = officialId, OfficialName = officialName, ContentHash = "",
        }, client, checkFloods: false);
    }

    /// <summary>The sender's rating of how their petition was handled, given when they confirm the answer.</summary>
    public async Task<Outcome<Rating>> ForPetitionAsync(Petition p, RatingInput input, string? client)
    {
        if (await Public(db.Ratings).AnyAsync(r => r.PetitionId == p.Id))
            return Outcome<Rating>.Refused(new Failure.Conflict("Phản ánh này đã được đánh giá. Cảm ơn bạn!"));
        string? officialName = null;
        if (p.AssigneeId is not null) officialName = await db.Users.AsNoTracking().Where(u => u.Id == p.AssigneeId).Select(u => u.FullName).FirstOrDefaultAsync();
        return await SaveAsync(input, new Rating
        {
            UnitId = p.UnitId, Source = RatingSource.Petition, PetitionId = p.Id, ProcedureName = $"Phản ánh: {p.CategoryName}",
            OfficialId = officialName is null ? null : p.AssigneeId, OfficialName = officialName, ContentHash = "",
        }, client, checkFloods: false);
    }

    public async Task<Outcome<Rating>> AtKioskAsync(KioskSession session, RatingInput input)
    {
        var key = input.ClientKey?.Trim();
        if (key is { Length: > 0 })
        {
            if (key.Length > 40) return Outcome<Rating>.Invalid([new(nameof(RatingInput.ClientKey), "Mã phiếu không hợp lệ.")]);
            // Sent again after the network dropped: the first one stands.
            var earlier = await Public(db.Ratings).FirstOrDefaultAsync(r => r.KioskSessionId == session.Id && r.ClientKey == key);
            if (earlier is not null) return Outcome<Rating>.Success(earlier);
        }
        var since = clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        if (await Public(db.Ratings).CountAsync(r => r.KioskSessionId == session.Id && r.At > since) >= KioskPerMinute)
            return Outcome<Rating>.Refused(new Failure.Throttled("Vui lòng chờ giây lát rồi đánh giá tiếp."));
        return await SaveAsync(input, new Rating
        {
            UnitId = session.UnitId, Source = RatingSource.Kiosk, KioskSessionId = session.Id, ClientKey = key is { Length: > 0 } ? key : null,
            OfficialId = session.OfficerId, OfficialName = session.OfficerName, ContentHash = "",
        }, client: null, checkFloods: false);
    }

    public async Task<Outcome<Rating>> ForCommuneAsync(AdministrativeUnit commune, RatingInput input, string? client)
    {
        string? officialName = null;
        if (!string.IsNullOrWhiteSpace(input.OfficialId))
        {
            officialName = (await OfficialsAsync(commune.Id)).FirstOrDefault(o => o.Id == input.OfficialId).Name;
            if (officialName is null) return Outcome<Rating>.Invalid([new(nameof(RatingInput.OfficialId), "Không có cán bộ này ở xã. Chọn lại trong danh sách.")]);
        }
        return await SaveAsync(input, new Rating
        {
            UnitId = commune.Id, Source = RatingSource.Public, OfficialId = officialName is null ? null : input.OfficialId,
            OfficialName = officialName, ContentHash = "",
        }, client, checkFloods: true);
    }

    public static List<RuleViolation> Validate(RatingInput input)
    {
        var errors = new List<RuleViolation>();
        if (input.Overall is not (>= 1 and <= 5)) errors.Add(new(nameof(RatingInput.Overall), "Chọn mức độ hài lòng chung."));
        if (input.Aspects is null || input.Aspects.Length > 5 || input.Aspects.Any(a => a is < 0 or > 5))
            errors.Add(new(nameof(RatingInput.Aspects), "Mức đánh giá từng khía cạnh không hợp lệ."));
        if (input.Code is null || input.Code.Length > OfficialsCode.Points.Count || input.Code.Any(a => a is < 0 or > 2))
            errors.Add(new(nameof(RatingInput.Code), "Câu trả lời về quy tắc ứng xử chỉ là: có, không hoặc không rõ."));
        if (input.Comment?.Trim().Length > MaxComment) errors.Add(new(nameof(RatingInput.Comment), "Ý kiến tối đa 2.000 ký tự."));
        if (input.ContactName?.Trim().Length > 100) errors.Add(new(nameof(RatingInput.ContactName), "Họ tên tối đa 100 ký tự."));
        var phone = input.ContactPhone?.Trim();
        if (!string.IsNullOrEmpty(phone) && !InputRules.IsPhone(phone))
            errors.Add(new(nameof(RatingInput.ContactPhone), "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."));
        else if (input.WantsReply && string.IsNullOrEmpty(phone))
            errors.Add(new(nameof(RatingInput.ContactPhone), "Để UBND xã liên hệ lại, hãy ghi số điện thoại."));
        return errors;
    }

    private async Task<Outcome<Rating>> SaveAsync(RatingInput input, Rating rating, string? client, bool checkFloods)
    {
        var errors = Validate(input);
        if (errors.Count > 0) return Outcome<Rating>.Invalid(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var aspects = string.Concat(Enumerable.Range(0, 5).Select(i => i < input.Aspects.Length ? input.Aspects[i] : 0));
        var code = string.Concat(Enumerable.Range(0, OfficialsCode.Points.Count).Select(i => i < input.Code.Length ? input.Code[i] : 0));
        var comment = Blank(input.Comment);
        rating.At = now;
        rating.Overall = (SatisfactionLevel)input.Overall!.Value;
        rating.Aspects = aspects;
        rating.Code = code;
        rating.Comment = comment;
        rating.WantsReply = input.WantsReply;
        rating.ContactName = Blank(input.ContactName);
        rating.ContactPhone = Blank(input.ContactPhone);
        rating.ClientHash = client is null ? null : key.ClientHash(client);
        rating.ContentHash = Sha256($"{rating.UnitId}|{rating.OfficialId}|{rating.Overall:D}|{aspects}|{code}|{VietnameseText.Fold(comment)}");

        if (checkFloods && await FloodAsync(rating, now) is { } flood) return Outcome<Rating>.Refused(new Failure.Throttled(flood));

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginWorkAsync() : null;
        db.Ratings.Add(rating);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (rating.DossierId is not null || rating.PetitionId is not null)
        {
            // Two tabs sent the same dossier's rating at once: the unique index kept the first.
            db.ChangeTracker.Clear();
            return Outcome<Rating>.Refused(new Failure.Conflict("Hồ sơ này đã được đánh giá. Cảm ơn bạn!"));
        }
        if (SatisfactionLevels.NeedsFollowUp(rating.Overall, rating.CodeAnswers))
        {
            var calendar = await calendars.ForUnitAsync(rating.UnitId);
            db.FollowUps.Add(new RatingFollowUp
            {
                UnitId = rating.UnitId, RatingId = rating.Id, OpenedAt = now,
                DueAt = VietnamTime.ToUtc(calendar.DueAt(VietnamTime.FromUtc(now), FollowUps.WorkingDays)),
            });
            await db.SaveChangesAsync();
        }
        if (tx is not null) await tx.CommitAsync();
        return Outcome<Rating>.Success(rating);
    }

    /// <summary>
    /// Floods of public ratings: the same answers from the same client within a day, or the same answers with the same
    /// comment three times within an hour from anyone (a copied message). Plain "Hài lòng" without comment from
    /// different people is normal and passes.
    /// </summary>
    private async Task<string?> FloodAsync(Rating r, DateTime now)
    {
        var sameContent = Public(db.Ratings).Where(x => x.UnitId == r.UnitId && x.ContentHash == r.ContentHash);
        var day = now.AddDays(-1);
        if (r.ClientHash is not null && await sameContent.AnyAsync(x => x.ClientHash == r.ClientHash && x.At > day))
            return "Bạn vừa gửi đúng đánh giá này. Mỗi ý kiến chỉ cần gửi một lần.";
        var hour = now.AddHours(-1);
        if (r.Comment is not null && await sameContent.CountAsync(x => x.At > hour) >= 2)
            return "Hệ thống đã nhận nhiều đánh giá giống hệt nhau trong một giờ qua và tạm không nhận thêm đánh giá này.";
        return null;
    }

    // Client addresses are kept only as a keyed hash: the key lives in memory, so no stored value can be turned back into an address.

    private static string Sha256(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
