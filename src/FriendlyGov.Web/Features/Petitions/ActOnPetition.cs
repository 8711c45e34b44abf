using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>A handling step. Which fields count depends on the action.</summary>
public sealed class PetitionActInput
{
    public PetitionAction Action { get; set; }
    /// <summary>The answer, the reason, the information asked for or received.</summary>
    public string? Note { get; set; }
    public string? AssigneeId { get; set; }
    public RejectionGround? Ground { get; set; }
    /// <summary>Transfer: the receiving unit's code (a commune or the province).</summary>
    public string? TargetUnit { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A handling step taken by staff (assign, start, ask for information, answer or propose an answer, approve or return it,
/// reject, transfer, close, reopen): who may take it is <see cref="PetitionRoles"/>'s rule, whether it can happen now the
/// petition's own (<see cref="Petition"/>); recorded in the petition's history and the audit log.
/// </summary>
public sealed class ActOnPetition(AppDbContext db, Calendars calendars, PetitionCatalog catalog, PetitionQueries queries, TimeProvider clock,
    IUnitScope scope, UnitAccess access, IOptions<PetitionDeadlines> deadlines, StaffNames names, Notifications.ChannelDirectory channels)
{
    public async Task<Outcome<Petition>> HandleAsync(string code, PetitionActInput input, ClaimsPrincipal actor)
    {
        var p = await db.Petitions.FirstOrDefaultAsync(x => x.Code == code);
        if (p is null || !await access.MayAsync(actor, p.UnitId, UnitOperations.Change) || !await access.MayAsync(actor, p.UnitId, UnitOperations.Read)) return Outcome<Petition>.NotFound();
        RefusedException.IfStale(input.Version, p.Version, "Phản ánh");
        if (!PetitionRoles.IsRequestable(input.Action)) return Outcome<Petition>.Invalid([new(nameof(input.Action), "Thao tác không hợp lệ.")]);
        var who = ActorOf(actor, p);
        var action = PetitionRoles.Effective(input.Action, who, !who.Leader && await AnswersNeedApprovalAsync(p.UnitId));
        var errors = new List<RuleViolation>();
        if (PetitionRoles.MayTake(action, who, input.Action) is { } role) errors.Add(role);
        if (p.Refuses(action) is { } state) errors.AddRange(state.Violations);
        var note = input.Note?.Trim();
        if (note?.Length > 8000) errors.Add(new(nameof(input.Note), "Tối đa 8.000 ký tự."));
        (string Id, string Name, string? Title) assignee = default;
        AdministrativeUnit? target = null;
        switch (action)
        {
            case PetitionAction.Assigned:
                assignee = (await catalog.StaffAsync(p.UnitId)).FirstOrDefault(s => s.Id == input.AssigneeId);
                if (assignee.Id is null) errors.Add(new(nameof(input.AssigneeId), "Chọn cán bộ của đơn vị để giao xử lý."));
                break;
            case PetitionAction.InfoRequested:
                if (string.IsNullOrWhiteSpace(note)) errors.Add(new(nameof(input.Note), "Ghi rõ thông tin cần người gửi bổ sung."));
                break;
            case PetitionAction.InfoProvided:
                if (string.IsNullOrWhiteSpace(note)) errors.Add(new(nameof(input.Note), "Ghi thông tin người gửi đã bổ sung."));
                break;
            case PetitionAction.Answered or PetitionAction.AnswerProposed:
                if (string.IsNullOrWhiteSpace(note) || note.Length < 10) errors.Add(new(nameof(input.Note), "Nhập nội dung trả lời (ít nhất 10 ký tự)."));
                break;
            case PetitionAction.AnswerApproved:
                // The leader may correct the wording as they approve; otherwise the proposed answer is sent as it is.
                if (string.IsNullOrWhiteSpace(note)) note = p.DraftAnswer;
                if (string.IsNullOrWhiteSpace(note) || note.Length < 10) errors.Add(new(nameof(input.Note), "Nhập nội dung trả lời (ít nhất 10 ký tự)."));
                break;
            case PetitionAction.AnswerReturned:
                if (string.IsNullOrWhiteSpace(note)) errors.Add(new(nameof(input.Note), "Ghi rõ nội dung cần sửa trong dự thảo trả lời."));
                break;
            case PetitionAction.Rejected:
                if (input.Ground is not { } g || !Enum.IsDefined(g)) errors.Add(new(nameof(input.Ground), "Chọn căn cứ không tiếp nhận."));
                if (string.IsNullOrWhiteSpace(note)) errors.Add(new(nameof(input.Note), "Ghi lý do để người gửi biết."));
                break;
            case PetitionAction.TransferredOut:
                target = string.IsNullOrWhiteSpace(input.TargetUnit) ? null
                    : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == input.TargetUnit.Trim() && u.SuccessorId == null
                        && (u.Level == UnitLevel.Commune || u.Level == UnitLevel.Province));
                if (target is null) errors.Add(new(nameof(input.TargetUnit), "Chọn xã hoặc tỉnh nhận phản ánh."));
                else if (target.Id == p.UnitId) errors.Add(new(nameof(input.TargetUnit), "Không chuyển cho chính đơn vị đang xử lý."));
                if (string.IsNullOrWhiteSpace(note)) errors.Add(new(nameof(input.Note), "Ghi lý do chuyển."));
                break;
        }
        if (errors.Count > 0) return Outcome<Petition>.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.ForUnitAsync(p.UnitId);
        var days = deadlines.Value.AnswerDays;
        var senderKey = p.TrackingKey; // moves with a transferred petition to the receiving unit's record
        await using var tx = await db.Database.BeginWorkAsync();
        var eventNote = note;
        var eventAction = action;
        var refused = action switch
        {
            PetitionAction.Assigned => p.Assign(assignee.Id!, assignee.Name!),
            PetitionAction.Started => p.Start(),
            PetitionAction.InfoRequested => p.RequestInfo(now),
            PetitionAction.InfoProvided => p.ProvideInfo(calendar, now, days),
            PetitionAction.AnswerProposed => p.ProposeAnswer(note!, scope.ActorName),
            PetitionAction.AnswerReturned => p.ReturnAnswer(),
            // A leader's own answer is approved as it is given; a handler's, where the commune needs no approval, is not. The
            // approval is signed as papers are: the leader's full name and title (StaffNames).
            PetitionAction.Answered or PetitionAction.AnswerApproved => p.GiveAnswer(action, note!, now, scope.ActorName,
                who.Leader ? await names.NameOfIdAsync(scope.ActorId, withTitle: true) ?? scope.ActorName : null),
            PetitionAction.Rejected => p.Reject(input.Ground!.Value, note!),
            PetitionAction.TransferredOut => p.TransferTo(target!.Id, PetitionRecords.NewKey()),
            PetitionAction.Closed => p.Close(),
            PetitionAction.Reopened => p.Reopen(calendar, now, days),
            _ => Failure.Rule(nameof(input.Action), "Thao tác không hợp lệ."),
        };
        // Checked above: the petition refuses now only what it refused then (a race is the Version token's, below).
        if (refused is not null) return Outcome<Petition>.Refused(refused);
        switch (action)
        {
            case PetitionAction.Assigned:
                eventNote = string.IsNullOrWhiteSpace(note) ? assignee.Name : $"{assignee.Name}: {note}";
                break;
            case PetitionAction.Answered or PetitionAction.AnswerApproved:
                await AnswerDuplicatesAsync(p, now);
                eventAction = PetitionAction.Answered; // the sender's timeline shows the answer, as before approvals existed
                break;
            case PetitionAction.AnswerProposed:
                eventNote = null; // an unapproved draft is kept on the petition, not in its history
                break;
            case PetitionAction.Rejected:
                eventNote = $"{PetitionLifecycle.GroundName(input.Ground!.Value)}. {note} {PetitionLifecycle.WayToGo(input.Ground.Value)}";
                break;
        }
        db.PetitionEvents.Add(PetitionRecords.Event(scope, p, eventAction, now, eventNote));
        if (action == PetitionAction.TransferredOut) await TransferAsync(p, senderKey, target!, note!, now);
        else await db.SaveChangesAsync(); // the Version token refuses a second, simultaneous step
        await tx.CommitAsync();
        return Outcome<Petition>.Success(p);
    }

    /// <summary>The leader's decisions: the commune leader, or a supervisor for a petition their own unit holds.</summary>
    public static bool IsLeaderOf(ClaimsPrincipal user, Petition p) =>
        (user.IsInRole(Roles.CommuneLeader) || user.IsInRole(Roles.Supervisor)) && user.UnitId() == p.UnitId || user.IsInRole(Roles.Admin);

    /// <summary>The signed-in user as the role rules see them for this petition.</summary>
    public static PetitionActor ActorOf(ClaimsPrincipal user, Petition p)
    {
        var leader = IsLeaderOf(user, p);
        return new(leader, leader || p.AssigneeId is { } a && a == user.FindFirstValue(ClaimTypes.NameIdentifier), Roles.Staff.Any(user.IsInRole));
    }

    /// <summary>Whether a handler's answer waits for the leader in this unit: yes unless its profile turns approval off.</summary>
    public async Task<bool> AnswersNeedApprovalAsync(int unitId) =>
        !await db.CommuneProfiles.AsNoTracking().AnyAsync(c => c.UnitId == unitId && c.PetitionAnswersWithoutApproval);

    /// <summary>A linked duplicate is answered by the same answer.</summary>
    private async Task AnswerDuplicatesAsync(Petition p, DateTime now)
    {
        var dups = await db.Petitions.Where(x => x.DuplicateOfId == p.Id && x.UnitId == p.UnitId).ToListAsync();
        foreach (var d in dups.Where(d => d.AnswerAsDuplicateOf(p, now, scope.ActorName)))
            db.PetitionEvents.Add(PetitionRecords.Event(scope, d, PetitionAction.Answered, now, $"Trả lời chung với phản ánh {p.Code}: {p.Answer}"));
    }

    /// <summary>
    /// The receiving unit gets a new petition with the clock restarted (REGULATIONS §5: "after the latest transfer") and the
    /// sender's private link; the sending unit keeps its record, marked transferred.
    /// </summary>
    private async Task TransferAsync(Petition p, string senderKey, AdministrativeUnit target, string reason, DateTime now)
    {
        await db.SaveChangesAsync();
        var calendar = await calendars.ForUnitAsync(target.Id);
        var copy = new Petition
        {
            UnitId = target.Id, Code = "", TrackingKey = senderKey, Channel = p.Channel, CategoryCode = p.CategoryCode, CategoryName = p.CategoryName,
            Title = p.Title, Content = p.Content, SenderName = p.SenderName, SenderPhone = p.SenderPhone, SenderEmail = p.SenderEmail,
            SenderAddress = p.SenderAddress, ShowName = p.ShowName, ConsentPublish = p.ConsentPublish, VillageId = p.VillageId, VillageName = p.VillageName,
            Latitude = p.Latitude, Longitude = p.Longitude, Place = p.Place, Meeting = p.Meeting, SubmittedAt = p.SubmittedAt,
            TransferredFromId = p.Id, PartnerAppId = p.PartnerAppId, MediaUrl = p.MediaUrl, CitizenUserId = p.CitizenUserId,
            // The sender's choice of messages goes with the petition, where the receiving unit's province has that channel.
            NotifyBy = p.NotifyBy is { } by && (await channels.ForUnitAsync(target.Id)).Has(by) ? by : null, NotifyLanguage = p.NotifyLanguage,
        };
        copy.StartClock(calendar, now, deadlines.Value.AnswerDays);
        using (db.AllowHandOverTo(target.Id))
        {
            await PetitionRecords.NumberAsync(db, copy, target, VietnamTime.FromUtc(now));
            db.PetitionEvents.Add(PetitionRecords.Event(scope, copy, PetitionAction.TransferredIn, now, $"Từ {await queries.UnitNameAsync(p.UnitId)} ({p.Code}): {reason}"));
            var photos = await db.PetitionPhotos.AsNoTracking().Where(x => x.PetitionId == p.Id).ToListAsync();
            foreach (var ph in photos)
                db.PetitionPhotos.Add(new PetitionPhoto { UnitId = target.Id, PetitionId = copy.Id, Width = ph.Width, Height = ph.Height, Size = ph.Size, Content = ph.Content, StoreKey = ph.StoreKey });
            await db.SaveChangesAsync();
        }
    }

}
