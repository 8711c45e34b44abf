using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Democracy;

public sealed class ConsultationInput
{
    public ConsultationKind Kind { get; set; } = ConsultationKind.Other;
    public string? Title { get; set; }
    public string? Content { get; set; }
    public DateOnly? OpensOn { get; set; }
    public DateOnly? ClosesOn { get; set; }
    public string? Village { get; set; }
    public int? Households { get; set; }
    public decimal? QuorumPercent { get; set; }
}

public sealed class CommentInput
{
    public string? Name { get; set; }
    public string? Village { get; set; }
    public string? Content { get; set; }
}

public sealed class ResponseInput
{
    public string? Topic { get; set; }
    public int? Comments { get; set; }
    public bool Accepted { get; set; }
    public string? Explanation { get; set; }
}

public sealed class VoteInput
{
    public string? HeadName { get; set; }
    public string? Village { get; set; }
    public VoteChoice Choice { get; set; }
}

public sealed record ConsultationView(Consultation Item, bool Open, bool Closed, List<ConsultationComment> Comments, List<ConsultationResponse> Responses, VoteResult? Votes);

/// <summary>
/// Dân bàn, góp ý: a draft put to the people's comment between two dates; citizens comment with their name and village (what
/// staff hide keeps its reason, and the audit log keeps the rest); after the period the commune publishes the summary and how
/// each group of comments was taken into account or why not; a matter the households decide records one vote per household.
/// </summary>
public sealed class Consultations(AppDbContext db, IUnitScope scope, UnitAccess access, TimeProvider clock, AuditKey key, SystemContexts system)
{
    private DateOnly Today => DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public async Task<List<Consultation>> ListAsync(int unitId) =>
        await db.Consultations.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(c => c.UnitId == unitId)
            .OrderByDescending(c => c.OpensOn).ThenByDescending(c => c.Id).Take(200).ToListAsync();

    /// <summary>The public view hides hidden comments; the commune's staff (<paramref name="staff"/>) see them with the reason.</summary>
    public async Task<ConsultationView?> ViewAsync(int id, bool staff)
    {
        var c = await db.Consultations.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (c is null) return null;
        var comments = await db.ConsultationComments.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(x => x.ConsultationId == id)
            .OrderBy(x => x.At).ToListAsync();
        if (!staff) comments = comments.Where(x => x.HiddenReason is null).ToList();
        var responses = await db.ConsultationResponses.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(x => x.ConsultationId == id).OrderBy(x => x.Id).ToListAsync();
        if (!staff && c.SummaryPublishedAt is null) responses = [];
        VoteResult? votes = null;
        if (c.Households is int n)
        {
            var choices = await db.HouseholdVotes.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().Where(v => v.ConsultationId == id).Select(v => v.Choice).ToListAsync();
            votes = DemocracyRules.Count(n, choices, c.QuorumPercent);
        }
        var today = Today;
        return new ConsultationView(c, c.IsOpenOn(today), c.IsClosedOn(today), comments, responses, votes);
    }

    public async Task<Outcome<Consultation>> CreateAsync(AdministrativeUnit unit, ConsultationInput input, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return Outcome<Consultation>.NotFound();
        var errors = new List<RuleViolation>();
        if (!Enum.IsDefined(input.Kind)) errors.Add(new(nameof(input.Kind), "Chọn loại nội dung."));
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 300) errors.Add(new(nameof(input.Title), "Nhập tên dự thảo (tối đa 300 ký tự)."));
        if (string.IsNullOrWhiteSpace(input.Content) || input.Content.Trim().Length > 20000) errors.Add(new(nameof(input.Content), "Nhập nội dung dự thảo (tối đa 20.000 ký tự)."));
        if (input.OpensOn is null || input.ClosesOn is null) errors.Add(new(nameof(input.OpensOn), "Ghi ngày bắt đầu và kết thúc lấy ý kiến."));
        else if (input.ClosesOn < input.OpensOn) errors.Add(new(nameof(input.ClosesOn), "Ngày kết thúc trước ngày bắt đầu."));
        else if (Enum.IsDefined(input.Kind) && input.ClosesOn.Value.DayNumber - input.OpensOn.Value.DayNumber + 1 < DemocracyRules.MinimumDays(input.Kind))
            errors.Add(new(nameof(input.ClosesOn), $"Nội dung này phải lấy ý kiến ít nhất {DemocracyRules.MinimumDays(input.Kind)} ngày."));
        if (input.Households is < 1 or > 1_000_000) errors.Add(new(nameof(input.Households), "Số hộ gia đình không hợp lệ."));
        if (input.QuorumPercent is < 1 or > 100) errors.Add(new(nameof(input.QuorumPercent), "Tỷ lệ hộ tham gia tối thiểu từ 1 đến 100%."));
        Limit(errors, nameof(input.Village), input.Village, 100);
        if (errors.Count > 0) return Outcome<Consultation>.Invalid(errors);
        var c = new Consultation
        {
            UnitId = unit.Id, Kind = input.Kind, Title = input.Title!.Trim(), Content = input.Content!.Trim(), OpensOn = input.OpensOn!.Value, ClosesOn = input.ClosesOn!.Value,
            Village = Blank(input.Village), Households = input.Households, QuorumPercent = input.QuorumPercent ?? 50, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Consultations.Add(c);
        await db.SaveChangesAsync();
        return Outcome<Consultation>.Success(c);
    }

