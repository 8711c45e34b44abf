using System.Globalization;
using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Procedures;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Web.Shared.InputRules;

namespace FriendlyGov.Web.Features.Model;

public sealed class CreateModelInput
{
    public string? Name { get; set; }
    public ModelKind Kind { get; set; } = ModelKind.Pilot;
    public int? Year { get; set; }
    public DateOnly? PlanStart { get; set; }
}

public sealed class ModelRecordInput
{
    public ModelStage Stage { get; set; }
    public DateOnly? LaunchedOn { get; set; }
    public string? LaunchPlace { get; set; }
    public string? LaunchGuests { get; set; }
    public string? LaunchMinutes { get; set; }
    public string? BoardName { get; set; }
    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }
    public string? DecisionSigner { get; set; }
    public string? Regulation { get; set; }
    public int Version { get; set; }
}

public sealed class MemberInput
{
    public string? FullName { get; set; }
    public string? Position { get; set; }
    public BoardRole Role { get; set; } = BoardRole.Member;
    public DateOnly? From { get; set; }
}

public sealed class EndMemberInput
{
    public DateOnly? To { get; set; }
    public string? Reason { get; set; }
}

public sealed class TaskInput
{
    public string? Owner { get; set; }
    public DateOnly? Due { get; set; }
    public PlanTaskStatus Status { get; set; } = PlanTaskStatus.NotStarted;
    public int Progress { get; set; }
    public string? Evidence { get; set; }
    public int Version { get; set; }
}

public sealed class RateInput
{
    public ReadinessRating Rating { get; set; }
    public string? Gap { get; set; }
    public string? Needs { get; set; }
    public int Version { get; set; }
}

public sealed class ProposalInput
{
    public string? Title { get; set; }
    public string? Content { get; set; }
    public int? ReadinessItemId { get; set; }
}

public sealed class AnswerInput
{
    public string? Answer { get; set; }
    public string? Decision { get; set; }
    public DateOnly? Deadline { get; set; }
    public bool Resolved { get; set; }
    public int Version { get; set; }
}

public sealed class ReplicateInput
{
    public List<string> Communes { get; set; } = [];
    public string? Name { get; set; }
    public int? Year { get; set; }
    public DateOnly? PlanStart { get; set; }
    /// <summary>The pilot commune whose procedure catalog is offered to the new communes (only procedures they lack).</summary>
    public string? Pilot { get; set; }
    public bool CopyCatalog { get; set; }
}

public sealed record ReplicateResult(string Commune, string Name, string Outcome, bool Created);

public sealed record OfficialSignature(string UserId, string FullName, string? Title, DateTime? SignedAt);

public sealed record ModelView(AdministrativeUnit Unit, CommuneModel Model, List<BoardMember> Board, List<ModelPlanTask> Tasks, List<ReadinessItem> Readiness,
    List<ModelProposal> Proposals, CommitmentText? Commitment, List<OfficialSignature> Officials, RolloutFigures Figures, List<ModelEvent> Events,
    List<ModelFileInfo> Files);

public sealed record RolloutRow(string Code, string Name, bool HasModel, ModelKind? Kind, ModelStage? Stage, RolloutFigures? Figures, int OpenProposals,
    decimal? OnTimeRate, decimal? SatisfactionRate, int Ratings, int OpenRecommendations, int OverdueRecommendations, DateOnly? LastInspection,
    int Events, double? Latitude, double? Longitude, int Disclosed = 0, decimal? Consensus = null);

/// <summary>
/// The model in a commune (record, board, plan, readiness review, proposals, commitment) and its supervision and replication
/// by the supervising board. Communes change their own; a supervisor answers proposals and replicates within their subtree.
/// </summary>
public sealed partial class Models(AppDbContext db, IUnitScope scope, UnitDirectory units, TimeProvider clock, IServiceProvider services, Ratings ratings)
{
    private DateOnly Today => DateOnly.FromDateTime(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public static bool IsLeader(ClaimsPrincipal user, int unitId) => user.IsInRole(Roles.CommuneLeader) && user.UnitId() == unitId;

    public static bool IsSupervisorOf(ClaimsPrincipal user, IUnitScope scope, int unitId) =>
        (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin)) && scope.CanRead(unitId);

