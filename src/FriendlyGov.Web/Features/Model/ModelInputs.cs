using System.ComponentModel.DataAnnotations;
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
    [Display(Name = "Hạn")] public DateOnly? Due { get; set; }
    [Display(Name = "Trạng thái")] public PlanTaskStatus Status { get; set; } = PlanTaskStatus.NotStarted;
    [Display(Name = "Tiến độ (%)")] public int Progress { get; set; }
    public string? Evidence { get; set; }
    public int Version { get; set; }
}

public sealed class RateInput
{
    [Display(Name = "Đánh giá")] public ReadinessRating Rating { get; set; }
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
