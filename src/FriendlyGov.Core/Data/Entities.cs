using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Identity;


namespace FriendlyGov.Core.Data;

/// <summary>A row that belongs to one commune (or a supervising unit). The tenant filter and the save guard key on it.</summary>
public interface IUnitOwned
{
    int UnitId { get; set; }
}

/// <summary>Đơn vị hành chính: province, (former) district, commune, village.</summary>
public class AdministrativeUnit
{
    public int Id { get; set; }
    /// <summary>Official code from the national list of administrative units (mã đơn vị hành chính).</summary>
    [NotPersonal]
    public required string Code { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    public UnitType Type { get; set; }
    public UnitLevel Level { get; set; }
    public int? ParentId { get; set; }
    public AdministrativeUnit? Parent { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>Last day in force; null while the unit exists.</summary>
    public DateOnly? EffectiveTo { get; set; }
    /// <summary>The unit this one was merged into.</summary>
    public int? SuccessorId { get; set; }
    /// <summary>Electronic unit identifier (mã định danh điện tử, TT 10/2016/TT-BTTTT), prefix of dossier codes.</summary>
    [NotPersonal]
    public string? Identifier { get; set; }
    /// <summary>Application-managed concurrency token (SQLite has no rowversion).</summary>
    public int Version { get; set; }

    public string FullName => UnitTypes.FullName(Type, Name);
    public bool IsCurrent => EffectiveTo is null && SuccessorId is null;

    public UnitFacts ToFacts(int? provinceId) => new(Id, Code, Name, Type, ParentId, provinceId, EffectiveFrom, EffectiveTo, SuccessorId);
}

public enum UnitEventKind
{
    Established = 1, // thành lập
    Renamed = 2,     // đổi tên
    Reparented = 3,  // chuyển đơn vị cấp trên
    MergedInto = 4,  // sáp nhập vào
    Ended = 5,       // chấm dứt hoạt động
}

/// <summary>One change in a unit's life, kept so records made before it keep their old names and places.</summary>
public class UnitEvent
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public UnitEventKind Kind { get; set; }
    public DateOnly Effective { get; set; }
    [NotPersonal]
    public string? OldName { get; set; }
    [NotPersonal]
    public string? NewName { get; set; }
    public int? OldParentId { get; set; }
    public int? NewParentId { get; set; }
    /// <summary>For a merge: the new unit (on each source) or nothing.</summary>
    public int? RelatedUnitId { get; set; }
    /// <summary>The legal act behind the change, e.g. "Nghị quyết số 1661/NQ-UBTVQH15".</summary>
    [NotPersonal]
    public string? LegalBasis { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>The public face of a commune: contacts and office hours on its home page.</summary>
public class CommuneProfile : IUnitOwned
{
    public int UnitId { get; set; }
    [NotPersonal]
    public string? Address { get; set; }
    [NotPersonal]
    public string? Phone { get; set; }
    [NotPersonal]
    public string? Email { get; set; }
    [NotPersonal]
    public string? OfficeHours { get; set; }
    [NotPersonal]
    public string? Introduction { get; set; }
    [NotPersonal]
    public string? ChairpersonName { get; set; }
    /// <summary>Where the commune's office stands (WGS 84), for the supervisors' map.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>
    /// A petition's answer goes to the sender and the board only once a leader approves it, unless the commune turns this off
    /// (on by default: the field is the exception).
    /// </summary>
    public bool PetitionAnswersWithoutApproval { get; set; }
    public int Version { get; set; }
}

/// <summary>An entry of the government's yearly table of days off and make-up working days (national, edited by an administrator).</summary>
public class CalendarDayOverride
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public bool Working { get; set; }
    [NotPersonal]
    public required string Reason { get; set; }
}

/// <summary>A commune's reception hours; without a row the defaults apply (07:00–11:30, 13:30–17:00).</summary>
public class UnitOfficeHours : IUnitOwned
{
    public int UnitId { get; set; }
    public TimeOnly MorningStart { get; set; }
    public TimeOnly MorningEnd { get; set; }
    public TimeOnly AfternoonStart { get; set; }
    public TimeOnly AfternoonEnd { get; set; }
    public bool SaturdayMorning { get; set; }
    public TimeOnly SameDayCutoff { get; set; }
    public int Version { get; set; }

    public OfficeHours ToDomain() => new(MorningStart, MorningEnd, AfternoonStart, AfternoonEnd, SaturdayMorning, SameDayCutoff);
}

public enum OnlineLevel
{
    None = 0,    // chỉ nộp trực tiếp / bưu chính
    Partial = 1, // dịch vụ công trực tuyến một phần
    Full = 2,    // dịch vụ công trực tuyến toàn trình
}

/// <summary>A document the applicant hands in: how many originals and copies, and the form it uses, if any.</summary>
public sealed record ProcedureDocument(string Name, int Originals, int Copies, string? Form, bool Required = true);

/// <summary>One step of the internal workflow: who does it and how many working days it may take.</summary>
public sealed record ProcedureStep(string Name, string Role, decimal BudgetDays);

/// <summary>
/// Thủ tục hành chính as a commune posts it. A row of a province (UnitId = the province) is a template that communes copy.
/// Documents and workflow are kept with the procedure as JSON, so each version is saved, audited and exported whole.
/// </summary>
public class Procedure : IUnitOwned
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>Code in the national database of administrative procedures, e.g. "1.001193".</summary>
    [NotPersonal]
    public required string Code { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    /// <summary>Lĩnh vực, e.g. "Hộ tịch", "Chứng thực".</summary>
    [NotPersonal]
    public required string Field { get; set; }
    [NotPersonal]
    public string? LegalBasis { get; set; }
    /// <summary>Trình tự thực hiện: the steps as the applicant sees them.</summary>
    [NotPersonal]
    public string? ApplicantSteps { get; set; }
    public bool InPerson { get; set; } = true;
    public bool Online { get; set; }
    public bool ByPost { get; set; }
    /// <summary>Working days; null for a same-day procedure ("trong ngày").</summary>
    public decimal? TimeLimitDays { get; set; }
    /// <summary>Lệ phí / phí as posted ("Miễn lệ phí", "2.000 đồng/trang"…).</summary>
    [NotPersonal]
    public string? Fee { get; set; }
    [NotPersonal]
    public string? Result { get; set; }
    [NotPersonal]
    public string? WhoMayApply { get; set; }
    public OnlineLevel OnlineLevel { get; set; }
    public bool Published { get; set; } = true;
    [NotPersonal]
    public string DocumentsJson { get; set; } = "[]";
    [NotPersonal]
    public string WorkflowJson { get; set; } = "[]";
    public int Version { get; set; }

    public List<ProcedureDocument> Documents
    {
        get => System.Text.Json.JsonSerializer.Deserialize<List<ProcedureDocument>>(DocumentsJson, Json) ?? [];
        set => DocumentsJson = System.Text.Json.JsonSerializer.Serialize(value, Json);
    }

    public List<ProcedureStep> Workflow
    {
        get => System.Text.Json.JsonSerializer.Deserialize<List<ProcedureStep>>(WorkflowJson, Json) ?? [];
        set => WorkflowJson = System.Text.Json.JsonSerializer.Serialize(value, Json);
    }

    public bool SameDay => TimeLimitDays is null;
}

public enum DossierChannel { InPerson = 1, Online = 2, Post = 3 } // trực tiếp · trực tuyến · bưu chính công ích

/// <summary>Hồ sơ thủ tục hành chính. The procedure's name and limit are copied in: a later catalog change does not rewrite history.</summary>
public class Dossier : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [NotPersonal]
    public required string Code { get; set; }
    /// <summary>Random key of the public tracking link (QR on the receipt): reveals nothing and cannot be guessed.</summary>
    [Secret]
    public required string TrackingKey { get; set; }
    public int ProcedureId { get; set; }
    [NotPersonal]
    public required string ProcedureCode { get; set; }
    [NotPersonal]
    public required string ProcedureName { get; set; }
    public decimal? TimeLimitDays { get; set; }
    public DossierChannel Channel { get; set; }
    public DossierStatus Status { get; set; }
    [Personal]
    public required string ApplicantName { get; set; }
    /// <summary>Personal data (Decree 13/2023): shown in full only to the commune's staff handling dossiers.</summary>
    [Personal]
    public required string CitizenId { get; set; }
    [Personal]
    public required string Phone { get; set; }
    [Personal]
    public required string Address { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>Appointment to return the result (UTC; shown in Vietnam time).</summary>
    public DateTime? AppointedAt { get; set; }
    [NotPersonal]
    public string? ReceivedByName { get; set; }
    [NotPersonal]
    public string? MissingDocuments { get; set; }
    /// <summary>The documents handed in at the counter, one per line, as listed on the receipt (Mẫu 01).</summary>
    [NotPersonal]
    public string? ReceivedDocuments { get; set; }
    [NotPersonal]
    public string? RefusalReason { get; set; }
    [Personal]
    public string? CitizenUserId { get; set; }
    /// <summary>Who received the result when it was returned.</summary>
    [Personal]
    public string? ReturnedTo { get; set; }
    /// <summary>Mẫu 04: the apology for a late dossier, its reason and the new date, drafted by the handler, approved by the leader.</summary>
    [NotPersonal]
    public string? ApologyReason { get; set; }
    public DateTime? ApologyNewDate { get; set; }
    [NotPersonal]
    public string? ApologyDraftedBy { get; set; }
    [NotPersonal]
    public string? ApologyApprovedBy { get; set; }
    public DateTime? ApologyApprovedAt { get; set; }
    /// <summary>
    /// The official who holds the dossier at its current step (one person at a time), or null while it waits in the queue of
    /// the step's role (<see cref="Domain.DossierLifecycle.WaitingFor"/>), where anyone of that role may take it.
    /// </summary>
    [NotPersonal]
    public string? AssigneeId { get; set; }
    public int Version { get; set; }
}

/// <summary>A row of the dossier's history, and of the control slip (Mẫu 06) where it is a hand-over.</summary>
public class DossierStep : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int DossierId { get; set; }
    public DateTime At { get; set; }
    public DossierAction Action { get; set; }
    public DossierStatus Status { get; set; }
    [NotPersonal]
    public string? ByName { get; set; }
    /// <summary>The account that acted: a rating of the dossier is credited to the official who returned the result.</summary>
    [NotPersonal]
    public string? ByUserId { get; set; }
    /// <summary>The role the dossier was handed to (control slip: "to whom").</summary>
    [NotPersonal]
    public string? ToRole { get; set; }
    /// <summary>The official the dossier was handed or assigned to (control slip: "to whom", by name).</summary>
    [NotPersonal]
    public string? ToUserId { get; set; }
    /// <summary>Control slip verdict of a hand-over: Trước hạn / Đúng hạn / Quá hạn.</summary>
    public HandOverResult? Verdict { get; set; }
    [NotPersonal]
    public string? Note { get; set; }
}

/// <summary>A document uploaded with an online dossier. Kept in the database so a backup holds everything.</summary>
public class DossierFile : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int DossierId { get; set; }
    [NotPersonal]
    public required string DocumentName { get; set; }
    [Personal]
    public required string FileName { get; set; }
    [NotPersonal]
    public required string ContentType { get; set; }
    public long Size { get; set; }
    [NotPersonal]
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>The day's last dossier number per unit: codes restart at 0001 each day.</summary>
public class DossierDaySequence : IUnitOwned
{
    public int UnitId { get; set; }
    public DateOnly Day { get; set; }
    public int Last { get; set; }
    public int Version { get; set; }
}

/// <summary>A form (mẫu đơn, tờ khai) attached to a posted procedure, for citizens to download and fill in.</summary>
public class ProcedureForm : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ProcedureId { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    [NotPersonal]
    public required string FileName { get; set; }
    [NotPersonal]
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>Rows that are never changed or deleted once written (ratings): the context refuses, and so does the database.</summary>
public interface IAppendOnly;

public enum RatingSource { Dossier = 1, Kiosk = 2, Public = 3, Petition = 4 } // sau trả kết quả · tại quầy · trên cổng · sau trả lời PAKN

/// <summary>
/// Một phiếu đánh giá: one citizen's rating, immutable once sent. Aspects are five digits (0 = not answered, 1–5 = the level of
/// <see cref="SipasAspect"/> 1–5); the code is twelve digits (0 không rõ, 1 có, 2 không) in the order of the officials' code.
/// </summary>
public class Rating : IUnitOwned, IAppendOnly
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public DateTime At { get; set; }
    public RatingSource Source { get; set; }
    public int? DossierId { get; set; }
    /// <summary>The petition whose answer the sender rated (one rating per petition).</summary>
    public int? PetitionId { get; set; }
    [NotPersonal]
    public string? ProcedureCode { get; set; }
    [NotPersonal]
    public string? ProcedureName { get; set; }
    /// <summary>The official the rating is about (the one who returned the result, the officer on duty, or the citizen's choice).</summary>
    [NotPersonal]
    public string? OfficialId { get; set; }
    [NotPersonal]
    public string? OfficialName { get; set; }
    public long? KioskSessionId { get; set; }
    /// <summary>The kiosk's own id for the rating, so a rating resent after a network drop is stored once.</summary>
    [Personal]
    public string? ClientKey { get; set; }
    public SatisfactionLevel Overall { get; set; }
    [NotPersonal]
    public string Aspects { get; set; } = "00000";
    [NotPersonal]
    public string Code { get; set; } = "000000000000";
    [Personal]
    public string? Comment { get; set; }
    [Personal]
    public string? ContactName { get; set; }
    [Personal]
    public string? ContactPhone { get; set; }
    public bool WantsReply { get; set; }
    /// <summary>SHA-256 of the client address (never the address itself), for flood checks.</summary>
    [Personal]
    public string? ClientHash { get; set; }
    /// <summary>SHA-256 of what was answered, for detecting floods of identical submissions.</summary>
    [Personal]
    public required string ContentHash { get; set; }

