using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;

namespace FriendlyGov.Web.Features.Model;

// What the model endpoints answer, named so the OpenAPI document shows each schema; the JSON is the one the anonymous objects
// gave before.

public sealed record BoardMemberDto(int Id, string FullName, string Position, BoardRole Role, DateOnly From, DateOnly? To, string? EndReason, bool Current);
public sealed record PlanTaskDto(int Id, int Order, string Title, string? Owner, DateOnly Due, PlanTaskStatus Status, int Progress, string? Evidence, int Version, bool Late);
public sealed record ReadinessDto(int Id, ReadinessGroup Group, string Condition, ReadinessRating Rating, string? Gap, string? Needs, int Version);
public sealed record CommitmentDto(int Number, string Text, DateTime PublishedAt);
public sealed record OfficialDto(string FullName, string? Title, bool Signed, DateTime? SignedAt);
public sealed record ModelFileDto(long Id, ModelFileKind Kind, int? OwnerId, string FileName, string ContentType, long Size, DateTime UploadedAt, string Url);
public sealed record UploadedFileDto(long Id, string FileName, string ContentType, long Size, string Url);

public sealed record ProposalDto(int Id, string Title, string Content, DateTime RaisedAt, string? RaisedBy, ProposalStatus Status, string? Answer, string? Decision,
    DateOnly? DecisionDeadline, DateTime? AnsweredAt, string? AnsweredBy, string? AnsweringUnit, int? ReadinessItemId, int Version);

public sealed record ModelEventDto(int Id, ModelEventKind Kind, DateOnly Date, string Place, string Content, EventAudience Audience, string? Village,
    int Participants, string[] ParticipantList, string? Materials, int Version);

/// <summary>The commune's model: record, board with history, plan, readiness review, proposals, commitment, who signed, events and files.</summary>
public sealed record ModelDto(string Unit, string UnitName, int Id, string Name, ModelKind Kind, int Year, ModelStage Stage, string StageName, DateOnly? PlanStart,
    DateOnly? LaunchedOn, string? LaunchPlace, string? LaunchGuests, string? LaunchMinutes, string? BoardName, string? DecisionNumber, DateOnly? DecisionDate,
    string? DecisionSigner, string? Regulation, int Version, List<BoardMemberDto> Board, List<PlanTaskDto> Tasks, List<ReadinessDto> Readiness,
    List<ProposalDto> Proposals, CommitmentDto? Commitment, List<OfficialDto> Officials, RolloutFigures Figures, List<ModelEventDto> Events,
    List<ModelFileDto> Files);

public sealed record RecommendationDto(int Id, string Content, DateOnly Deadline, RecommendationStatus Status, bool Overdue, string? Report, DateTime? ReportedAt,
    string? ReportedBy, string? ReviewNote, DateTime? ClosedAt, int Version);

public sealed record InspectionDto(int Id, string Commune, string CommuneName, string InspectingUnit, string Subject, DateOnly PlannedOn, DateOnly? DoneOn,
    string? Team, string? Findings, InspectionStatus Status, string? CancelReason, int Version, List<RecommendationDto> Recommendations);

public sealed record PracticeDto(int Id, string Commune, string CommuneName, string Title, string? Field, string Description, string Results, DateOnly? StartedOn,
    bool Published, DateTime? PublishedAt, int? AdoptedFromId, string? AdoptedFromUnit, int Adoptions, int Version);

public sealed record AreaProposalDto(string Commune, ProposalDto Proposal);

// What a write answers: the record's id with what the caller needs for its next step.
public sealed record ModelCreatedDto(int Id, string Name);
public sealed record ModelRecordSavedDto(ModelStage Stage, int Version);
public sealed record ModelRecordIdDto(int Id);
public sealed record MemberEndedDto(int Id, DateOnly? To);
public sealed record TaskSavedDto(int Id, PlanTaskStatus Status, int Progress, int Version);
public sealed record RatedDto(int Id, ReadinessRating Rating, int Version);
public sealed record ProposalSavedDto(int Id, ProposalStatus Status);
public sealed record ProposalAnsweredDto(int Id, ProposalStatus Status, int Version);
public sealed record CommitmentPublishedDto(int Number);
public sealed record SignedDto(DateTime SignedAt);
public sealed record FileDeletedDto(long Deleted);
public sealed record InspectionSavedDto(int Id, InspectionStatus Status, int Version);
public sealed record PracticeSavedDto(int Id, bool Published, int Version);
public sealed record PracticeAdoptedDto(int Id, int? AdoptedFromId);