    /// <summary>A citizen's comment, while the consultation is open; the same text twice from one client is refused.</summary>
    public async Task<Outcome<ConsultationComment>> CommentAsync(int id, CommentInput input, string? client)
    {
        var c = await db.Consultations.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (c is null) return Outcome<ConsultationComment>.NotFound();
        var errors = new List<RuleViolation>();
        if (!c.IsOpenOn(Today)) errors.Add(new(nameof(input.Content), $"Dự thảo nhận ý kiến từ {c.OpensOn:dd/MM/yyyy} đến {c.ClosesOn:dd/MM/yyyy}."));
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length is < 2 or > 100) errors.Add(new(nameof(input.Name), "Nhập họ và tên (2–100 ký tự)."));
        if (string.IsNullOrWhiteSpace(input.Village) || input.Village.Trim().Length > 100) errors.Add(new(nameof(input.Village), "Ghi thôn, bản nơi ở."));
        if (string.IsNullOrWhiteSpace(input.Content) || input.Content.Trim().Length is < 5 or > 4000) errors.Add(new(nameof(input.Content), "Nhập ý kiến (5–4.000 ký tự)."));
        if (errors.Count > 0) return Outcome<ConsultationComment>.Invalid(errors);
        var hash = client is null ? null : key.ClientHash(client);
        var text = input.Content!.Trim();
        var (name, village) = (input.Name!.Trim(), input.Village!.Trim());
        // The same text again, from the same client or under the same name and village, is a repeat, not a second voice.
        if (await db.ConsultationComments.IgnoreQueryFilters([AppDbContext.UnitFilter])
                .AnyAsync(x => x.ConsultationId == id && x.Content == text && (hash != null && x.ClientHash == hash || x.Name == name && x.Village == village)))
            return Outcome<ConsultationComment>.Invalid([new(nameof(input.Content), "Ý kiến này đã được gửi.")]);
        // The commenter writes into the commune's consultation: the system records it on their behalf.
        await using var sys = system.Open("Người dân góp ý");
        var comment = new ConsultationComment { UnitId = c.UnitId, ConsultationId = id, Name = name, Village = village, Content = text, At = clock.GetUtcNow().UtcDateTime, ClientHash = hash };
        sys.ConsultationComments.Add(comment);
        await sys.SaveChangesAsync();
        return Outcome<ConsultationComment>.Success(comment);
    }

    /// <summary>Ẩn ý kiến: with a reason; the comment stays (staff see it and why), the public no longer does.</summary>
    public async Task<Outcome<ConsultationComment>> HideAsync(AdministrativeUnit unit, long commentId, string? reason, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return Outcome<ConsultationComment>.NotFound();
        var x = await db.ConsultationComments.FirstOrDefaultAsync(c => c.Id == commentId && c.UnitId == unit.Id);
        if (x is null) return Outcome<ConsultationComment>.NotFound();
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500) return Outcome<ConsultationComment>.Invalid([new("Reason", "Ghi lý do ẩn ý kiến (tối đa 500 ký tự).")]);
        if (x.HiddenReason is not null) return Outcome<ConsultationComment>.Invalid([new("Reason", "Ý kiến đã được ẩn.")]);
        (x.HiddenReason, x.HiddenBy) = (reason.Trim(), scope.ActorName);
        await db.SaveChangesAsync();
        return Outcome<ConsultationComment>.Success(x);
    }

    /// <summary>
    /// Trả lời ý kiến: the commune answers a citizen's comment in public, under it, while the draft is open or after. One
    /// answer per comment (a correction replaces it, the audit log keeps the earlier one); not for a hidden comment.
    /// </summary>
    public async Task<Outcome<ConsultationComment>> ReplyAsync(AdministrativeUnit unit, long commentId, string? reply, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return Outcome<ConsultationComment>.NotFound();
        var x = await db.ConsultationComments.FirstOrDefaultAsync(c => c.Id == commentId && c.UnitId == unit.Id);
        if (x is null) return Outcome<ConsultationComment>.NotFound();
        if (x.HiddenReason is not null) return Outcome<ConsultationComment>.Invalid([new("Reply", "Ý kiến đã ẩn: không trả lời công khai.")]);
        if (string.IsNullOrWhiteSpace(reply) || reply.Trim().Length > 2000)
            return Outcome<ConsultationComment>.Invalid([new("Reply", "Ghi nội dung trả lời (tối đa 2.000 ký tự).")]);
        (x.Reply, x.RepliedAt, x.RepliedBy) = (reply.Trim(), clock.GetUtcNow().UtcDateTime, scope.ActorName);
        await db.SaveChangesAsync();
        return Outcome<ConsultationComment>.Success(x);
    }

    private async Task<Consultation?> OwnAsync(AdministrativeUnit unit, int id, ClaimsPrincipal actor) =>
        await access.MayAsync(actor, unit.Id, UnitOperations.Work) ? await db.Consultations.FirstOrDefaultAsync(c => c.Id == id && c.UnitId == unit.Id) : null;

    /// <summary>Giải trình, tiếp thu: one group of comments and what was done with it; after the period closes.</summary>
    public async Task<Outcome<ConsultationResponse>> RespondAsync(AdministrativeUnit unit, int id, ResponseInput input, ClaimsPrincipal actor)
    {
        if (await OwnAsync(unit, id, actor) is not { } c) return Outcome<ConsultationResponse>.NotFound();
        var errors = new List<RuleViolation>();
        if (c.RefusesExplanation(Today) is { } closed) errors.Add(new(nameof(input.Topic), closed));
        if (string.IsNullOrWhiteSpace(input.Topic) || input.Topic.Trim().Length > 500) errors.Add(new(nameof(input.Topic), "Ghi nhóm ý kiến (tối đa 500 ký tự)."));
        if (input.Comments is null or < 1 or > 100_000) errors.Add(new(nameof(input.Comments), "Ghi số ý kiến trong nhóm."));
        if (string.IsNullOrWhiteSpace(input.Explanation) || input.Explanation.Trim().Length > 4000)
            errors.Add(new(nameof(input.Explanation), input.Accepted ? "Ghi nội dung đã tiếp thu." : "Giải trình lý do không tiếp thu."));
        if (errors.Count > 0) return Outcome<ConsultationResponse>.Invalid(errors);
        var r = new ConsultationResponse { UnitId = unit.Id, ConsultationId = c.Id, Topic = input.Topic!.Trim(), Comments = input.Comments!.Value, Accepted = input.Accepted, Explanation = input.Explanation!.Trim() };
        db.ConsultationResponses.Add(r);
        await db.SaveChangesAsync();
        return Outcome<ConsultationResponse>.Success(r);
    }

    public async Task<Outcome<Consultation>> PublishSummaryAsync(AdministrativeUnit unit, int id, string? summary, ClaimsPrincipal actor)
    {
        if (await OwnAsync(unit, id, actor) is not { } c) return Outcome<Consultation>.NotFound();
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Lead)) return Outcome<Consultation>.Invalid([new("Summary", "Chỉ lãnh đạo UBND xã công bố kết quả tổng hợp.")]);
        if (c.PublishSummary(summary, Today, clock.GetUtcNow().UtcDateTime) is { } refused) return Outcome<Consultation>.Refused(refused);
        await db.SaveChangesAsync();
        return Outcome<Consultation>.Success(c);
    }

    /// <summary>One household's vote (recorded by staff from the ballot or the meeting's list); one per household.</summary>
    public async Task<Outcome<HouseholdVote>> VoteAsync(AdministrativeUnit unit, int id, VoteInput input, ClaimsPrincipal actor)
    {
        if (await OwnAsync(unit, id, actor) is not { } c) return Outcome<HouseholdVote>.NotFound();
        var errors = new List<RuleViolation>();
        if (c.Households is not int n) return Outcome<HouseholdVote>.Invalid([new(nameof(input.HeadName), "Nội dung này không biểu quyết theo hộ.")]);
        if (Today < c.OpensOn) errors.Add(new(nameof(input.HeadName), "Chưa đến thời gian lấy ý kiến."));
        if (string.IsNullOrWhiteSpace(input.HeadName) || input.HeadName.Trim().Length > 100) errors.Add(new(nameof(input.HeadName), "Nhập họ tên chủ hộ."));
        if (string.IsNullOrWhiteSpace(input.Village) || input.Village.Trim().Length > 100) errors.Add(new(nameof(input.Village), "Ghi thôn, bản."));
        if (!Enum.IsDefined(input.Choice)) errors.Add(new(nameof(input.Choice), "Chọn tán thành, không tán thành hoặc ý kiến khác."));
        if (errors.Count > 0) return Outcome<HouseholdVote>.Invalid(errors);
        var (head, village) = (input.HeadName!.Trim(), input.Village!.Trim());
        if (await db.HouseholdVotes.AnyAsync(v => v.ConsultationId == id && v.HeadName == head && v.Village == village))
            return Outcome<HouseholdVote>.Invalid([new(nameof(input.HeadName), "Hộ này đã biểu quyết.")]);
        if (await db.HouseholdVotes.CountAsync(v => v.ConsultationId == id) >= n)
            return Outcome<HouseholdVote>.Invalid([new(nameof(input.HeadName), $"Đã đủ {n} hộ của địa bàn.")]);
        var v = new HouseholdVote { UnitId = unit.Id, ConsultationId = id, HeadName = head, Village = village, Choice = input.Choice, RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = scope.ActorName };
        db.HouseholdVotes.Add(v);
        await db.SaveChangesAsync();
        return Outcome<HouseholdVote>.Success(v);
    }
}