    public IReadOnlyList<CodeAnswer> CodeAnswers => Code.Select(c => (CodeAnswer)(c - '0')).ToList();
    public SatisfactionLevel? Aspect(SipasAspect a)
    {
        var c = Aspects[(int)a - 1];
        return c == '0' ? null : (SatisfactionLevel)(c - '0');
    }
}

public enum FollowUpStatus { Open = 1, InProgress = 2, Closed = 3 } // chưa xử lý · đang xử lý · đã xong

/// <summary>"Biết xin lỗi, biết cảm ơn": what the commune did about an unhappy rating.</summary>
public class RatingFollowUp : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public long RatingId { get; set; }
    public DateTime OpenedAt { get; set; }
    /// <summary>Five working days on the commune's calendar after the rating.</summary>
    public DateTime DueAt { get; set; }
    public FollowUpStatus Status { get; set; } = FollowUpStatus.Open;
    public DateTime? ContactedAt { get; set; }
    /// <summary>How the citizen was reached: phone, visit, letter…</summary>
    [Personal]
    public string? ContactNote { get; set; }
    /// <summary>The explanation or apology given.</summary>
    [NotPersonal]
    public string? Explanation { get; set; }
    /// <summary>What was changed so it does not happen again.</summary>
    [NotPersonal]
    public string? Changes { get; set; }
    public DateTime? ClosedAt { get; set; }
    [NotPersonal]
    public string? HandledByName { get; set; }
    public int Version { get; set; }
}

