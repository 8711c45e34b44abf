using System.Security.Claims;
using System.Security.Cryptography;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static FriendlyGov.Web.Shared.InputRules;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>What a sender (or the official entering it for them) fills in. The same shape for the form and for JSON.</summary>
public sealed class PetitionInput
{
    public string? Category { get; set; }
    public string? Title { get; set; }
    public string? Content { get; set; }
    public string? SenderName { get; set; }
    public string? SenderPhone { get; set => field = Shared.InputRules.Phone(value); }
    public string? SenderEmail { get; set; }
    public string? SenderAddress { get; set; }
    /// <summary>How the sender chose to be told (Email, Sms, Zalo to the phone above), or null for no messages.</summary>
    public NotificationChannel? NotifyBy { get; set; }
    public bool ShowName { get; set; }
    public bool ConsentPublish { get; set; } = true;
    /// <summary>The village's official code (from the commune's list).</summary>
    public string? Village { get; set; }
    public string? Place { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>Staff entry only: the channel it came through.</summary>
    public PetitionChannel? Channel { get; set; }
    /// <summary>Staff entry of a meeting: which one (name and date).</summary>
    public string? Meeting { get; set; }
}

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

/// <summary>How a petition came in: who may choose the channel, and the partner app if any.</summary>
public sealed record PetitionOrigin(bool ByStaff, int? PartnerAppId = null)
{
    public static readonly PetitionOrigin Public = new(false);
}

public sealed record PetitionView(Petition Petition, List<PetitionEvent> Events, List<long> PhotoIds, DateTime Due, bool Overdue, bool DueSoon,
    Escalation Escalation, string UnitName, List<Petition> Similar, string? TransferredToName, string? TransferredFromUnit)
{
    /// <summary>The last moment to decide not to handle it (2 working days) and to ask for more information (5), from the clock's start.</summary>
    public DateTime RefuseBy { get; init; }
    public DateTime AskInfoBy { get; init; }
}

/// <summary>A petition in a list: the deadline reading computed on the unit's calendar.</summary>
public sealed record PetitionRow(Petition Petition, DateTime Due, bool Overdue, bool DueSoon, Escalation Escalation, string UnitName);

public sealed record PetitionFilter(string? Status = null, string? Category = null, string? Village = null, string? Q = null,
    bool Mine = false, bool OverdueOnly = false, bool EscalatedOnly = false, int Take = 200);

/// <summary>
/// Phản ánh, kiến nghị from arrival to the sender's confirmation: every step checked against who may take it, recorded in the
/// petition's history and the audit log, and timed on the commune's working calendar.
/// </summary>
public sealed class Petitions(AppDbContext db, Calendars calendars, Ratings ratings, TimeProvider clock, IUnitScope scope,
    IOptions<PetitionDeadlines> deadlineOptions, StaffNames names, Notifications.ChannelDirectory channels)
{
    public const string TooSimilar = "similar";
    public PetitionDeadlines Deadlines => deadlineOptions.Value;

    private IQueryable<T> Public<T>(IQueryable<T> q) where T : class => q.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking();

    // ---- categories ----------------------------------------------------------------------------------------------

    /// <summary>The commune's fields: its own list, or the defaults while it has none. Public information.</summary>
    public async Task<List<PetitionCategory>> CategoriesAsync(int unitId, bool activeOnly = true)
    {
        var own = await Public(db.PetitionCategories).Where(c => c.UnitId == unitId).OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync();
        if (own.Count == 0)
            own = PetitionCategories.Defaults.Select((d, i) => new PetitionCategory { UnitId = unitId, Code = d.Code, Name = d.Name, Description = d.Description, Order = i }).ToList();
        return activeOnly ? own.Where(c => c.Active).ToList() : own;
    }

    /// <summary>Saves the commune's list (copying the defaults in on the first edit): names, active, routing rule.</summary>
    public async Task<Outcome<List<PetitionCategory>>> SaveCategoriesAsync(int unitId, List<CategoryInput> input)
    {
        if (!scope.CanWrite(unitId)) return Outcome<List<PetitionCategory>>.NotFound();
        var errors = new List<RuleViolation>();
        var staff = await StaffAsync(unitId);
        for (var i = 0; i < input.Count; i++)
        {
            var c = input[i];
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Trim().Length > 100) errors.Add(new($"[{i}].Name", "Tên lĩnh vực từ 1 đến 100 ký tự."));
            if (string.IsNullOrWhiteSpace(c.Code) || c.Code.Trim().Length > 40 || !c.Code.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
                errors.Add(new($"[{i}].Code", "Mã lĩnh vực chỉ gồm chữ không dấu, số và dấu gạch ngang (tối đa 40 ký tự)."));
            if (!string.IsNullOrEmpty(c.DefaultAssigneeId) && staff.All(s => s.Id != c.DefaultAssigneeId))
                errors.Add(new($"[{i}].DefaultAssigneeId", "Cán bộ được phân công mặc định không thuộc xã."));
        }
        if (input.Select(c => c.Code?.Trim().ToLowerInvariant()).Distinct().Count() != input.Count) errors.Add(new("Code", "Mã lĩnh vực bị trùng."));
        if (!input.Any(c => c.Active)) errors.Add(new("Active", "Cần ít nhất một lĩnh vực đang dùng."));
        if (errors.Count > 0) return Outcome<List<PetitionCategory>>.Invalid(errors);

        var existing = await db.PetitionCategories.Where(c => c.UnitId == unitId).ToListAsync();
        for (var i = 0; i < input.Count; i++)
        {
            var c = input[i];
            var code = c.Code!.Trim().ToLowerInvariant();
            var row = existing.FirstOrDefault(e => e.Code == code);
            if (row is null) db.PetitionCategories.Add(row = new PetitionCategory { UnitId = unitId, Code = code, Name = "" });
            (row.Name, row.Description, row.Active, row.Order, row.DefaultAssigneeId) =
                (c.Name!.Trim(), Blank(c.Description), c.Active, i,
                 string.IsNullOrEmpty(c.DefaultAssigneeId) ? null : c.DefaultAssigneeId);
        }
        // A field that is no longer listed is retired, not deleted: old petitions keep its name.
        foreach (var gone in existing.Where(e => input.All(c => c.Code!.Trim().ToLowerInvariant() != e.Code))) gone.Active = false;
        await db.SaveChangesAsync();
        return Outcome<List<PetitionCategory>>.Success(await CategoriesAsync(unitId, activeOnly: false));
    }

    /// <summary>The commune's officials who can be given a petition.</summary>
    public Task<List<(string Id, string Name, string? Title)>> StaffAsync(int unitId) => ratings.OfficialsAsync(unitId);

    public async Task<List<AdministrativeUnit>> VillagesAsync(int communeId) =>
        await db.Units.AsNoTracking().Where(u => u.ParentId == communeId && u.Level == UnitLevel.Village && u.SuccessorId == null)
            .OrderBy(u => u.Code).ToListAsync();

    // ---- arrival -------------------------------------------------------------------------------------------------

    public async Task<Outcome<Petition>> SubmitAsync(AdministrativeUnit commune, PetitionInput input, IReadOnlyList<PhotoUpload> photos, PetitionOrigin origin)
    {
        var errors = new List<RuleViolation>();
        var category = (await CategoriesAsync(commune.Id)).FirstOrDefault(c => c.Code == input.Category?.Trim());
        if (category is null) errors.Add(new(nameof(input.Category), "Chọn lĩnh vực phản ánh."));
        Check(errors, nameof(input.Title), input.Title, 5, 200, "Tiêu đề");
        Check(errors, nameof(input.Content), input.Content, 10, 4000, "Nội dung phản ánh");
        // Decree 20/2008 Art. 8: a petition states the sender's name, address and how to reach them.
        Check(errors, nameof(input.SenderName), input.SenderName, 2, 100, "Họ và tên người gửi");
        var phone = input.SenderPhone?.Trim();
        if (!string.IsNullOrEmpty(phone) && !InputRules.IsPhone(phone))
            errors.Add(new(nameof(input.SenderPhone), "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."));
        var email = input.SenderEmail?.Trim();
        if (!string.IsNullOrEmpty(email) && !InputRules.IsEmail(email))
            errors.Add(new(nameof(input.SenderEmail), "Địa chỉ thư điện tử không hợp lệ."));
        if (input.SenderAddress?.Trim().Length > 300) errors.Add(new(nameof(input.SenderAddress), "Địa chỉ tối đa 300 ký tự."));
        if (string.IsNullOrEmpty(phone) && string.IsNullOrEmpty(email) && string.IsNullOrWhiteSpace(input.SenderAddress))
            errors.Add(new(nameof(input.SenderPhone), "Ghi số điện thoại hoặc địa chỉ để UBND xã trả lời bạn."));
        if (await channels.ConsentProblemAsync(commune.Id, input.NotifyBy, email, phone, nameof(input.SenderEmail), nameof(input.SenderPhone), nameof(input.NotifyBy)) is { } consent)
            errors.Add(new(consent.Field, consent.Message));
        if (input.Place?.Trim().Length > 300) errors.Add(new(nameof(input.Place), "Địa điểm tối đa 300 ký tự."));
        if (input.Meeting?.Trim().Length > 300) errors.Add(new(nameof(input.Meeting), "Tên cuộc họp tối đa 300 ký tự."));
        if (Coordinates.Problem(input.Latitude, input.Longitude) is { } where) errors.Add(new(nameof(input.Latitude), where));
        AdministrativeUnit? village = null;
        if (!string.IsNullOrWhiteSpace(input.Village))
        {
            village = (await VillagesAsync(commune.Id)).FirstOrDefault(v => v.Code == input.Village.Trim());
            if (village is null) errors.Add(new(nameof(input.Village), "Thôn, bản không thuộc xã. Chọn lại trong danh sách."));
        }
        var channel = origin.PartnerAppId is not null ? PetitionChannel.Api : origin.ByStaff ? input.Channel ?? PetitionChannel.Counter : PetitionChannel.Web;
        if (origin.ByStaff && channel is PetitionChannel.Web or PetitionChannel.Api || !Enum.IsDefined(channel))
            errors.Add(new(nameof(input.Channel), "Chọn kênh tiếp nhận: trực tiếp, đường dây nóng, họp thôn hoặc tiếp xúc cử tri."));
        if (channel is PetitionChannel.VillageMeeting or PetitionChannel.VoterMeeting && string.IsNullOrWhiteSpace(input.Meeting))
            errors.Add(new(nameof(input.Meeting), "Ghi cuộc họp (tên, ngày) nơi người dân nêu ý kiến."));
        if (channel is PetitionChannel.VillageMeeting && village is null)
            errors.Add(new(nameof(input.Village), "Chọn thôn, bản của cuộc họp."));
        if (photos.Count > Photos.MaxCount) errors.Add(new("Photos", $"Gửi tối đa {Photos.MaxCount} ảnh."));
        var clean = new List<CleanPhoto>();
        foreach (var upload in photos.Take(Photos.MaxCount))
        {
            var (photo, problem) = Photos.Clean(upload);
            if (problem is not null) errors.Add(new("Photos", problem));
            else clean.Add(photo!);
        }
        if (errors.Count > 0) return Outcome<Petition>.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var local = VietnamTime.FromUtc(now);
        var calendar = await calendars.ForUnitAsync(commune.Id);
        var p = new Petition
        {
            UnitId = commune.Id, Code = "", TrackingKey = NewKey(), Channel = channel, CategoryCode = category!.Code, CategoryName = category.Name,
            Title = input.Title!.Trim(), Content = input.Content!.Trim(), SenderName = input.SenderName!.Trim(), SenderPhone = Blank(phone),
            SenderEmail = Blank(email), SenderAddress = Blank(input.SenderAddress), ShowName = input.ShowName, ConsentPublish = input.ConsentPublish,
            VillageId = village?.Id, VillageName = village?.Name, Latitude = input.Latitude, Longitude = input.Longitude, Place = Blank(input.Place),
            Meeting = Blank(input.Meeting), NotifyBy = input.NotifyBy,
            NotifyLanguage = input.NotifyBy is null ? null : Notifications.ChannelDirectory.CurrentLanguage(), SubmittedAt = now, ClockStart = now, Status = PetitionStatus.Received, PartnerAppId = origin.PartnerAppId,
            DueAt = VietnamTime.ToUtc(PetitionClock.Due(calendar, local, Deadlines.AnswerDays, 0)),
        };
        var assignee = category.DefaultAssigneeId is { } aid ? (await StaffAsync(commune.Id)).FirstOrDefault(s => s.Id == aid) : default;
        await using var tx = await db.Database.BeginWorkAsync();
        await NumberAsync(p, commune, local);
        db.PetitionEvents.Add(Event(p, PetitionAction.Submitted, now, PetitionLifecycle.ChannelName(channel) + (p.Meeting is null ? "" : $" — {p.Meeting}")));
        if (assignee.Id is not null)
        {
            (p.Status, p.AssigneeId, p.AssigneeName) = (PetitionStatus.Assigned, assignee.Id, assignee.Name);
            db.PetitionEvents.Add(Event(p, PetitionAction.Assigned, now, $"{assignee.Name} (theo phân công mặc định của lĩnh vực “{category.Name}”)", system: true));
        }
        foreach (var photo in clean)
            db.PetitionPhotos.Add(new PetitionPhoto { UnitId = p.UnitId, PetitionId = p.Id, Width = photo.Width, Height = photo.Height, Size = photo.Jpeg.Length, Content = photo.Jpeg });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Outcome<Petition>.Success(p);
    }

    /// <summary>Codes read well over the phone: PA-03298-251125-007 (commune, day, number of the day).</summary>
    private async Task NumberAsync(Petition p, AdministrativeUnit commune, DateTime local)
    {
        var prefix = $"PA-{commune.Code}-{local:yyMMdd}-";
        var taken = await Public(db.Petitions).CountAsync(x => x.Code.StartsWith(prefix));
        for (var attempt = 1; ; attempt++)
        {
            p.Code = $"{prefix}{taken + attempt:000}";
            if (p.Id == 0) db.Petitions.Add(p);
            try
            {
                await db.SaveChangesAsync();
                return;
            }
            catch (DbUpdateException) when (attempt < 8 && db.Database.CurrentTransaction is not null)
            {
                // A number taken meanwhile by another submission: EF Core rolled back to its savepoint; try the next number.
            }
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    public async Task<PetitionView?> ViewAsync(string code)
    {
        var p = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code);
        return p is null ? null : await ViewOfAsync(p, withSimilar: true);
    }

    public async Task<Petition?> ByKeyAsync(string? key) =>
        string.IsNullOrEmpty(key) || key.Length > 64 ? null : await Public(db.Petitions).FirstOrDefaultAsync(p => p.TrackingKey == key);

    /// <summary>
    /// A petition found by its code (any case) and the last four digits of the sender's phone, for /tra-cuu: read only, and
    /// never its private key (the sender's link, which can add information and rate the answer).
    /// </summary>
    public async Task<PetitionTrackingDto?> ByCodeAsync(string code, string? phoneLast4)
    {
        if (phoneLast4 is not { Length: 4 } || !phoneLast4.All(char.IsAsciiDigit) || code.Length > 40) return null;
        var p = await Public(db.Petitions).FirstOrDefaultAsync(x => x.Code == code.Trim().ToUpperInvariant());
        if (p?.SenderPhone is not { } phone || !phone.EndsWith(phoneLast4, StringComparison.Ordinal)) return null;
        return PetitionsSetup.ToTracking(await ViewOfAsync(p)) with { CanConfirm = false };
    }

    public async Task<PetitionView> ViewOfAsync(Petition p, bool withSimilar = false)
    {
        var events = await Public(db.PetitionEvents).Where(e => e.PetitionId == p.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        var photos = await Public(db.PetitionPhotos).Where(x => x.PetitionId == p.Id).OrderBy(x => x.Id).Select(x => x.Id).ToListAsync();
        var (due, overdue, soon, escalation) = await ClockAsync(p);
        var similar = withSimilar && PetitionLifecycle.IsOpen(p.Status) && p.DuplicateOfId is null ? await SimilarAsync(p) : [];
        string? to = p.TransferredToUnitId is int t ? await UnitNameAsync(t) : null;
        string? from = null;
        if (p.TransferredFromId is int f)
            from = await Public(db.Petitions).Where(x => x.Id == f).Select(x => x.UnitId).FirstOrDefaultAsync() is var u and > 0 ? await UnitNameAsync(u) : null;
        var calendar = await calendars.ForUnitAsync(p.UnitId);
        var start = VietnamTime.FromUtc(p.ClockStart);
        return new PetitionView(p, events, photos, due, overdue, soon, escalation, await UnitNameAsync(p.UnitId), similar, to, from)
        {
            RefuseBy = VietnamTime.ToUtc(PetitionClock.Due(calendar, start, Deadlines.RefuseDays, 0)),
            AskInfoBy = VietnamTime.ToUtc(PetitionClock.Due(calendar, start, Deadlines.AskInfoDays, 0)),
        };
    }

    private async Task<(DateTime Due, bool Overdue, bool DueSoon, Escalation Escalation)> ClockAsync(Petition p)
    {
        var calendar = await calendars.ForUnitAsync(p.UnitId);
        return Clock(p, calendar, VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime));
    }

    private (DateTime Due, bool Overdue, bool DueSoon, Escalation Escalation) Clock(Petition p, WorkingCalendar calendar, DateTime now)
    {
        var due = PetitionClock.DueAsOf(calendar, VietnamTime.FromUtc(p.ClockStart), Deadlines.AnswerDays, p.PausedMinutes,
            p.PausedAt is DateTime pa ? VietnamTime.FromUtc(pa) : null, now);
        if (!PetitionLifecycle.IsOpen(p.Status)) return (VietnamTime.ToUtc(due), false, false, Escalation.None);
        var paused = p.Status == PetitionStatus.NeedsInfo;
        var overdue = !paused && now > due;
        return (VietnamTime.ToUtc(due), overdue, !paused && PetitionClock.DueSoon(calendar, due, now),
            PetitionClock.EscalationAt(calendar, due, now, paused, Deadlines));
    }

    /// <summary>Open petitions of the same commune that look like this one (offered to staff to link).</summary>
    public async Task<List<Petition>> SimilarAsync(Petition p)
    {
        var open = await Public(db.Petitions)
            .Where(x => x.UnitId == p.UnitId && x.Id != p.Id && x.DuplicateOfId == null && x.CategoryCode == p.CategoryCode
                && PetitionLifecycle.OpenStatuses.Contains(x.Status))
            .OrderByDescending(x => x.SubmittedAt).Take(300).ToListAsync();
        var words = PetitionSimilarity.Words($"{p.Title} {p.Content}");
        return open.Select(x => (x, Score: PetitionSimilarity.Score(words, $"{x.Title} {x.Content}")))
            .Where(x => x.Score >= PetitionSimilarity.Threshold).OrderByDescending(x => x.Score).Take(5).Select(x => x.x).ToList();
    }

    /// <summary>Petitions the actor reads (their commune, or a supervisor's subtree), newest first, with their clocks.</summary>
    public async Task<List<PetitionRow>> ListAsync(PetitionFilter f, ClaimsPrincipal user)
    {
        var q = db.Petitions.AsNoTracking().AsQueryable();
        if (f.Status == "open") q = q.Where(p => PetitionLifecycle.OpenStatuses.Contains(p.Status));
        else if (Enum.TryParse<PetitionStatus>(f.Status, true, out var st) && Enum.IsDefined(st)) q = q.Where(p => p.Status == st);
        if (!string.IsNullOrWhiteSpace(f.Category)) q = q.Where(p => p.CategoryCode == f.Category);
        if (!string.IsNullOrWhiteSpace(f.Village)) q = q.Where(p => db.Units.Any(u => u.Id == p.VillageId && u.Code == f.Village));
        if (f.Mine) { var me = user.FindFirstValue(ClaimTypes.NameIdentifier); q = q.Where(p => p.AssigneeId == me); }
        if (f.OverdueOnly || f.EscalatedOnly)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            q = q.Where(p => p.DueAt < now && p.Status != PetitionStatus.NeedsInfo);
        }
        var rows = await q.OrderByDescending(p => p.SubmittedAt).Take(f.Q is null ? f.Take : 2000).ToListAsync();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var needle = VietnameseText.Fold(f.Q);
            rows = rows.Where(p => p.Code.Contains(f.Q.Trim(), StringComparison.OrdinalIgnoreCase)
                || VietnameseText.Fold($"{p.Title} {p.Content} {p.SenderName} {p.VillageName}").Contains(needle)).Take(f.Take).ToList();
        }
        var result = new List<PetitionRow>();
        var nowLocal = VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime);
        foreach (var g in rows.GroupBy(p => p.UnitId))
        {
            var calendar = await calendars.ForUnitAsync(g.Key);
            var name = await UnitNameAsync(g.Key);
            result.AddRange(g.Select(p => { var c = Clock(p, calendar, nowLocal); return new PetitionRow(p, c.Due, c.Overdue, c.DueSoon, c.Escalation, name); }));
        }
        if (f.EscalatedOnly)
            result = result.Where(r => user.IsInRole(Roles.Supervisor) ? r.Escalation == Escalation.Supervisor : r.Escalation != Escalation.None).ToList();
        return result.OrderByDescending(r => r.Petition.SubmittedAt).ToList();
    }

    // ---- handling ------------------------------------------------------------------------------------------------

    /// <summary>The leader's decisions: the commune leader, or a supervisor for a petition their own unit holds.</summary>
    public static bool IsLeaderOf(ClaimsPrincipal user, Petition p) =>
        (user.IsInRole(Roles.CommuneLeader) || user.IsInRole(Roles.Supervisor)) && user.UnitId() == p.UnitId || user.IsInRole(Roles.Admin);

    public async Task<Outcome<Petition>> ActAsync(string code, PetitionActInput input, ClaimsPrincipal actor)
    {
        var p = await db.Petitions.FirstOrDefaultAsync(x => x.Code == code);
        if (p is null || !scope.CanWrite(p.UnitId) || !scope.CanRead(p.UnitId)) return Outcome<Petition>.NotFound();
        if (input.Version != p.Version) throw new DbUpdateConcurrencyException("Petition changed since it was read.");
        var me = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        var leader = IsLeaderOf(actor, p);
        var handler = leader || p.AssigneeId == me;
        var errors = new List<RuleViolation>();
        var note = input.Note?.Trim();
        if (!Enum.IsDefined(input.Action) || input.Action is PetitionAction.Submitted or PetitionAction.TransferredIn or PetitionAction.Confirmed
            or PetitionAction.Linked or PetitionAction.Published)
            return Outcome<Petition>.Invalid([new(nameof(input.Action), "Thao tác không hợp lệ.")]);
        // A handler's answer goes to the leader first where the commune asks for approval (the default).
        var action = input.Action == PetitionAction.Answered && !leader && await AnswersNeedApprovalAsync(p.UnitId) ? PetitionAction.AnswerProposed : input.Action;
        var allowed = action switch
        {
            PetitionAction.Assigned or PetitionAction.Rejected or PetitionAction.TransferredOut or PetitionAction.Closed or PetitionAction.Reopened
                or PetitionAction.AnswerApproved or PetitionAction.AnswerReturned => leader,
            PetitionAction.InfoProvided => Roles.Staff.Any(actor.IsInRole),
            _ => handler,
        };
        if (!allowed)
            errors.Add(new(nameof(input.Action), input.Action is PetitionAction.Started or PetitionAction.InfoRequested or PetitionAction.Answered
                ? "Chỉ cán bộ được phân công hoặc lãnh đạo xử lý phản ánh này." : "Chỉ lãnh đạo UBND thực hiện thao tác này."));
        var next = PetitionLifecycle.Next(p.Status, action);
        if (next is null)
            errors.Add(new(nameof(input.Action), $"Không thực hiện được khi phản ánh đang ở trạng thái “{PetitionLifecycle.VietnameseName(p.Status)}”."));
        if (note?.Length > 8000) errors.Add(new(nameof(input.Note), "Tối đa 8.000 ký tự."));
        (string Id, string Name, string? Title) assignee = default;
        AdministrativeUnit? target = null;
        switch (action)
        {
            case PetitionAction.Assigned:
                assignee = (await StaffAsync(p.UnitId)).FirstOrDefault(s => s.Id == input.AssigneeId);
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
        var local = VietnamTime.FromUtc(now);
        await using var tx = await db.Database.BeginWorkAsync();
        p.Status = next!.Value;
        var eventNote = note;
        var eventAction = action;
        switch (action)
        {
            case PetitionAction.Assigned:
                (p.AssigneeId, p.AssigneeName) = (assignee.Id, assignee.Name);
                eventNote = string.IsNullOrWhiteSpace(note) ? assignee.Name : $"{assignee.Name}: {note}";
                break;
            case PetitionAction.InfoRequested:
                p.PausedAt = now;
                break;
            case PetitionAction.InfoProvided:
                if (p.PausedAt is DateTime pa) p.PausedMinutes += PetitionClock.PausedMinutes(calendar, VietnamTime.FromUtc(pa), local);
                p.PausedAt = null;
                p.DueAt = VietnamTime.ToUtc(PetitionClock.Due(calendar, VietnamTime.FromUtc(p.ClockStart), Deadlines.AnswerDays, p.PausedMinutes));
                break;
            case PetitionAction.Answered or PetitionAction.AnswerApproved:
                (p.Answer, p.AnsweredAt, p.AnsweredByName) = (note, now, action == PetitionAction.AnswerApproved ? p.DraftedByName ?? scope.ActorName : scope.ActorName);
                // A leader's own answer is approved as it is given; a handler's, where the commune needs no approval, is not.
                // The approval is signed as papers are: the leader's full name and title (StaffNames).
                (p.AnswerApprovedBy, p.AnswerApprovedAt) = leader ? (await names.NameOfIdAsync(scope.ActorId, withTitle: true) ?? scope.ActorName, now) : ((string?)null, (DateTime?)null);
                (p.DraftAnswer, p.DraftedByName) = (null, null);
                if (p.ConsentPublish) p.PublishedAt = now; // published with the answer: the two-day publishing limit is met at once
                await AnswerDuplicatesAsync(p, now);
                eventAction = PetitionAction.Answered; // the sender's timeline shows the answer, as before approvals existed
                break;
            case PetitionAction.AnswerProposed:
                (p.DraftAnswer, p.DraftedByName) = (note, scope.ActorName);
                eventNote = null; // an unapproved draft is kept on the petition, not in its history
                break;
            case PetitionAction.Rejected:
                (p.RejectionGround, p.RejectionReason) = (input.Ground, note);
                eventNote = $"{PetitionLifecycle.GroundName(input.Ground!.Value)}. {note} {PetitionLifecycle.WayToGo(input.Ground.Value)}";
                break;
            case PetitionAction.Reopened:
                p.ReopenCount++;
                (p.SenderSatisfied, p.ConfirmedAt) = (null, null);
                p.ClockStart = now;
                p.PausedMinutes = 0;
                p.DueAt = VietnamTime.ToUtc(PetitionClock.Due(calendar, local, Deadlines.AnswerDays, 0));
                break;
        }
        db.PetitionEvents.Add(Event(p, eventAction, now, eventNote));
        if (action == PetitionAction.TransferredOut) await TransferAsync(p, target!, note!, now);
        else await db.SaveChangesAsync(); // the Version token refuses a second, simultaneous step
        await tx.CommitAsync();
        return Outcome<Petition>.Success(p);
    }

    /// <summary>Whether a handler's answer waits for the leader in this unit: yes unless its profile turns approval off.</summary>
    public async Task<bool> AnswersNeedApprovalAsync(int unitId) =>
        !await db.CommuneProfiles.AsNoTracking().AnyAsync(c => c.UnitId == unitId && c.PetitionAnswersWithoutApproval);

    /// <summary>A linked duplicate is answered by the same answer.</summary>
    private async Task AnswerDuplicatesAsync(Petition p, DateTime now)
    {
        var dups = await db.Petitions.Where(x => x.DuplicateOfId == p.Id && x.UnitId == p.UnitId).ToListAsync();
        foreach (var d in dups.Where(d => PetitionLifecycle.IsOpen(d.Status)))
        {
            (d.Status, d.Answer, d.AnsweredAt, d.AnsweredByName, d.PausedAt) = (PetitionStatus.Answered, p.Answer, now, scope.ActorName, null);
            (d.AnswerApprovedBy, d.AnswerApprovedAt) = (p.AnswerApprovedBy, p.AnswerApprovedAt);
            if (d.ConsentPublish) d.PublishedAt = now;
            db.PetitionEvents.Add(Event(d, PetitionAction.Answered, now, $"Trả lời chung với phản ánh {p.Code}: {p.Answer}"));
        }
    }

    /// <summary>
    /// The receiving unit gets a new petition with the clock restarted (REGULATIONS §5: "after the latest transfer") and the
    /// sender's private link; the sending unit keeps its record, marked transferred.
    /// </summary>
    private async Task TransferAsync(Petition p, AdministrativeUnit target, string reason, DateTime now)
    {
        var key = p.TrackingKey;
        p.TrackingKey = NewKey();
        p.TransferredToUnitId = target.Id;
        p.PausedAt = null;
        await db.SaveChangesAsync();
        var calendar = await calendars.ForUnitAsync(target.Id);
        var copy = new Petition
        {
            UnitId = target.Id, Code = "", TrackingKey = key, Channel = p.Channel, CategoryCode = p.CategoryCode, CategoryName = p.CategoryName,
            Title = p.Title, Content = p.Content, SenderName = p.SenderName, SenderPhone = p.SenderPhone, SenderEmail = p.SenderEmail,
            SenderAddress = p.SenderAddress, ShowName = p.ShowName, ConsentPublish = p.ConsentPublish, VillageId = p.VillageId, VillageName = p.VillageName,
            Latitude = p.Latitude, Longitude = p.Longitude, Place = p.Place, Meeting = p.Meeting, SubmittedAt = p.SubmittedAt, ClockStart = now,
            Status = PetitionStatus.Received, TransferredFromId = p.Id, PartnerAppId = p.PartnerAppId, MediaUrl = p.MediaUrl,
            DueAt = VietnamTime.ToUtc(PetitionClock.Due(calendar, VietnamTime.FromUtc(now), Deadlines.AnswerDays, 0)),
        };
        using (db.AllowHandOverTo(target.Id))
        {
            var targetUnit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == target.Id);
            await NumberAsync(copy, targetUnit, VietnamTime.FromUtc(now));
            db.PetitionEvents.Add(Event(copy, PetitionAction.TransferredIn, now, $"Từ {await UnitNameAsync(p.UnitId)} ({p.Code}): {reason}"));
            var photos = await db.PetitionPhotos.AsNoTracking().Where(x => x.PetitionId == p.Id).ToListAsync();
            foreach (var ph in photos)
                db.PetitionPhotos.Add(new PetitionPhoto { UnitId = target.Id, PetitionId = copy.Id, Width = ph.Width, Height = ph.Height, Size = ph.Size, Content = ph.Content });
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Links a petition to an earlier open one on the same matter: the earlier one's answer will serve both.</summary>
    public async Task<Outcome<Petition>> LinkAsync(string code, string toCode, int version, ClaimsPrincipal actor)
    {
        var p = await db.Petitions.FirstOrDefaultAsync(x => x.Code == code);
        if (p is null || !scope.CanWrite(p.UnitId)) return Outcome<Petition>.NotFound();
        if (version != p.Version) throw new DbUpdateConcurrencyException("Petition changed since it was read.");
        var main = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(x => x.Code == toCode);
        var errors = new List<RuleViolation>();
        if (!Roles.CommuneStaff.Any(actor.IsInRole) && !IsLeaderOf(actor, p)) errors.Add(new("Action", "Vai trò của bạn không gộp phản ánh."));
        if (main is null || main.UnitId != p.UnitId || main.Id == p.Id) errors.Add(new("DuplicateOf", "Chọn một phản ánh khác của cùng đơn vị."));
        else if (!PetitionLifecycle.IsOpen(main.Status) || main.DuplicateOfId is not null) errors.Add(new("DuplicateOf", "Phản ánh được gộp vào phải đang xử lý và không là bản trùng."));
        if (!PetitionLifecycle.IsOpen(p.Status) || p.DuplicateOfId is not null) errors.Add(new("DuplicateOf", "Chỉ gộp phản ánh đang xử lý."));
        if (errors.Count > 0) return Outcome<Petition>.Invalid(errors);
        if (await db.Petitions.AnyAsync(x => x.DuplicateOfId == p.Id)) return Outcome<Petition>.Invalid([new("DuplicateOf", "Phản ánh này đã có phản ánh khác gộp vào: gộp theo chiều ngược lại.")]);
        var now = clock.GetUtcNow().UtcDateTime;
        p.DuplicateOfId = main!.Id;
        db.PetitionEvents.Add(Event(p, PetitionAction.Linked, now, $"Cùng nội dung với phản ánh {main.Code}: được trả lời chung."));
        await db.SaveChangesAsync();
        return Outcome<Petition>.Success(p);
    }

    // ---- the sender ----------------------------------------------------------------------------------------------

    /// <summary>The sender adds the information asked for, from their private link: the clock runs again.</summary>
    public async Task<Outcome<Petition>> ProvideInfoAsync(string key, string? info)
    {
        var p = await ByKeyAsync(key);
        if (p is null) return Outcome<Petition>.NotFound();
        if (p.Status != PetitionStatus.NeedsInfo) return Outcome<Petition>.Invalid([new("Info", "Phản ánh không chờ bổ sung thông tin.")]);
        if (string.IsNullOrWhiteSpace(info) || info.Trim().Length > 4000) return Outcome<Petition>.Invalid([new("Info", "Nhập thông tin bổ sung (tối đa 4.000 ký tự).")]);
        var tracked = await db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]).FirstAsync(x => x.Id == p.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.ForUnitAsync(tracked.UnitId);
        if (tracked.PausedAt is DateTime pa) tracked.PausedMinutes += PetitionClock.PausedMinutes(calendar, VietnamTime.FromUtc(pa), VietnamTime.FromUtc(now));
        tracked.PausedAt = null;
        tracked.Status = PetitionStatus.InProgress;
        tracked.DueAt = VietnamTime.ToUtc(PetitionClock.Due(calendar, VietnamTime.FromUtc(tracked.ClockStart), Deadlines.AnswerDays, tracked.PausedMinutes));
        db.PetitionEvents.Add(Event(tracked, PetitionAction.InfoProvided, now, info.Trim(), byName: "Người gửi"));
        await db.SaveChangesAsync();
        return Outcome<Petition>.Success(tracked);
    }

    /// <summary>
    /// The sender says whether the answer satisfies them. The first confirmation is their rating of the petition's handling
    /// (satisfaction indices, follow-up when low); "not satisfied" reopens the petition for the leader once, otherwise it closes.
    /// </summary>
    public async Task<Outcome<Petition>> ConfirmAsync(string key, RatingInput input, string? client)
    {
        var found = await ByKeyAsync(key);
        if (found is null) return Outcome<Petition>.NotFound();
        if (found.Status != PetitionStatus.Answered)
            return Outcome<Petition>.Invalid([new(Ratings.AlreadyRated, "Phản ánh chưa có trả lời mới để xác nhận.")]);
        if (Ratings.Validate(input) is { Count: > 0 } invalid) return Outcome<Petition>.Invalid(invalid);
        await using var tx = await db.Database.BeginWorkAsync();
        var p = await db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]).FirstAsync(x => x.Id == found.Id);
        var level = (SatisfactionLevel)input.Overall!.Value;
        if (!await Public(db.Ratings).AnyAsync(r => r.PetitionId == p.Id))
        {
            var rated = await ratings.ForPetitionAsync(p, input, client);
            if (!rated.Ok) return Outcome<Petition>.Invalid(rated.Errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var satisfied = level >= SatisfactionLevel.Neutral;
        (p.SenderSatisfied, p.ConfirmedAt) = (level >= SatisfactionLevel.Satisfied, now);
        var note = $"{SatisfactionLevels.VietnameseName(level)}{(string.IsNullOrWhiteSpace(input.Comment) ? "" : $": {input.Comment.Trim()}")}";
        db.PetitionEvents.Add(Event(p, PetitionAction.Confirmed, now, note, byName: "Người gửi"));
        if (!satisfied && p.ReopenCount == 0)
        {
            var calendar = await calendars.ForUnitAsync(p.UnitId);
            p.ReopenCount = 1;
            p.Status = PetitionStatus.InProgress;
            p.ClockStart = now;
            p.PausedMinutes = 0;
            p.DueAt = VietnamTime.ToUtc(PetitionClock.Due(calendar, VietnamTime.FromUtc(now), Deadlines.AnswerDays, 0));
            db.PetitionEvents.Add(Event(p, PetitionAction.Reopened, now, "Người gửi chưa hài lòng: chuyển lãnh đạo UBND xem xét lại.", system: true));
        }
        else
        {
            p.Status = PetitionStatus.Closed;
            db.PetitionEvents.Add(Event(p, PetitionAction.Closed, now, "Kết thúc sau khi người gửi xác nhận.", system: true));
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Outcome<Petition>.Success(p);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private PetitionEvent Event(Petition p, PetitionAction a, DateTime at, string? note, bool system = false, string? byName = null) => new()
    {
        UnitId = p.UnitId, PetitionId = p.Id, At = at, Action = a, Status = p.Status, Note = string.IsNullOrWhiteSpace(note) ? null : note,
        ByName = byName ?? (system ? "Hệ thống" : scope.ActorName), ByUserId = system || byName is not null ? null : scope.ActorId,
    };

    private readonly Dictionary<int, string> _unitNames = [];

    public async Task<string> UnitNameAsync(int id)
    {
        if (_unitNames.TryGetValue(id, out var name)) return name;
        var u = await db.Units.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        return _unitNames[id] = u?.FullName ?? "";
    }

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static void Check(List<RuleViolation> errors, string field, string? value, int min, int max, string label)
    {
        var v = value?.Trim() ?? "";
        if (v.Length < min) errors.Add(new(field, min <= 1 ? $"Nhập {label.ToLowerInvariant()}." : $"{label} cần ít nhất {min} ký tự."));
        else if (v.Length > max) errors.Add(new(field, $"{label} tối đa {max:N0} ký tự.".Replace(",", ".")));
    }
}

public sealed class CategoryInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool Active { get; set; } = true;
    public string? DefaultAssigneeId { get; set; }
}
