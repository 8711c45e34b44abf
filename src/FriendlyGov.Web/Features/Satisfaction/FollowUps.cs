using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Satisfaction;

public sealed record FollowUpView(RatingFollowUp FollowUp, Rating Rating, string Commune, bool Overdue);

public sealed class FollowUpInput
{
    /// <summary>How and when the citizen was reached (phone, visit…), or why they could not be.</summary>
    public string? ContactNote { get; set; }
    /// <summary>The explanation or apology given to the citizen.</summary>
    public string? Explanation { get; set; }
    /// <summary>What the commune changed.</summary>
    public string? Changes { get; set; }
    /// <summary>Close the follow-up with this record (otherwise it is saved as in progress).</summary>
    public bool Close { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// "Biết xin lỗi, biết cảm ơn": the leader's follow-up of an unhappy rating. Open ones are counted; one still open five
/// working days after the rating is flagged.
/// </summary>
public sealed class FollowUps(AppDbContext db, IUnitScope scope, UnitAccess access, TimeProvider clock)
{
    public const int WorkingDays = 5;

    public async Task<List<FollowUpView>> ListAsync(bool openOnly)
    {
        var q = from f in db.FollowUps.AsNoTracking()
                join r in db.Ratings.AsNoTracking() on f.RatingId equals r.Id
                select new { f, r };
        if (openOnly) q = q.Where(x => x.f.Status != FollowUpStatus.Closed);
        var rows = await q.OrderBy(x => x.f.Status == FollowUpStatus.Closed).ThenBy(x => x.f.DueAt).Take(500).ToListAsync();
        var names = await CommuneNamesAsync(rows.Select(x => x.f.UnitId));
        var now = clock.GetUtcNow().UtcDateTime;
        return rows.Select(x => new FollowUpView(x.f, x.r, names[x.f.UnitId], IsOverdue(x.f, now))).ToList();
    }

    public async Task<FollowUpView?> GetAsync(long id)
    {
        var row = await (from f in db.FollowUps.AsNoTracking()
                         join r in db.Ratings.AsNoTracking() on f.RatingId equals r.Id
                         where f.Id == id
                         select new { f, r }).FirstOrDefaultAsync();
        if (row is null) return null;
        var names = await CommuneNamesAsync([row.f.UnitId]);
        return new FollowUpView(row.f, row.r, names[row.f.UnitId], IsOverdue(row.f, clock.GetUtcNow().UtcDateTime));
    }

    public async Task<(int Open, int Overdue)> CountsAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = db.FollowUps.Where(f => f.Status != FollowUpStatus.Closed);
        return (await open.CountAsync(), await open.CountAsync(f => f.DueAt < now));
    }

    public static bool IsOverdue(RatingFollowUp f, DateTime nowUtc) => f.Status != FollowUpStatus.Closed && nowUtc > f.DueAt;

    public async Task<Outcome<RatingFollowUp>> UpdateAsync(long id, FollowUpInput input)
    {
        var f = await db.FollowUps.FirstOrDefaultAsync(x => x.Id == id);
        if (f is null || !await access.MayAsync(f.UnitId, UnitOperations.Change)) return Outcome<RatingFollowUp>.NotFound();
        RefusedException.IfStale(input.Version, f.Version, "Việc xử lý sau đánh giá");
        var rating = await db.Ratings.AsNoTracking().FirstAsync(r => r.Id == f.RatingId);
        var errors = new List<RuleViolation>();
        if (f.Status == FollowUpStatus.Closed) errors.Add(new("", "Việc này đã xử lý xong và đã đóng."));
        var contact = Blank(input.ContactNote, 1000, nameof(input.ContactNote), "Tối đa 1.000 ký tự.", errors);
        var explanation = Blank(input.Explanation, 4000, nameof(input.Explanation), "Tối đa 4.000 ký tự.", errors);
        var changes = Blank(input.Changes, 4000, nameof(input.Changes), "Tối đa 4.000 ký tự.", errors);
        if (contact is null && explanation is null && changes is null)
            errors.Add(new(nameof(input.ContactNote), "Ghi việc đã làm: đã liên hệ người dân thế nào, đã giải thích, xin lỗi ra sao."));
        if (input.Close)
        {
            if (rating.ContactPhone is not null && contact is null && f.ContactNote is null)
                errors.Add(new(nameof(input.ContactNote), "Người dân đã để lại số điện thoại: ghi lại việc liên hệ với họ trước khi đóng."));
            if (explanation is null && f.Explanation is null)
                errors.Add(new(nameof(input.Explanation), "Ghi nội dung giải thích hoặc lời xin lỗi trước khi đóng."));
            if (changes is null && f.Changes is null)
                errors.Add(new(nameof(input.Changes), "Ghi việc đã thay đổi, khắc phục trước khi đóng (hoặc lý do không cần thay đổi)."));
        }
        if (errors.Count > 0) return Outcome<RatingFollowUp>.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        if (contact is not null) (f.ContactNote, f.ContactedAt) = (contact, now);
        if (explanation is not null) f.Explanation = explanation;
        if (changes is not null) f.Changes = changes;
        f.HandledByName = scope.ActorName;
        f.Status = input.Close ? FollowUpStatus.Closed : FollowUpStatus.InProgress;
        if (input.Close) f.ClosedAt = now;
        await db.SaveChangesAsync();
        return Outcome<RatingFollowUp>.Success(f);
    }

    private static string? Blank(string? value, int max, string field, string message, List<RuleViolation> errors)
    {
        var v = InputRules.Blank(value);
        if (v?.Length > max) errors.Add(new(field, message));
        return v;
    }

    private async Task<Dictionary<int, string>> CommuneNamesAsync(IEnumerable<int> unitIds)
    {
        var ids = unitIds.Distinct().ToList();
        var rows = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync();
        return rows.ToDictionary(u => u.Id, u => u.FullName);
    }
}