/// <summary>A counter tablet in kiosk mode, started by an officer from their account; ratings taken on it are theirs.</summary>
public class KioskSession : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>Random; carried in the kiosk's own cookie.</summary>
    [Secret]
    public required string Key { get; set; }
    [NotPersonal]
    public required string OfficerId { get; set; }
    [NotPersonal]
    public required string OfficerName { get; set; }
    [NotPersonal]
    public string? OfficerTitle { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>The end of the working day it was started on, unless ended earlier.</summary>
    public DateTime ExpiresAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

/// <summary>
/// Lĩnh vực phản ánh of one commune (the Open311 "service"). A commune without rows uses <see cref="PetitionCategories.Defaults"/>;
/// its first edit copies them in. A default assignee is the routing rule: new petitions of the category go to that official.
/// </summary>
public class PetitionCategory : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [NotPersonal]
    public required string Code { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    [NotPersonal]
    public string? Description { get; set; }
    [NotPersonal]
    public string? DefaultAssigneeId { get; set; }
    public bool Active { get; set; } = true;
    public int Order { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// Phản ánh, kiến nghị. Sender data is personal data (Decree 13/2023): the public sees the name only when the sender chose so,
/// and never the phone or address. The category's name is copied in, so renaming a category does not rewrite history.
/// </summary>
public class Petition : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>Reference code given to the sender (mã phản ánh).</summary>
    [NotPersonal]
    public required string Code { get; set; }
    /// <summary>Random key of the sender's private link; moves to the new record when the petition is transferred.</summary>
    [Secret]
    public required string TrackingKey { get; set; }
    public PetitionChannel Channel { get; set; }
    [NotPersonal]
    public required string CategoryCode { get; set; }
    [NotPersonal]
    public required string CategoryName { get; set; }
    [Personal]
    public required string Title { get; set; }
    [Personal]
    public required string Content { get; set; }
    [Personal]
    public required string SenderName { get; set; }
    [Personal]
    public string? SenderPhone { get; set; }
    [Personal]
    public string? SenderEmail { get; set; }
    [Personal]
    public string? SenderAddress { get; set; }
    /// <summary>The sender agreed to show their name on the public board.</summary>
    public bool ShowName { get; set; }
    /// <summary>The sender agreed that the petition and its answer are published (without personal data).</summary>
    public bool ConsentPublish { get; set; }
    public int? VillageId { get; set; }
    [NotPersonal]
    public string? VillageName { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>Where, in the sender's words (address_string of Open311).</summary>
    [Personal]
    public string? Place { get; set; }
    /// <summary>For petitions raised at a village meeting or a meeting with voters: which one (name, date).</summary>
    [NotPersonal]
    public string? Meeting { get; set; }
    public DateTime SubmittedAt { get; set; }
    /// <summary>When the deadlines start: submission, or arrival by transfer.</summary>
    public DateTime ClockStart { get; set; }
    /// <summary>The answer deadline, moved by pauses (UTC).</summary>
    public DateTime DueAt { get; set; }
    public DateTime? PausedAt { get; set; }
    /// <summary>Working minutes the clock was paused in earlier waits for information.</summary>
    public double PausedMinutes { get; set; }
    public PetitionStatus Status { get; set; }
    [NotPersonal]
    public string? AssigneeId { get; set; }
    [NotPersonal]
    public string? AssigneeName { get; set; }
    [NotPersonal]
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
    [NotPersonal]
    public string? AnsweredByName { get; set; }
    /// <summary>The answer the handler proposed, waiting for the leader's approval: never shown to the sender or the public.</summary>
    [NotPersonal]
    public string? DraftAnswer { get; set; }
    [NotPersonal]
    public string? DraftedByName { get; set; }
    /// <summary>The leader who approved the answer before it was sent and published, as they sign (full name, title).</summary>
    [NotPersonal]
    public string? AnswerApprovedBy { get; set; }
    public DateTime? AnswerApprovedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public RejectionGround? RejectionGround { get; set; }
    [NotPersonal]
    public string? RejectionReason { get; set; }
    public int? TransferredToUnitId { get; set; }
    public int? TransferredFromId { get; set; }
    /// <summary>A duplicate is linked to the petition whose answer serves both.</summary>
    public int? DuplicateOfId { get; set; }
    public bool? SenderSatisfied { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    /// <summary>A "not satisfied" reopens the petition for the leader once.</summary>
    public int ReopenCount { get; set; }
    /// <summary>The partner app (Open311) it came through, if any.</summary>
    public int? PartnerAppId { get; set; }
    /// <summary>A link the partner app sent with it (never fetched by the server).</summary>
    [Personal]
    public string? MediaUrl { get; set; }
    public int Version { get; set; }
}

/// <summary>A row of a petition's history. Public rows (status changes, the answer) are shown on the sender's link.</summary>
public class PetitionEvent : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int PetitionId { get; set; }
    public DateTime At { get; set; }
    public PetitionAction Action { get; set; }
    public PetitionStatus Status { get; set; }
    [NotPersonal]
    public string? ByName { get; set; }
    [NotPersonal]
    public string? ByUserId { get; set; }
    [NotPersonal]
    public string? Note { get; set; }
}

/// <summary>A photo sent with a petition: re-encoded as JPEG on arrival, so no camera metadata (place, device) survives.</summary>
public class PetitionPhoto : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int PetitionId { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>A partner application allowed to file petitions through Open311 (the api_key). Only the key's hash is kept.</summary>
public class PartnerApp
{
    public int Id { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    [Secret]
    public required string KeyHash { get; set; }
    [Personal]
    public string? Contact { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

/// <summary>Mô hình "Chính quyền thân thiện" of one commune: one record per commune, pilot or replicated.</summary>
public class CommuneModel : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    public ModelKind Kind { get; set; }
    public int Year { get; set; }
    public ModelStage Stage { get; set; } = ModelStage.Chosen;
    public DateOnly? PlanStart { get; set; }
    public DateOnly? LaunchedOn { get; set; }
    [NotPersonal]
    public string? LaunchPlace { get; set; }
    [NotPersonal]
    public string? LaunchGuests { get; set; }
    [NotPersonal]
    public string? LaunchMinutes { get; set; }
    /// <summary>Quyết định thành lập Ban Chỉ đạo / Ban Điều hành.</summary>
    [NotPersonal]
    public string? BoardName { get; set; }
    [NotPersonal]
    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }
    [NotPersonal]
    public string? DecisionSigner { get; set; }
    /// <summary>Quy chế hoạt động của Ban.</summary>
    [NotPersonal]
    public string? Regulation { get; set; }
    /// <summary>For a replicated model: the pilot commune it was built from.</summary>
    public int? PilotUnitId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>Thành viên Ban Chỉ đạo. A member who leaves keeps the row with the end date: the board's history.</summary>
public class BoardMember : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    [NotPersonal]
    public required string FullName { get; set; }
    /// <summary>Chức vụ, e.g. "Bí thư Đảng ủy xã".</summary>
    [NotPersonal]
    public required string Position { get; set; }
    public BoardRole Role { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    [NotPersonal]
    public string? EndReason { get; set; }
}

/// <summary>Một nhiệm vụ trong kế hoạch xây dựng mô hình.</summary>
public class ModelPlanTask : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public int Order { get; set; }
    [NotPersonal]
    public required string Title { get; set; }
    [NotPersonal]
    public string? Owner { get; set; }
    public DateOnly Due { get; set; }
    public PlanTaskStatus Status { get; set; } = PlanTaskStatus.NotStarted;
    public int Progress { get; set; }
    /// <summary>What shows it was done: document numbers, where the photos are.</summary>
    [NotPersonal]
    public string? Evidence { get; set; }
    public int Version { get; set; }
}

/// <summary>Một điều kiện trong rà soát, đánh giá điều kiện thực hiện mô hình.</summary>
public class ReadinessItem : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public ReadinessGroup Group { get; set; }
    [NotPersonal]
    public required string Condition { get; set; }
    public ReadinessRating Rating { get; set; }
    [NotPersonal]
    public string? Gap { get; set; }
    [NotPersonal]
    public string? Needs { get; set; }
    public int Version { get; set; }
}

/// <summary>Đề xuất tháo gỡ khó khăn, vướng mắc: raised by the commune, answered by the supervising board.</summary>
public class ModelProposal : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public int? ReadinessItemId { get; set; }
    [NotPersonal]
    public required string Title { get; set; }
    [NotPersonal]
    public required string Content { get; set; }
    public DateTime RaisedAt { get; set; }
    [NotPersonal]
    public string? RaisedBy { get; set; }
    public ProposalStatus Status { get; set; } = ProposalStatus.Open;
    [NotPersonal]
    public string? Answer { get; set; }
    /// <summary>What the supervising board decided to do, and by when.</summary>
    [NotPersonal]
    public string? Decision { get; set; }
    public DateOnly? DecisionDeadline { get; set; }
    public DateTime? AnsweredAt { get; set; }
    [NotPersonal]
    public string? AnsweredBy { get; set; }
    [NotPersonal]
    public string? AnsweringUnit { get; set; }
    public int Version { get; set; }
}

/// <summary>A version of the commune's commitment text. A new version asks every official to sign again.</summary>
public class CommitmentText : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public int Number { get; set; }
    [NotPersonal]
    public required string Text { get; set; }
    public DateTime PublishedAt { get; set; }
    [NotPersonal]
    public string? PublishedBy { get; set; }
}

/// <summary>Chữ ký cam kết: the signed-in account, the full name typed, the time. Never changed.</summary>
public class CommitmentSignature : IUnitOwned, IAppendOnly
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int TextId { get; set; }
    [NotPersonal]
    public required string UserId { get; set; }
    [NotPersonal]
    public required string TypedName { get; set; }
    public DateTime SignedAt { get; set; }
}

/// <summary>Một buổi tập huấn hoặc tuyên truyền về mô hình.</summary>
public class ModelEvent : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public ModelEventKind Kind { get; set; }
    public DateOnly Date { get; set; }
    [NotPersonal]
    public required string Place { get; set; }
    [NotPersonal]
    public required string Content { get; set; }
    public EventAudience Audience { get; set; }
    /// <summary>For an event with the people of a village: which village (thôn, bản).</summary>
    [NotPersonal]
    public string? Village { get; set; }
    public int Participants { get; set; }
    /// <summary>Danh sách người tham dự, one per line (officials and village heads; a villagers' meeting keeps the count).</summary>
    [Personal]
    public string? ParticipantList { get; set; }
    /// <summary>Tài liệu: what was handed out or shown.</summary>
    [NotPersonal]
    public string? Materials { get; set; }
    [NotPersonal]
    public string? RecordedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>Một cách làm hay ("Dân vận khéo"): published, other communes read it and may adopt it into their own register.</summary>
public class GoodPractice : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [NotPersonal]
    public required string Title { get; set; }
    [NotPersonal]
    public string? Field { get; set; }
    /// <summary>Cách làm: what was done, how, with whom.</summary>
    [NotPersonal]
    public required string Description { get; set; }
    /// <summary>Kết quả, hiệu quả: what changed, with figures where there are some.</summary>
    [NotPersonal]
    public required string Results { get; set; }
    public DateOnly? StartedOn { get; set; }
    public bool Published { get; set; }
    public DateTime? PublishedAt { get; set; }
    /// <summary>For a practice adopted from another commune: the original.</summary>
    public int? AdoptedFromId { get; set; }
    [NotPersonal]
    public string? AdoptedFromUnit { get; set; }
    public DateTime CreatedAt { get; set; }
    [NotPersonal]
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>Một cuộc kiểm tra, giám sát of a commune by the supervising board. UnitId is the commune inspected.</summary>
public class Inspection : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int InspectingUnitId { get; set; }
    [NotPersonal]
    public required string Subject { get; set; }
    public DateOnly PlannedOn { get; set; }
    public DateOnly? DoneOn { get; set; }
    /// <summary>Thành phần đoàn.</summary>
    [NotPersonal]
    public string? Team { get; set; }
    /// <summary>Kết quả kiểm tra: what was found, good and not.</summary>
    [NotPersonal]
    public string? Findings { get; set; }
    public InspectionStatus Status { get; set; } = InspectionStatus.Planned;
    [NotPersonal]
    public string? CancelReason { get; set; }
    [NotPersonal]
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>Một kiến nghị sau kiểm tra: what the commune must do by when, its report, and the board's acceptance.</summary>
public class InspectionRecommendation : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int InspectionId { get; set; }
    [NotPersonal]
    public required string Content { get; set; }
    public DateOnly Deadline { get; set; }
    public RecommendationStatus Status { get; set; } = RecommendationStatus.Open;
    [NotPersonal]
    public string? Report { get; set; }
    public DateTime? ReportedAt { get; set; }
    [NotPersonal]
    public string? ReportedBy { get; set; }
    [NotPersonal]
    public string? ReviewNote { get; set; }
    public DateTime? ClosedAt { get; set; }
    [NotPersonal]
    public string? ClosedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>A file of the model: launch photos, minutes, the founding decision, the regulation, evidence of a task, training material.</summary>
public class ModelFile : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int ModelId { get; set; }
    public ModelFileKind Kind { get; set; }
    /// <summary>The plan task or event the file belongs to, for those kinds.</summary>
    public int? OwnerId { get; set; }
    [NotPersonal]
    public required string FileName { get; set; }
    [NotPersonal]
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UploadedAt { get; set; }
    [NotPersonal]
    public string? UploadedBy { get; set; }
}

