using System.Globalization;
using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Procedures;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Model;

/// <summary>
/// The model in a commune (record, board, plan, readiness review, proposals, activities): communes change their own; the
/// supervising board answers proposals. The commitment (Commitments), replication (ReplicateModel) and the roll-out view
/// (Rollout) are their own use cases beside it.
/// </summary>
public sealed partial class Models(AppDbContext db, IUnitScope scope, UnitAccess access, TimeProvider clock, SystemContexts system, Ratings ratings)
{
    private DateOnly Today => DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>The commune a route names, when the caller may read its records (the per-resource handler decides).</summary>
    public async Task<AdministrativeUnit?> CommuneAsync(string? code) =>
        await db.CommuneByCodeAsync(code) is { } u && await access.MayAsync(u.Id, UnitOperations.Read) ? u : null;

    public async Task<string?> UnitCodeAsync(int id) => await db.Units.Where(u => u.Id == id).Select(u => u.Code).FirstOrDefaultAsync();

    public async Task<ModelView?> ViewAsync(AdministrativeUnit unit)
    {
        var m = await db.CommuneModels.AsNoTracking().FirstOrDefaultAsync(x => x.UnitId == unit.Id);
        if (m is null) return null;
        var board = await db.BoardMembers.AsNoTracking().Where(x => x.ModelId == m.Id).OrderBy(x => x.To != null).ThenBy(x => x.Role).ThenBy(x => x.Id).ToListAsync();
        var tasks = await db.PlanTasks.AsNoTracking().Where(x => x.ModelId == m.Id).OrderBy(x => x.Order).ThenBy(x => x.Id).ToListAsync();
        var readiness = await db.ReadinessItems.AsNoTracking().Where(x => x.ModelId == m.Id).OrderBy(x => x.Group).ThenBy(x => x.Id).ToListAsync();
        var proposals = await db.Proposals.AsNoTracking().Where(x => x.ModelId == m.Id).OrderByDescending(x => x.RaisedAt).ToListAsync();
        var text = await db.CommitmentTexts.AsNoTracking().Where(x => x.ModelId == m.Id).OrderByDescending(x => x.Number).FirstOrDefaultAsync();
        var signatures = text is null ? [] : await db.CommitmentSignatures.AsNoTracking().Where(s => s.TextId == text.Id).ToListAsync();
        var officials = (await ratings.OfficialsAsync(unit.Id))
            .Select(o => new OfficialSignature(o.Id, o.Name, o.Title, signatures.FirstOrDefault(s => s.UserId == o.Id)?.SignedAt)).ToList();
        var figures = RolloutMath.Figures(tasks.Select(t => (t.Status, t.Progress, t.Due)).ToList(), Today, readiness.Select(r => r.Rating).ToList(),
            officials.Count(o => o.SignedAt is not null), officials.Count);
        return new ModelView(unit, m, board, tasks, readiness, proposals, text, officials, figures, await EventsAsync(m.Id), await FilesAsync(m.Id));
    }

    // ---- creating ------------------------------------------------------------------------------------------------

    /// <summary>The commune leader starts the commune's own model (a pilot, or one the commune takes up itself).</summary>
    public async Task<Outcome<CommuneModel>> CreateAsync(AdministrativeUnit unit, CreateModelInput input, ClaimsPrincipal actor)
    {
        if (!await access.MayAsync(actor, unit.Id, UnitOperations.Lead)) return Outcome<CommuneModel>.Invalid([new("Name", "Chỉ lãnh đạo UBND xã khởi tạo mô hình của xã.")]);
        if (CheckCreate(input) is { Count: > 0 } errors) return Outcome<CommuneModel>.Invalid(errors);
        if (await db.CommuneModels.AnyAsync(x => x.UnitId == unit.Id)) return Outcome<CommuneModel>.Invalid([new("Name", "Xã đã có mô hình.")]);
        await using var tx = await db.Database.BeginWorkAsync();
        var m = await BuildAsync(db, unit.Id, input, null, scope.ActorName);
        await tx.CommitAsync();
        return Outcome<CommuneModel>.Success(m);
    }

