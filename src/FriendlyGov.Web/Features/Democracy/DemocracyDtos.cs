using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;

namespace FriendlyGov.Web.Features.Democracy;

// What the democracy endpoints answer, named so the OpenAPI document shows each schema. The JSON is the one the anonymous
// objects gave before: the public variants carry fewer fields, never a phone or a reason.

/// <summary>A draft put to comment, in the commune's list.</summary>
public sealed record ConsultationRowDto(int Id, ConsultationKind Kind, string Title, DateOnly OpensOn, DateOnly ClosesOn, string? Village, bool SummaryPublished);

/// <summary>A citizen's comment as the public reads it: no hidden ones, no moderation notes.</summary>
public sealed record PublicCommentDto(string Name, string Village, string Content, DateTime At, string? Reply, DateTime? RepliedAt);

/// <summary>A comment as the commune's staff moderate it.</summary>
public sealed record StaffCommentDto(long Id, string Name, string Village, string Content, DateTime At, bool Hidden, string? HiddenReason, string? Reply,
    DateTime? RepliedAt);

/// <summary>How the commune took a topic of the comments into account (accepted, or why not).</summary>
public sealed record ConsultationResponseDto(string Topic, int Comments, bool Accepted, string Explanation);

/// <summary>A consultation with its comments (<typeparamref name="TComment"/>: the public's or the staff's view), its summary once published, and its vote.</summary>
public sealed record ConsultationDto<TComment>(int Id, ConsultationKind Kind, string Title, string Content, DateOnly OpensOn, DateOnly ClosesOn, string? Village,
    bool Open, bool Closed, List<TComment> Comments, string? Summary, DateTime? SummaryPublishedAt, List<ConsultationResponseDto> Responses, VoteResult? Votes);

public sealed record PlanRefDto(int Id, string Title, DateOnly? PostedOn);
public sealed record VillageConsensusDto(string Village, Consensus Consensus);
public sealed record MeetingDto(DateOnly Date, string Village, int Attendees, string Minutes);
public sealed record VisitDto(DateOnly Date, string VisitedBy, string Notes);

/// <summary>A household as the public sees it, only when it agreed to be named.</summary>
public sealed record PublicHouseholdDto(string HeadName, string Village, HouseholdStatus Status);

/// <summary>A household as staff follow it; the phone only for the commune's own staff.</summary>
public sealed record StaffHouseholdDto(int Id, string HeadName, string Village, decimal AffectedAreaM2, string? Assets, string? Phone, HouseholdStatus Status,
    string? NotAgreedReason, bool AgreesToBeNamed, int Version, List<VisitDto> Visits);

/// <summary>A clearance project with its consensus, meetings and households (<typeparamref name="THousehold"/>: the public's or the staff's view).</summary>
public sealed record ProjectDto<THousehold>(int Id, string Name, string Purpose, string? Investor, string? Villages, decimal? AffectedAreaM2, string? MapLink,
    DateOnly? StartOn, DateOnly? EndOn, PlanRefDto? Plan, Consensus Consensus, List<VillageConsensusDto> ByVillage, List<MeetingDto> Meetings,
    List<THousehold> Households);

public sealed record ProjectRowDto(int Id, string Name, string? Villages, Consensus Consensus);

public sealed record DonorDto(string HeadName, string Village, string Road, decimal AreaM2, decimal WallsMovedM, string? TreesStructures, DateOnly AgreementDate);

/// <summary>The thank-you board: named donors, totals per village and road, and how many chose not to be named.</summary>
public sealed record ThanksDto(List<DonorDto> Donors, List<DonationTotals> ByVillage, List<DonationTotals> ByRoad, DonationTotals Total, int Unnamed);

public sealed record OverviewProjectDto(string Commune, string CommuneName, int Id, string Name, string? Villages, Consensus Consensus,
    List<VillageConsensusDto> ByVillage, int HandedOver, int Meetings, DateOnly? LastMeeting, int Visits, DateOnly? LastVisit, int NotAgreedUnvisited);

public sealed record OverviewDonationsDto(string Commune, string CommuneName, int Donors, decimal AreaM2, decimal WallsMovedM);
public sealed record ClearanceOverviewDto(List<OverviewProjectDto> Projects, List<OverviewDonationsDto> Donations);

/// <summary>The record the commune just wrote or changed, by its id.</summary>
public sealed record RecordIdDto(long Id);
public sealed record CommentCreatedDto(long Id, DateTime At);
public sealed record CommentRepliedDto(long Id, string? Reply, DateTime? RepliedAt);
public sealed record SummaryPublishedDto(int Id, DateTime? SummaryPublishedAt);
public sealed record HouseholdCreatedDto(int Id, int Version);
public sealed record HouseholdMovedDto(int Id, HouseholdStatus Status, int Version);