/// <summary>
/// Một nội dung công khai on the commune's electronic notice board. A correction is a new row (Number + 1, PreviousId) and the
/// old one, once the correction is posted, stays visible as superseded. Taking down early needs a reason and keeps the row.
/// </summary>
public class Disclosure : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public DisclosureCategory Category { get; set; }
    [NotPersonal]
    public required string Title { get; set; }
    [NotPersonal]
    public string? DocumentNumber { get; set; }
    public DateOnly? DocumentDate { get; set; }
    [NotPersonal]
    public required string Summary { get; set; }
    /// <summary>Diacritic-free words of title, number and summary, for the public search.</summary>
    [NotPersonal]
    public string SearchText { get; set; } = "";
    public int PostingDays { get; set; }
    public DateOnly? PostedOn { get; set; }
    [NotPersonal]
    public string? PostedBy { get; set; }
    public DateTime? TakenDownAt { get; set; }
    [NotPersonal]
    public string? TakeDownReason { get; set; }
    [NotPersonal]
    public string? TakenDownBy { get; set; }
    public DateTime? ArchivedAt { get; set; }
    /// <summary>1 for the first text; each correction adds one.</summary>
    public int Number { get; set; } = 1;
    public int? PreviousId { get; set; }
    public int? SupersededById { get; set; }
    /// <summary>A table imported from Excel (budget figures): JSON, the first row the header.</summary>
    [NotPersonal]
    public string? TableJson { get; set; }
    public DateTime CreatedAt { get; set; }
    [NotPersonal]
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>An attachment of a disclosure: PDF, image (re-encoded) or Excel, recognised by content.</summary>
public class DisclosureFile : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int DisclosureId { get; set; }
    [NotPersonal]
    public required string FileName { get; set; }
    [NotPersonal]
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>Một dự án giải phóng mặt bằng: the households it touches, the meetings held with the people, its documents on the board.</summary>
public class ClearanceProject : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    [NotPersonal]
    public required string Purpose { get; set; }
    [NotPersonal]
    public string? Investor { get; set; }
    /// <summary>Thôn, bản the project crosses, comma-separated as typed.</summary>
    [NotPersonal]
    public string? Villages { get; set; }
    public decimal? AffectedAreaM2 { get; set; }
    [NotPersonal]
    public string? MapLink { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    /// <summary>The compensation and resettlement plan disclosed on the board (with its posting period).</summary>
    public int? PlanDisclosureId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>Một cuộc họp với nhân dân về dự án: date, village, attendees, minutes.</summary>
public class ProjectMeeting : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ProjectId { get; set; }
    public DateOnly Date { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    public int Attendees { get; set; }
    [NotPersonal]
    public required string Minutes { get; set; }
}

/// <summary>Một hộ bị ảnh hưởng. Names are personal data: the public sees counts unless the household agreed to be named.</summary>
public class AffectedHousehold : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ProjectId { get; set; }
    [Personal]
    public required string HeadName { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    public decimal AffectedAreaM2 { get; set; }
    [Personal]
    public string? Assets { get; set; }
    [Personal]
    public string? Phone { get; set; }
    public HouseholdStatus Status { get; set; } = HouseholdStatus.Informed;
    [Personal]
    public string? NotAgreedReason { get; set; }
    public bool AgreesToBeNamed { get; set; }
    public int Version { get; set; }
}

/// <summary>Một lần đến gặp hộ chưa đồng thuận: who went, when, what was said.</summary>
public class HouseholdVisit : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int HouseholdId { get; set; }
    public DateOnly Date { get; set; }
    [NotPersonal]
    public required string VisitedBy { get; set; }
    [Personal]
    public required string Notes { get; set; }
}