    internal static List<RuleViolation> CheckCreate(CreateModelInput input)
    {
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200) errors.Add(new("Name", "Nhập tên mô hình (tối đa 200 ký tự)."));
        if (input.Year is not (>= 2015 and <= 2100)) errors.Add(new("Year", "Năm thực hiện không hợp lệ."));
        if (!Enum.IsDefined(input.Kind)) errors.Add(new("Kind", "Loại mô hình: điểm hoặc nhân rộng."));
        return errors;
    }

    /// <summary>A model built from the templates: the plan's steps, the readiness checklist, the commitment text (version 1).</summary>
    internal Task<CommuneModel> BuildAsync(AppDbContext target, int unitId, CreateModelInput input, int? pilotUnitId, string? by) =>
        BuildAsync(target, unitId, input, pilotUnitId, by, clock.GetUtcNow().UtcDateTime);

    public static async Task<CommuneModel> BuildAsync(AppDbContext target, int unitId, CreateModelInput input, int? pilotUnitId, string? by, DateTime nowUtc)
    {
        var start = input.PlanStart ?? DateOnly.FromDateTime(VietnamTime.FromUtc(nowUtc));
        var m = new CommuneModel
        {
            UnitId = unitId, Name = input.Name!.Trim(), Kind = input.Kind, Year = input.Year!.Value, PlanStart = start, PilotUnitId = pilotUnitId,
            CreatedAt = nowUtc, Stage = ModelStage.Preparing,
        };
        target.CommuneModels.Add(m);
        await target.SaveChangesAsync();
        var i = 0;
        foreach (var (title, days) in ModelTemplates.PlanSteps)
            target.PlanTasks.Add(ModelPlanTask.Planned(unitId, m.Id, ++i, title, start.AddDays(days)));
        foreach (var (group, condition) in ModelTemplates.Readiness)
            target.ReadinessItems.Add(new ReadinessItem { UnitId = unitId, ModelId = m.Id, Condition = condition, Group = group });
        target.CommitmentTexts.Add(new CommitmentText
        {
            UnitId = unitId, ModelId = m.Id, Number = 1, Text = ModelTemplates.DefaultCommitment(m.Name), PublishedAt = m.CreatedAt, PublishedBy = by,
        });
        await target.SaveChangesAsync();
        return m;
    }

    // ---- the commune's own work ----------------------------------------------------------------------------------

    /// <summary>The commune's own model, for its staff (or its leader only): not found for anyone else.</summary>
    internal async Task<(CommuneModel? Model, Outcome<T>? Refusal)> OwnAsync<T>(AdministrativeUnit unit, ClaimsPrincipal actor, bool leaderOnly)
    {
        var m = await db.CommuneModels.FirstOrDefaultAsync(x => x.UnitId == unit.Id);
        if (m is null || !await access.MayAsync(actor, unit.Id, UnitOperations.Work)) return (null, Outcome<T>.NotFound());
        if (leaderOnly && !await access.MayAsync(actor, unit.Id, UnitOperations.Lead)) return (null, Outcome<T>.Invalid([new("Role", "Chỉ lãnh đạo UBND xã thực hiện thao tác này.")]));
        return (m, null);
    }

    public async Task<Outcome<CommuneModel>> UpdateRecordAsync(AdministrativeUnit unit, ModelRecordInput input, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<CommuneModel>(unit, actor, leaderOnly: true);
        if (m is null) return refusal!;
        RefusedException.IfStale(input.Version, m.Version, "Mô hình");
        var errors = new List<RuleViolation>();
        if (!Enum.IsDefined(input.Stage)) errors.Add(new(nameof(input.Stage), "Giai đoạn không hợp lệ."));
        if (input.Stage >= ModelStage.Launched && input.LaunchedOn is null) errors.Add(new(nameof(input.LaunchedOn), "Ghi ngày ra mắt mô hình."));
        if (input.LaunchedOn is DateOnly l && l > Today) errors.Add(new(nameof(input.LaunchedOn), "Ngày ra mắt không ở tương lai."));
        Limit(errors, nameof(input.LaunchPlace), input.LaunchPlace, 300);
        Limit(errors, nameof(input.LaunchGuests), input.LaunchGuests, 2000);
        Limit(errors, nameof(input.LaunchMinutes), input.LaunchMinutes, 8000);
        Limit(errors, nameof(input.BoardName), input.BoardName, 200);
        Limit(errors, nameof(input.DecisionNumber), input.DecisionNumber, 50);
        Limit(errors, nameof(input.DecisionSigner), input.DecisionSigner, 100);
        Limit(errors, nameof(input.Regulation), input.Regulation, 20000);
        if (errors.Count > 0) return Outcome<CommuneModel>.Invalid(errors);
        (m.Stage, m.LaunchedOn, m.LaunchPlace, m.LaunchGuests, m.LaunchMinutes, m.BoardName, m.DecisionNumber, m.DecisionDate, m.DecisionSigner, m.Regulation) =
            (input.Stage, input.LaunchedOn, Blank(input.LaunchPlace), Blank(input.LaunchGuests), Blank(input.LaunchMinutes), Blank(input.BoardName),
             Blank(input.DecisionNumber), input.DecisionDate, Blank(input.DecisionSigner), Blank(input.Regulation));
        await db.SaveChangesAsync();
        return Outcome<CommuneModel>.Success(m);
    }

    public async Task<Outcome<BoardMember>> AddMemberAsync(AdministrativeUnit unit, MemberInput input, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<BoardMember>(unit, actor, leaderOnly: true);
        if (m is null) return refusal!;
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.FullName) || input.FullName.Trim().Length > 100) errors.Add(new(nameof(input.FullName), "Nhập họ và tên (tối đa 100 ký tự)."));
        if (string.IsNullOrWhiteSpace(input.Position) || input.Position.Trim().Length > 200) errors.Add(new(nameof(input.Position), "Nhập chức vụ (tối đa 200 ký tự)."));
        if (!Enum.IsDefined(input.Role)) errors.Add(new(nameof(input.Role), "Vai trò trong Ban không hợp lệ."));
        if (input.Role == BoardRole.Head && await db.BoardMembers.AnyAsync(x => x.ModelId == m.Id && x.Role == BoardRole.Head && x.To == null))
            errors.Add(new(nameof(input.Role), "Ban đã có Trưởng ban: ghi thôi nhiệm vụ người cũ trước."));
        if (errors.Count > 0) return Outcome<BoardMember>.Invalid(errors);
        var member = new BoardMember { UnitId = unit.Id, ModelId = m.Id, FullName = input.FullName!.Trim(), Position = input.Position!.Trim(), Role = input.Role, From = input.From ?? Today };
        db.BoardMembers.Add(member);
        await db.SaveChangesAsync();
        return Outcome<BoardMember>.Success(member);
    }

    /// <summary>A member leaves the board: the row stays, with the end date and reason, as the board's history.</summary>
    public async Task<Outcome<BoardMember>> EndMemberAsync(AdministrativeUnit unit, int id, EndMemberInput input, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<BoardMember>(unit, actor, leaderOnly: true);
        if (m is null) return refusal!;
        var member = await db.BoardMembers.FirstOrDefaultAsync(x => x.Id == id && x.ModelId == m.Id);
        if (member is null) return Outcome<BoardMember>.NotFound();
        var to = input.To ?? Today;
        if (member.To is not null) return Outcome<BoardMember>.Invalid([new(nameof(input.To), "Thành viên này đã thôi nhiệm vụ.")]);
        if (to < member.From) return Outcome<BoardMember>.Invalid([new(nameof(input.To), "Ngày thôi nhiệm vụ phải sau ngày bắt đầu.")]);
        (member.To, member.EndReason) = (to, Blank(input.Reason));
        await db.SaveChangesAsync();
        return Outcome<BoardMember>.Success(member);
    }

    public async Task<Outcome<ModelPlanTask>> UpdateTaskAsync(AdministrativeUnit unit, int id, TaskInput input, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<ModelPlanTask>(unit, actor, leaderOnly: false);
        if (m is null) return refusal!;
        var t = await db.PlanTasks.FirstOrDefaultAsync(x => x.Id == id && x.ModelId == m.Id);
        if (t is null) return Outcome<ModelPlanTask>.NotFound();
        RefusedException.IfStale(input.Version, t.Version, "Nhiệm vụ");
        if (t.Update(input.Owner, input.Due, input.Status, input.Progress, input.Evidence) is { } refused) return Outcome<ModelPlanTask>.Refused(refused);
        await db.SaveChangesAsync();
        return Outcome<ModelPlanTask>.Success(t);
    }

    public async Task<Outcome<ReadinessItem>> RateAsync(AdministrativeUnit unit, int id, RateInput input, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<ReadinessItem>(unit, actor, leaderOnly: true);
        if (m is null) return refusal!;
        var r = await db.ReadinessItems.FirstOrDefaultAsync(x => x.Id == id && x.ModelId == m.Id);
        if (r is null) return Outcome<ReadinessItem>.NotFound();
        RefusedException.IfStale(input.Version, r.Version, "Mục rà soát");
        var errors = new List<RuleViolation>();
        if (!Enum.IsDefined(input.Rating)) errors.Add(new(nameof(input.Rating), "Mức đánh giá: đạt, chưa đạt hoặc cần bổ sung."));
        if (input.Rating is ReadinessRating.NotMet or ReadinessRating.NeedsMore && string.IsNullOrWhiteSpace(input.Gap))
            errors.Add(new(nameof(input.Gap), "Nêu điều còn thiếu."));
        Limit(errors, nameof(input.Gap), input.Gap, 1000);
        Limit(errors, nameof(input.Needs), input.Needs, 1000);
        if (errors.Count > 0) return Outcome<ReadinessItem>.Invalid(errors);
        (r.Rating, r.Gap, r.Needs) = (input.Rating, Blank(input.Gap), Blank(input.Needs));
        await db.SaveChangesAsync();
        return Outcome<ReadinessItem>.Success(r);
    }

    public async Task<Outcome<ModelProposal>> RaiseAsync(AdministrativeUnit unit, ProposalInput input, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<ModelProposal>(unit, actor, leaderOnly: true);
        if (m is null) return refusal!;
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 200) errors.Add(new(nameof(input.Title), "Nhập tiêu đề đề xuất (tối đa 200 ký tự)."));
        if (string.IsNullOrWhiteSpace(input.Content) || input.Content.Trim().Length > 4000) errors.Add(new(nameof(input.Content), "Nêu khó khăn và điều đề nghị cấp trên (tối đa 4.000 ký tự)."));
        if (input.ReadinessItemId is int rid && !await db.ReadinessItems.AnyAsync(x => x.Id == rid && x.ModelId == m.Id))
            errors.Add(new(nameof(input.ReadinessItemId), "Điều kiện không thuộc mô hình của xã."));
        if (errors.Count > 0) return Outcome<ModelProposal>.Invalid(errors);
        var p = new ModelProposal
        {
            UnitId = unit.Id, ModelId = m.Id, ReadinessItemId = input.ReadinessItemId, Title = input.Title!.Trim(), Content = input.Content!.Trim(),
            RaisedAt = clock.GetUtcNow().UtcDateTime, RaisedBy = scope.ActorName,
        };
        db.Proposals.Add(p);
        await db.SaveChangesAsync();
        return Outcome<ModelProposal>.Success(p);
    }

    /// <summary>Proposals of the supervisor's subtree, open first.</summary>
    public async Task<List<(ModelProposal Proposal, string Commune)>> ProposalsForSupervisorAsync()
    {
        var rows = await db.Proposals.AsNoTracking().OrderBy(p => p.Status).ThenBy(p => p.RaisedAt).Take(500).ToListAsync();
        var names = await db.UnitNamesAsync(rows.Select(r => r.UnitId));
        return rows.Select(r => (r, names.GetValueOrDefault(r.UnitId, ""))).ToList();
    }

    /// <summary>The supervising board answers: the answer, the decision and its deadline; both sides then see the status.</summary>
    public async Task<Outcome<ModelProposal>> AnswerAsync(int id, AnswerInput input, ClaimsPrincipal actor)
    {
        var seen = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (seen is null || !await access.MayAsync(actor, seen.UnitId, UnitOperations.Supervise)) return Outcome<ModelProposal>.NotFound();
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.Answer) || input.Answer.Trim().Length > 4000) errors.Add(new(nameof(input.Answer), "Nhập nội dung trả lời (tối đa 4.000 ký tự)."));
        Limit(errors, nameof(input.Decision), input.Decision, 2000);
        if (!string.IsNullOrWhiteSpace(input.Decision) && input.Deadline is null) errors.Add(new(nameof(input.Deadline), "Ghi thời hạn thực hiện quyết định."));
        if (input.Deadline is DateOnly d && d < Today) errors.Add(new(nameof(input.Deadline), "Thời hạn không ở quá khứ."));
        if (errors.Count > 0) return Outcome<ModelProposal>.Invalid(errors);
        await using var sys = system.Open($"{scope.ActorName} (trả lời đề xuất)");
        var p = await sys.Proposals.FirstAsync(x => x.Id == id);
        RefusedException.IfStale(input.Version, p.Version, "Đề xuất");
        (p.Answer, p.Decision, p.DecisionDeadline, p.AnsweredAt, p.AnsweredBy, p.Status) = (input.Answer!.Trim(), Blank(input.Decision), input.Deadline,
            clock.GetUtcNow().UtcDateTime, scope.ActorName, input.Resolved ? ProposalStatus.Resolved : ProposalStatus.Answered);
        p.AnsweringUnit = actor.UnitId() is int u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync() : null;
        await sys.SaveChangesAsync();
        return Outcome<ModelProposal>.Success(p);
    }
}