    public async Task<AdministrativeUnit?> CommuneAsync(string? code) =>
        await db.CommuneByCodeAsync(code) is { } u && scope.CanRead(u.Id) ? u : null;

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
        if (!IsLeader(actor, unit.Id)) return Outcome<CommuneModel>.Invalid([new("Name", "Chỉ lãnh đạo UBND xã khởi tạo mô hình của xã.")]);
        if (CheckCreate(input) is { Count: > 0 } errors) return Outcome<CommuneModel>.Invalid(errors);
        if (await db.CommuneModels.AnyAsync(x => x.UnitId == unit.Id)) return Outcome<CommuneModel>.Invalid([new("Name", "Xã đã có mô hình.")]);
        await using var tx = await db.Database.BeginWorkAsync();
        var m = await BuildAsync(db, unit.Id, input, null, scope.ActorName);
        await tx.CommitAsync();
        return Outcome<CommuneModel>.Success(m);
    }

    private List<RuleViolation> CheckCreate(CreateModelInput input)
    {
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200) errors.Add(new("Name", "Nhập tên mô hình (tối đa 200 ký tự)."));
        if (input.Year is not (>= 2015 and <= 2100)) errors.Add(new("Year", "Năm thực hiện không hợp lệ."));
        if (!Enum.IsDefined(input.Kind)) errors.Add(new("Kind", "Loại mô hình: điểm hoặc nhân rộng."));
        return errors;
    }

    /// <summary>A model built from the templates: the plan's steps, the readiness checklist, the commitment text (version 1).</summary>
    private Task<CommuneModel> BuildAsync(AppDbContext target, int unitId, CreateModelInput input, int? pilotUnitId, string? by) =>
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
            target.PlanTasks.Add(new ModelPlanTask { UnitId = unitId, ModelId = m.Id, Order = ++i, Title = title, Due = start.AddDays(days) });
        foreach (var (group, condition) in ModelTemplates.Readiness)
            target.ReadinessItems.Add(new ReadinessItem { UnitId = unitId, ModelId = m.Id, Condition = condition, Group = group });
        target.CommitmentTexts.Add(new CommitmentText
        {
            UnitId = unitId, ModelId = m.Id, Number = 1, Text = ModelTemplates.DefaultCommitment(m.Name), PublishedAt = m.CreatedAt, PublishedBy = by,
        });
        await target.SaveChangesAsync();
        return m;
    }

    /// <summary>
    /// Nhân rộng: the supervisor gives each chosen commune of their subtree a model built from the templates, in one action.
    /// A commune that already has a model keeps it untouched; the pilot's procedures are offered only where the commune lacks them.
    /// </summary>
    public async Task<Outcome<List<ReplicateResult>>> ReplicateAsync(ReplicateInput input, ClaimsPrincipal actor)
    {
        if (!(actor.IsInRole(Roles.Supervisor) || actor.IsInRole(Roles.Admin)))
            return Outcome<List<ReplicateResult>>.Invalid([new("Communes", "Chỉ Ban Chỉ đạo cấp trên nhân rộng mô hình.")]);
        var create = new CreateModelInput { Name = input.Name ?? ModelTemplates.DefaultName, Kind = ModelKind.Replicated, Year = input.Year ?? Today.Year, PlanStart = input.PlanStart };
        var errors = CheckCreate(create);
        var codes = input.Communes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
        if (codes.Count == 0) errors.Add(new("Communes", "Chọn ít nhất một xã."));
        if (codes.Count > 500) errors.Add(new("Communes", "Mỗi lần nhân rộng tối đa 500 xã."));
        AdministrativeUnit? pilot = null;
        if (!string.IsNullOrWhiteSpace(input.Pilot))
        {
            pilot = await CommuneAsync(input.Pilot);
            if (pilot is null) errors.Add(new("Pilot", "Xã điểm không thuộc phạm vi của bạn."));
        }
        if (input.CopyCatalog && pilot is null) errors.Add(new("Pilot", "Chọn xã điểm để lấy danh mục thủ tục."));
        if (errors.Count > 0) return Outcome<List<ReplicateResult>>.Invalid(errors);

        var results = new List<ReplicateResult>();
        // The supervisor reads the subtree but writes only its own unit: the communes' rows are written by the system on
        // the supervisor's behalf, after this check, in one transaction, attributed to them in the audit log.
        await using var sys = Database.OpenSystemContext(services, $"{scope.ActorName} (nhân rộng)");
        await using var tx = await sys.Database.BeginWorkAsync();
        var catalog = new Catalog(sys, services.GetRequiredService<Officials>());
        foreach (var code in codes)
        {
            var unit = await db.CommuneByCodeAsync(code);
            if (unit is null || !scope.CanRead(unit.Id) || !unit.IsCurrent)
            {
                results.Add(new(code, "", "Không thuộc phạm vi giám sát", false));
                continue;
            }
            if (await sys.CommuneModels.AnyAsync(x => x.UnitId == unit.Id))
            {
                results.Add(new(code, unit.FullName, "Đã có mô hình: giữ nguyên", false));
                continue;
            }
            await BuildAsync(sys, unit.Id, create, pilot?.Id, scope.ActorName);
            var copied = input.CopyCatalog && pilot is not null && pilot.Id != unit.Id ? await catalog.CopyMissingAsync(pilot.Id, unit.Id) : 0;
            results.Add(new(code, unit.FullName, copied > 0 ? $"Đã tạo mô hình; thêm {copied} thủ tục từ xã điểm" : "Đã tạo mô hình", true));
        }
        await tx.CommitAsync();
        return Outcome<List<ReplicateResult>>.Success(results);
    }

    // ---- the commune's own work ----------------------------------------------------------------------------------

    private async Task<(CommuneModel? Model, Outcome<T>? Refusal)> OwnAsync<T>(AdministrativeUnit unit, ClaimsPrincipal actor, bool leaderOnly)
    {
        var m = await db.CommuneModels.FirstOrDefaultAsync(x => x.UnitId == unit.Id);
        if (m is null || !scope.CanWrite(unit.Id) || actor.UnitId() != unit.Id) return (null, Outcome<T>.NotFound());
        if (leaderOnly && !IsLeader(actor, unit.Id)) return (null, Outcome<T>.Invalid([new("Role", "Chỉ lãnh đạo UBND xã thực hiện thao tác này.")]));
        if (!leaderOnly && !Roles.CommuneStaff.Any(actor.IsInRole)) return (null, Outcome<T>.NotFound());
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
        var errors = new List<RuleViolation>();
        if (!Enum.IsDefined(input.Status)) errors.Add(new(nameof(input.Status), "Trạng thái không hợp lệ."));
        if (input.Progress is < 0 or > 100) errors.Add(new(nameof(input.Progress), "Tiến độ từ 0 đến 100%."));
        if (input.Status == PlanTaskStatus.Done && string.IsNullOrWhiteSpace(input.Evidence))
            errors.Add(new(nameof(input.Evidence), "Ghi kết quả, minh chứng (số văn bản, nơi lưu ảnh) khi hoàn thành."));
        Limit(errors, nameof(input.Owner), input.Owner, 200);
        Limit(errors, nameof(input.Evidence), input.Evidence, 2000);
        if (errors.Count > 0) return Outcome<ModelPlanTask>.Invalid(errors);
        (t.Owner, t.Due, t.Status, t.Progress, t.Evidence) = (Blank(input.Owner), input.Due ?? t.Due, input.Status,
            input.Status == PlanTaskStatus.Done ? 100 : input.Progress, Blank(input.Evidence));
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
        var names = await db.Units.AsNoTracking().Where(u => rows.Select(r => r.UnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        return rows.Select(r => (r, names.GetValueOrDefault(r.UnitId, ""))).ToList();
    }

    /// <summary>The supervising board answers: the answer, the decision and its deadline; both sides then see the status.</summary>
    public async Task<Outcome<ModelProposal>> AnswerAsync(int id, AnswerInput input, ClaimsPrincipal actor)
    {
        var seen = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (seen is null || !IsSupervisorOf(actor, scope, seen.UnitId) || actor.IsInRole(Roles.CommuneLeader)) return Outcome<ModelProposal>.NotFound();
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(input.Answer) || input.Answer.Trim().Length > 4000) errors.Add(new(nameof(input.Answer), "Nhập nội dung trả lời (tối đa 4.000 ký tự)."));
        Limit(errors, nameof(input.Decision), input.Decision, 2000);
        if (!string.IsNullOrWhiteSpace(input.Decision) && input.Deadline is null) errors.Add(new(nameof(input.Deadline), "Ghi thời hạn thực hiện quyết định."));
        if (input.Deadline is DateOnly d && d < Today) errors.Add(new(nameof(input.Deadline), "Thời hạn không ở quá khứ."));
        if (errors.Count > 0) return Outcome<ModelProposal>.Invalid(errors);
        await using var sys = Database.OpenSystemContext(services, $"{scope.ActorName} (trả lời đề xuất)");
        var p = await sys.Proposals.FirstAsync(x => x.Id == id);
        RefusedException.IfStale(input.Version, p.Version, "Đề xuất");
        (p.Answer, p.Decision, p.DecisionDeadline, p.AnsweredAt, p.AnsweredBy, p.Status) = (input.Answer!.Trim(), Blank(input.Decision), input.Deadline,
            clock.GetUtcNow().UtcDateTime, scope.ActorName, input.Resolved ? ProposalStatus.Resolved : ProposalStatus.Answered);
        p.AnsweringUnit = actor.UnitId() is int u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync() : null;
        await sys.SaveChangesAsync();
        return Outcome<ModelProposal>.Success(p);
    }

    // ---- commitment ----------------------------------------------------------------------------------------------

    /// <summary>A new version of the commitment text: every official is asked to sign again.</summary>
    public async Task<Outcome<CommitmentText>> PublishTextAsync(AdministrativeUnit unit, string? text, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<CommitmentText>(unit, actor, leaderOnly: true);
        if (m is null) return refusal!;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length is < 20 or > 8000)
            return Outcome<CommitmentText>.Invalid([new("Text", "Nội dung cam kết từ 20 đến 8.000 ký tự.")]);
        var last = await db.CommitmentTexts.Where(x => x.ModelId == m.Id).MaxAsync(x => (int?)x.Number) ?? 0;
        var current = await db.CommitmentTexts.AsNoTracking().Where(x => x.ModelId == m.Id && x.Number == last).Select(x => x.Text).FirstOrDefaultAsync();
        if (current == text.Trim()) return Outcome<CommitmentText>.Invalid([new("Text", "Nội dung không thay đổi so với bản hiện hành.")]);
        var t = new CommitmentText { UnitId = unit.Id, ModelId = m.Id, Number = last + 1, Text = text.Trim(), PublishedAt = clock.GetUtcNow().UtcDateTime, PublishedBy = scope.ActorName };
        db.CommitmentTexts.Add(t);
        await db.SaveChangesAsync();
        return Outcome<CommitmentText>.Success(t);
    }

    /// <summary>An official signs the current text: their own account, their full name typed as it stands on the account.</summary>
    public async Task<Outcome<CommitmentSignature>> SignAsync(AdministrativeUnit unit, string? typedName, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<CommitmentSignature>(unit, actor, leaderOnly: false);
        if (m is null) return refusal!;
        var me = actor.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var fullName = await db.Users.Where(u => u.Id == me).Select(u => u.FullName).FirstAsync();
        var text = await db.CommitmentTexts.AsNoTracking().Where(x => x.ModelId == m.Id).OrderByDescending(x => x.Number).FirstOrDefaultAsync();
        if (text is null) return Outcome<CommitmentSignature>.Invalid([new("Text", "Chưa có nội dung cam kết.")]);
        if (!string.Equals(Normalize(typedName), Normalize(fullName), StringComparison.Ordinal))
            return Outcome<CommitmentSignature>.Invalid([new("TypedName", $"Gõ đúng họ và tên của bạn như trong tài khoản: {fullName}.")]);
        if (await db.CommitmentSignatures.AnyAsync(s => s.TextId == text.Id && s.UserId == me))
            return Outcome<CommitmentSignature>.Invalid([new("TypedName", "Bạn đã ký bản cam kết này.")]);
        var sig = new CommitmentSignature { UnitId = unit.Id, TextId = text.Id, UserId = me, TypedName = typedName!.Trim(), SignedAt = clock.GetUtcNow().UtcDateTime };
        db.CommitmentSignatures.Add(sig);
        await db.SaveChangesAsync();
        return Outcome<CommitmentSignature>.Success(sig);
    }

    private static string Normalize(string? s) =>
        string.Join(' ', (s ?? "").Normalize(System.Text.NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLower(CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>
    /// What the public page of a commune says about its officials' commitment: how many of its serving officials signed the
    /// current text, of how many; null when the commune has no model or no commitment text yet.
    /// </summary>
    public async Task<(int Signed, int Officials)?> PublicCommitmentAsync(string communeCode)
    {
        if (await db.CommuneByCodeAsync(communeCode) is not { } unit) return null;
        var unitId = unit.Id;
        var modelId = await db.CommuneModels.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(m => m.UnitId == unitId).Select(m => (int?)m.Id).FirstOrDefaultAsync();
        if (modelId is null) return null;
        var textId = await db.CommitmentTexts.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(t => t.ModelId == modelId).OrderByDescending(t => t.Number).Select(t => (int?)t.Id).FirstOrDefaultAsync();
        if (textId is null) return null;
        var signed = (await db.CommitmentSignatures.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(x => x.TextId == textId).Select(x => x.UserId).ToListAsync()).ToHashSet();
        var officials = await ratings.OfficialsOfAsync([unitId]);
        return (officials.Count(o => signed.Contains(o.Id)), officials.Count);
    }

    // ---- supervision ---------------------------------------------------------------------------------------------

    /// <summary>Every current commune of the supervisor's unit, side by side: stage, plan, readiness, signatures, proposals, dossiers, satisfaction.</summary>
    public async Task<Outcome<List<RolloutRow>>> RolloutAsync(string? unitCode, ClaimsPrincipal user, SatisfactionReport report)
    {
        var root = string.IsNullOrWhiteSpace(unitCode)
            ? user.UnitId() is int home ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == home) : null
            : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode.Trim());
        if (root is null || !scope.CanRead(root.Id)) return Outcome<List<RolloutRow>>.NotFound();
        var subtree = units.Graph.Subtree(root.Id);
        var communes = await db.Units.AsNoTracking()
            .Where(u => subtree.Contains(u.Id) && u.Level == UnitLevel.Commune && u.SuccessorId == null && u.EffectiveTo == null)
            .OrderBy(u => u.Code).ToListAsync();
        var quality = await report.BuildAsync(new ReportRequest(root.Code, new DateOnly(Today.Year, 1, 1), Today, ReportGrouping.Commune), user);
        var byCommune = quality.Ok ? quality.Value!.Rows.ToDictionary(r => r.Key) : [];
        var ids = communes.Select(c => c.Id).ToList();
        var recommendations = await db.Recommendations.AsNoTracking().Where(r => ids.Contains(r.UnitId) && r.Status != RecommendationStatus.Closed)
            .Select(r => new { r.UnitId, r.Status, r.Deadline }).ToListAsync();
        var lastVisits = await db.Inspections.AsNoTracking().Where(i => ids.Contains(i.UnitId) && i.Status == InspectionStatus.Done)
            .GroupBy(i => i.UnitId).Select(g => new { g.Key, Last = g.Max(i => i.DoneOn) }).ToDictionaryAsync(x => x.Key, x => x.Last);
        var places = await db.CommuneProfiles.AsNoTracking().Where(p => ids.Contains(p.UnitId) && p.Latitude != null)
            .ToDictionaryAsync(p => p.UnitId, p => (p.Latitude, p.Longitude));
        // Every commune's model figures in a fixed number of queries, whatever the number of communes.
        var models = await db.CommuneModels.AsNoTracking().Where(m => ids.Contains(m.UnitId)).ToDictionaryAsync(m => m.UnitId);
        var modelIds = models.Values.Select(m => m.Id).ToList();
        var tasks = (await db.PlanTasks.AsNoTracking().Where(t => modelIds.Contains(t.ModelId)).Select(t => new { t.ModelId, t.Status, t.Progress, t.Due }).ToListAsync())
            .ToLookup(t => t.ModelId, t => (t.Status, t.Progress, t.Due));
        var readiness = (await db.ReadinessItems.AsNoTracking().Where(r => modelIds.Contains(r.ModelId)).Select(r => new { r.ModelId, r.Rating }).ToListAsync())
            .ToLookup(r => r.ModelId, r => r.Rating);
        var openProposals = (await db.Proposals.AsNoTracking().Where(p => modelIds.Contains(p.ModelId) && p.Status == ProposalStatus.Open).Select(p => p.ModelId).ToListAsync())
            .CountBy(x => x).ToDictionary();
        var events = (await db.ModelEvents.AsNoTracking().Where(e => modelIds.Contains(e.ModelId)).Select(e => e.ModelId).ToListAsync()).CountBy(x => x).ToDictionary();
        var currentTexts = (await db.CommitmentTexts.AsNoTracking().Where(t => modelIds.Contains(t.ModelId)).Select(t => new { t.Id, t.ModelId, t.Number }).ToListAsync())
            .GroupBy(t => t.ModelId).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Number)!.Id);
        var textIds = currentTexts.Values.ToList();
        var signers = (await db.CommitmentSignatures.AsNoTracking().Where(s => textIds.Contains(s.TextId)).Select(s => new { s.TextId, s.UserId }).ToListAsync())
            .ToLookup(s => s.TextId, s => s.UserId);
        var officials = (await ratings.OfficialsOfAsync(ids)).ToLookup(o => o.UnitId, o => o.Id);
        // Grassroots democracy beside the model: disclosures posted this year, and land-clearance consensus over all projects.
        var yearStart = new DateOnly(Today.Year, 1, 1);
        var disclosed = (await db.Disclosures.AsNoTracking().Where(d => ids.Contains(d.UnitId) && d.PostedOn >= yearStart).Select(d => d.UnitId).ToListAsync())
            .CountBy(x => x).ToDictionary();
        var households = (await db.AffectedHouseholds.AsNoTracking().Where(h => ids.Contains(h.UnitId)).Select(h => new { h.UnitId, h.Status }).ToListAsync())
            .ToLookup(h => h.UnitId, h => h.Status);
        var rows = new List<RolloutRow>();
        foreach (var c in communes)
        {
            var m = models.GetValueOrDefault(c.Id);
            RolloutFigures? figures = null;
            if (m is not null)
            {
                var signed = currentTexts.TryGetValue(m.Id, out var textId) ? signers[textId].ToHashSet() : [];
                var staff = officials[c.Id].ToList();
                figures = RolloutMath.Figures(tasks[m.Id].ToList(), Today, readiness[m.Id].ToList(), staff.Count(signed.Contains), staff.Count);
            }
            var q = byCommune.GetValueOrDefault(c.Id.ToString())?.Figures;
            decimal? onTime = q is { EndedDossiers: > 0 } ? Math.Round(100m * (q.EndedDossiers - q.LateDossiers) / q.EndedDossiers, 1) : null;
            var recs = recommendations.Where(r => r.UnitId == c.Id).ToList();
            var place = places.GetValueOrDefault(c.Id);
            rows.Add(new RolloutRow(c.Code, c.FullName, m is not null, m?.Kind, m?.Stage, figures, m is null ? 0 : openProposals.GetValueOrDefault(m.Id), onTime, q?.Rate,
                q?.Ratings ?? 0, recs.Count, recs.Count(r => r.Status == RecommendationStatus.Open && r.Deadline < Today), lastVisits.GetValueOrDefault(c.Id),
                m is null ? 0 : events.GetValueOrDefault(m.Id), place.Latitude, place.Longitude, disclosed.GetValueOrDefault(c.Id),
                DemocracyRules.ConsensusOf([.. households[c.Id]]).Share));
        }
        return Outcome<List<RolloutRow>>.Success(rows);
    }
}