public static class ModelDtos
{
    private static DateOnly Today => DateOnly.FromDateTime(VietnamTime.FromUtc(DateTime.UtcNow));

    public static ModelDto ToDto(ModelView v)
    {
        var m = v.Model;
        var today = Today;
        return new(v.Unit.Code, v.Unit.FullName, m.Id, m.Name, m.Kind, m.Year, m.Stage, ModelTemplates.StageName(m.Stage), m.PlanStart, m.LaunchedOn,
            m.LaunchPlace, m.LaunchGuests, m.LaunchMinutes, m.BoardName, m.DecisionNumber, m.DecisionDate, m.DecisionSigner, m.Regulation, m.Version,
            v.Board.Select(b => new BoardMemberDto(b.Id, b.FullName, b.Position, b.Role, b.From, b.To, b.EndReason, b.To == null)).ToList(),
            v.Tasks.Select(t => new PlanTaskDto(t.Id, t.Order, t.Title, t.Owner, t.Due, t.Status, t.Progress, t.Evidence, t.Version,
                t.Status != PlanTaskStatus.Done && t.Due < today)).ToList(),
            v.Readiness.Select(r => new ReadinessDto(r.Id, r.Group, r.Condition, r.Rating, r.Gap, r.Needs, r.Version)).ToList(),
            v.Proposals.Select(ToDto).ToList(),
            v.Commitment is null ? null : new CommitmentDto(v.Commitment.Number, v.Commitment.Text, v.Commitment.PublishedAt),
            v.Officials.Select(o => new OfficialDto(o.FullName, o.Title, o.SignedAt is not null, o.SignedAt)).ToList(),
            v.Figures, v.Events.Select(ToDto).ToList(),
            v.Files.Select(f => new ModelFileDto(f.Id, f.Kind, f.OwnerId, f.FileName, f.ContentType, f.Size, f.UploadedAt, f.Url)).ToList());
    }

    public static ModelEventDto ToDto(ModelEvent e) => new(e.Id, e.Kind, e.Date, e.Place, e.Content, e.Audience, e.Village, e.Participants,
        e.ParticipantList?.Split('\n') ?? [], e.Materials, e.Version);

    public static InspectionDto ToDto(InspectionView v)
    {
        var i = v.Inspection;
        return new(i.Id, v.CommuneCode, v.Commune, v.InspectingUnit, i.Subject, i.PlannedOn, i.DoneOn, i.Team, i.Findings, i.Status, i.CancelReason, i.Version,
            v.Recommendations.Select(ToDto).ToList());
    }

    public static RecommendationDto ToDto(InspectionRecommendation r) => new(r.Id, r.Content, r.Deadline, r.Status, Inspections.Overdue(r, Today), r.Report,
        r.ReportedAt, r.ReportedBy, r.ReviewNote, r.ClosedAt, r.Version);

    public static PracticeDto ToDto(PracticeRow r)
    {
        var p = r.Practice;
        return new(p.Id, r.CommuneCode, r.Commune, p.Title, p.Field, p.Description, p.Results, p.StartedOn, p.Published, p.PublishedAt, p.AdoptedFromId,
            p.AdoptedFromUnit, r.Adoptions, p.Version);
    }

    public static ProposalDto ToDto(ModelProposal p) => new(p.Id, p.Title, p.Content, p.RaisedAt, p.RaisedBy, p.Status, p.Answer, p.Decision,
        p.DecisionDeadline, p.AnsweredAt, p.AnsweredBy, p.AnsweringUnit, p.ReadinessItemId, p.Version);
}