public static class DemocracyDtos
{
    public static ConsultationRowDto ToRow(Consultation c) => new(c.Id, c.Kind, c.Title, c.OpensOn, c.ClosesOn, c.Village, c.SummaryPublishedAt != null);

    public static ConsultationDto<PublicCommentDto> ToPublic(ConsultationView v) =>
        Of(v, v.Comments.Select(c => new PublicCommentDto(c.Name, c.Village, c.Content, c.At, c.Reply, c.RepliedAt)), v.Item.SummaryPublishedAt is null ? null : v.Item.Summary);

    public static ConsultationDto<StaffCommentDto> ToStaff(ConsultationView v) =>
        Of(v, v.Comments.Select(c => new StaffCommentDto(c.Id, c.Name, c.Village, c.Content, c.At, c.HiddenReason != null, c.HiddenReason, c.Reply, c.RepliedAt)), v.Item.Summary);

    private static ConsultationDto<T> Of<T>(ConsultationView v, IEnumerable<T> comments, string? summary) =>
        new(v.Item.Id, v.Item.Kind, v.Item.Title, v.Item.Content, v.Item.OpensOn, v.Item.ClosesOn, v.Item.Village, v.Open, v.Closed, comments.ToList(),
            summary, v.Item.SummaryPublishedAt, v.Responses.Select(r => new ConsultationResponseDto(r.Topic, r.Comments, r.Accepted, r.Explanation)).ToList(), v.Votes);

    /// <summary>The public sees counts, and names only of households who agreed to be named; phones and reasons never.</summary>
    public static ProjectDto<PublicHouseholdDto> ToPublic(ProjectView v) =>
        Of(v, v.Households.Where(h => h.AgreesToBeNamed).Select(h => new PublicHouseholdDto(h.HeadName, h.Village, h.Status)));

    /// <summary>Staff see every household; phones go only to the commune's own staff (<paramref name="phones"/>), not to the supervisors above it.</summary>
    public static ProjectDto<StaffHouseholdDto> ToStaff(ProjectView v, bool phones) =>
        Of(v, v.Households.Select(h => new StaffHouseholdDto(h.Id, h.HeadName, h.Village, h.AffectedAreaM2, h.Assets, phones ? h.Phone : null, h.Status,
            h.NotAgreedReason, h.AgreesToBeNamed, h.Version,
            v.Visits.Where(x => x.HouseholdId == h.Id).Select(x => new VisitDto(x.Date, x.VisitedBy, x.Notes)).ToList())));

    private static ProjectDto<T> Of<T>(ProjectView v, IEnumerable<T> households)
    {
        var p = v.Project;
        return new(p.Id, p.Name, p.Purpose, p.Investor, p.Villages, p.AffectedAreaM2, p.MapLink, p.StartOn, p.EndOn,
            v.Plan is null ? null : new PlanRefDto(v.Plan.Id, v.Plan.Title, v.Plan.PostedOn), v.Consensus, ToDto(v.ByVillage),
            v.Meetings.Select(m => new MeetingDto(m.Date, m.Village, m.Attendees, m.Minutes)).ToList(), households.ToList());
    }

    public static List<VillageConsensusDto> ToDto(List<VillageConsensus> byVillage) => byVillage.Select(x => new VillageConsensusDto(x.Village, x.Consensus)).ToList();

    public static ThanksDto ToDto((List<LandDonation> Named, List<DonationTotals> ByVillage, List<DonationTotals> ByRoad, DonationTotals All) t) =>
        new(t.Named.Select(d => new DonorDto(d.HeadName, d.Village, d.Road, d.AreaM2, d.WallsMovedM, d.TreesStructures, d.AgreementDate)).ToList(),
            t.ByVillage, t.ByRoad, t.All, t.All.Donors - t.Named.Count);

    public static ClearanceOverviewDto ToDto((List<OverviewRow> Projects, List<CommuneDonations> Donations) o) =>
        new(o.Projects.Select(r => new OverviewProjectDto(r.Commune.Code, r.Commune.Name, r.Project.Id, r.Project.Name, r.Project.Villages, r.Consensus,
                ToDto(r.ByVillage), r.HandedOver, r.Meetings, r.LastMeeting, r.Visits, r.LastVisit, r.NotAgreedUnvisited)).ToList(),
            o.Donations.Select(d => new OverviewDonationsDto(d.Commune.Code, d.Commune.Name, d.Totals.Donors, d.Totals.AreaM2, d.Totals.WallsMovedM)).ToList());
}