/// <summary>Hiến đất mở rộng đường: a household's voluntary donation, thanked publicly if it agreed.</summary>
public class LandDonation : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [Personal]
    public required string HeadName { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    public decimal AreaM2 { get; set; }
    public decimal WallsMovedM { get; set; }
    [Personal]
    public string? TreesStructures { get; set; }
    public DateOnly AgreementDate { get; set; }
    /// <summary>The road or project it serves.</summary>
    [NotPersonal]
    public required string Road { get; set; }
    public int? ProjectId { get; set; }
    public bool ThankPublicly { get; set; }
    public int Version { get; set; }
}

/// <summary>Một nội dung đưa ra lấy ý kiến nhân dân (dân bàn, góp ý) between two dates; households may vote on it.</summary>
public class Consultation : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public ConsultationKind Kind { get; set; }
    [NotPersonal]
    public required string Title { get; set; }
    [NotPersonal]
    public required string Content { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    /// <summary>The area (a village) when the matter is a village's; null for the whole commune.</summary>
    [NotPersonal]
    public string? Village { get; set; }
    /// <summary>For a household vote: every household of the area, and the quorum (% of households voting).</summary>
    public int? Households { get; set; }
    public decimal QuorumPercent { get; set; } = 50;
    /// <summary>Tổng hợp ý kiến, published after the period closes.</summary>
    [NotPersonal]
    public string? Summary { get; set; }
    public DateTime? SummaryPublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

public class ConsultationComment : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int ConsultationId { get; set; }
    [Personal]
    public required string Name { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    [Personal]
    public required string Content { get; set; }
    public DateTime At { get; set; }
    [Personal]
    public string? ClientHash { get; set; }
    [NotPersonal]
    public string? HiddenReason { get; set; }
    [NotPersonal]
    public string? HiddenBy { get; set; }
    /// <summary>The commune's public answer to this comment, shown under it on the draft's page.</summary>
    [NotPersonal]
    public string? Reply { get; set; }
    public DateTime? RepliedAt { get; set; }
    /// <summary>The account that answered (papers and pages show the official's full name).</summary>
    [NotPersonal]
    public string? RepliedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>Giải trình, tiếp thu: one group of comments and how it was taken into account, or why not.</summary>
public class ConsultationResponse : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ConsultationId { get; set; }
    [NotPersonal]
    public required string Topic { get; set; }
    public int Comments { get; set; }
    public bool Accepted { get; set; }
    [NotPersonal]
    public required string Explanation { get; set; }
}

/// <summary>One household's vote on a consultation; one per household head and village.</summary>
public class HouseholdVote : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ConsultationId { get; set; }
    [Personal]
    public required string HeadName { get; set; }
    [NotPersonal]
    public required string Village { get; set; }
    public VoteChoice Choice { get; set; }
    public DateTime RecordedAt { get; set; }
    [NotPersonal]
    public string? RecordedBy { get; set; }
}

