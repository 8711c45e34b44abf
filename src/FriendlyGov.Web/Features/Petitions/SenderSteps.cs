using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>What the sender does from their private link: add the information asked for, and confirm the answer.</summary>
public sealed class SenderSteps(AppDbContext db, Calendars calendars, PetitionQueries queries, Ratings ratings, TimeProvider clock,
    IUnitScope scope, IOptions<PetitionDeadlines> deadlines)
{
    private IQueryable<T> Public<T>(IQueryable<T> q) where T : class => q.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking();


    /// <summary>The sender adds the information asked for, from their private link: the clock runs again.</summary>
    public async Task<Outcome<Petition>> ProvideInfoAsync(string key, string? info)
    {
        var p = await queries.ByKeyAsync(key);
        if (p is null) return Outcome<Petition>.NotFound();
        if (p.Status != PetitionStatus.NeedsInfo) return Outcome<Petition>.Invalid([new("Info", "Phản ánh không chờ bổ sung thông tin.")]);
        if (string.IsNullOrWhiteSpace(info) || info.Trim().Length > 4000) return Outcome<Petition>.Invalid([new("Info", "Nhập thông tin bổ sung (tối đa 4.000 ký tự).")]);
        var tracked = await db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]).FirstAsync(x => x.Id == p.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        if (tracked.ProvideInfo(await calendars.ForUnitAsync(tracked.UnitId), now, deadlines.Value.AnswerDays) is { } refused)
            return Outcome<Petition>.Refused(refused);
        db.PetitionEvents.Add(PetitionRecords.Event(scope, tracked, PetitionAction.InfoProvided, now, info.Trim(), byName: "Người gửi"));
        await db.SaveChangesAsync();
        return Outcome<Petition>.Success(tracked);
    }

    /// <summary>
    /// The sender says whether the answer satisfies them. The first confirmation is their rating of the petition's handling
    /// (satisfaction indices, follow-up when low); "not satisfied" reopens the petition for the leader once, otherwise it closes.
    /// </summary>
    public async Task<Outcome<Petition>> ConfirmAsync(string key, RatingInput input, string? client)
    {
        var found = await queries.ByKeyAsync(key);
        if (found is null) return Outcome<Petition>.NotFound();
        if (found.Status != PetitionStatus.Answered)
            return Outcome<Petition>.Refused(new Failure.Conflict("Phản ánh chưa có trả lời mới để xác nhận."));
        if (Ratings.Validate(input) is { Count: > 0 } invalid) return Outcome<Petition>.Invalid(invalid);
        await using var tx = await db.Database.BeginWorkAsync();
        var p = await db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]).FirstAsync(x => x.Id == found.Id);
        var level = (SatisfactionLevel)input.Overall!.Value;
        if (!await Public(db.Ratings).AnyAsync(r => r.PetitionId == p.Id))
        {
            var rated = await ratings.ForPetitionAsync(p, input, client);
            if (!rated.Ok) return rated.As<Petition>();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var note = $"{SatisfactionLevels.VietnameseName(level)}{(string.IsNullOrWhiteSpace(input.Comment) ? "" : $": {input.Comment.Trim()}")}";
        // The sender's line shows the petition as it was answered; then the system's line says what followed.
        db.PetitionEvents.Add(PetitionRecords.Event(scope, p, PetitionAction.Confirmed, now, note, byName: "Người gửi"));
        if (p.Confirm(level, await calendars.ForUnitAsync(p.UnitId), now, deadlines.Value.AnswerDays, out var reopened) is { } refused)
            return Outcome<Petition>.Refused(refused);
        db.PetitionEvents.Add(reopened
            ? PetitionRecords.Event(scope, p, PetitionAction.Reopened, now, "Người gửi chưa hài lòng: chuyển lãnh đạo UBND xem xét lại.", system: true)
            : PetitionRecords.Event(scope, p, PetitionAction.Closed, now, "Kết thúc sau khi người gửi xác nhận.", system: true));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Outcome<Petition>.Success(p);
    }

}