public class ApplicationUser : IdentityUser
{
    [Personal]
    public required string FullName { get; set; }
    /// <summary>The unit a staff account belongs to; null for citizens and system administrators.</summary>
    public int? UnitId { get; set; }
    /// <summary>Chức vụ, e.g. "Công chức Văn phòng - Thống kê".</summary>
    [NotPersonal]
    public string? JobTitle { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Nhật ký: one change to business data. Append-only; each entry chains the previous one's hash.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    /// <summary>The chain the entry belongs to: the unit it concerns, or 0 for the system's own records (accounts without a unit, the calendar).</summary>
    public int Chain { get; set; }
    /// <summary>Position in its chain, from 1.</summary>
    public long Seq { get; set; }
    public int? UnitId { get; set; }
    public DateTime At { get; set; }
    [NotPersonal] public string? UserId { get; set; }
    /// <summary>Who acted: an official's account name; citizens appear as "công dân" (their account name is their phone).</summary>
    [NotPersonal] public string? UserName { get; set; }
    [NotPersonal] public required string Action { get; set; }
    [NotPersonal] public required string Entity { get; set; }
    [NotPersonal] public required string EntityId { get; set; }
    /// <summary>JSON: the before/after values of the properties that changed; personal values only as keyed fingerprints.</summary>
    [NotPersonal] public required string Changes { get; set; }
    [NotPersonal] public required string PrevHash { get; set; }
    [NotPersonal] public required string Hash { get; set; }
    /// <summary><see cref="AuditChain.Keyed"/> for entries sealed with the audit key; <see cref="AuditChain.Legacy"/> for older ones not yet resealed.</summary>
    public int Format { get; set; } = AuditChain.Keyed;

    public AuditRecord ToRecord() => new(Chain, Seq, UnitId, At.Ticks, UserId, UserName, Action, Entity, EntityId, Changes, PrevHash, Hash, Format);
}

/// <summary>The last entry of one unit's chain: the row a writer of that unit locks, so units never wait on each other.</summary>
public class AuditChainHead
{
    public int Chain { get; set; }
    public long Seq { get; set; }
    [NotPersonal] public required string Hash { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A signed record of every chain's head (at least daily and on demand), chained to the previous checkpoint by its signature.
/// Exported off the machine by <c>audit-checkpoint --out</c> and published to the province on the audit page.
/// </summary>
public class AuditCheckpoint
{
    public long Id { get; set; }
    public long Seq { get; set; }
    public DateTime At { get; set; }
    /// <summary>daily · on-demand · reseal</summary>
    [NotPersonal] public required string Trigger { get; set; }
    /// <summary>"chain:seq:hash;…" in chain order.</summary>
    [NotPersonal] public required string Heads { get; set; }
    [NotPersonal] public required string PrevSignature { get; set; }
    [NotPersonal] public required string Signature { get; set; }

    public CheckpointRecord ToRecord() => new(Seq, At.Ticks, Trigger, CheckpointRecord.ParseHeads(Heads), PrevSignature, Signature);
}

/// <summary>One verification of the audit log (nightly, at start-up, on demand): a failure waits on the administrator's and the supervisor's desk.</summary>
public class AuditCheck
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>nightly · startup · manual</summary>
    [NotPersonal] public required string Trigger { get; set; }
    public bool Intact { get; set; }
    public long Entries { get; set; }
    public int Chains { get; set; }
    public int? BrokenChain { get; set; }
    public long? BrokenSeq { get; set; }
    [NotPersonal] public string? Reason { get; set; }
}

/// <summary>
/// The first answer to a create request with an Idempotency-Key header (API) or a one-time form token (pages), stored in
/// the same transaction as what it created, so a retry after a lost answer is answered again instead of creating twice.
/// Kept at least 24 hours.
/// </summary>
public class IdempotencyRecord
{
    public long Id { get; set; }
    /// <summary>Whose key: the account, the partner app, or "public" for anonymous requests (matched on the exact body too).</summary>
    [NotPersonal] public required string Client { get; set; }
    [Secret] public required string Key { get; set; }
    [NotPersonal] public required string RequestHash { get; set; }
    public int Status { get; set; }
    [NotPersonal] public string? ContentType { get; set; }
    [NotPersonal] public string? Location { get; set; }
    /// <summary>The first answer's body: may carry what the client sent, so it is kept only as long as retries need it.</summary>
    public byte[]? Body { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A counter of failed sign-ins (<see cref="Domain.SignInPolicy"/>): of a client address ("ip:…"), of an account from unknown
/// devices ("user:…"), or of an account on one known device ("device:…"). Security bookkeeping, not audited: an address is
/// personal data, kept only a day after the last failure.
/// </summary>
public class SignInThrottle
{
    [Personal] public required string Key { get; set; }
    public int Failures { get; set; }
    public DateTime FirstAt { get; set; }
    public DateTime LastAt { get; set; }
    public DateTime? BlockedUntil { get; set; }
}

public static class Roles
{
    public const string Citizen = "citizen";
    public const string CounterOfficer = "counter-officer";
    public const string Specialist = "specialist";
    public const string CommuneLeader = "commune-leader";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly string[] All = [Citizen, CounterOfficer, Specialist, CommuneLeader, Supervisor, Admin];
    /// <summary>Roles that work inside one commune.</summary>
    public static readonly string[] CommuneStaff = [CounterOfficer, Specialist, CommuneLeader];
    public static readonly string[] Staff = [CounterOfficer, Specialist, CommuneLeader, Supervisor, Admin];
}
