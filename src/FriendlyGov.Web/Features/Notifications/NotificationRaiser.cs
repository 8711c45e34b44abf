using System.Globalization;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FriendlyGov.Web.Features.Notifications;

/// <summary>
/// The outbox's writer, in the kernel every save goes through: when a save records a moment someone asked to be told of (a
/// dossier step, an approved apology, a petition event, an assignment), the message is added to the same save, so it
/// commits with the event or not at all. Runs before the commit hooks, so the dispatcher hears of it once committed.
/// </summary>
public sealed class NotificationRaiser(IServiceProvider root) : SaveChangesInterceptor
{
    public const string WithdrawPurpose = "notifications.withdraw.v1";

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await RaiseAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) RaiseAsync(db, default).GetAwaiter().GetResult();
        return result;
    }

    private sealed record Raised(int UnitId, NotificationMoment Moment, string EventKey, Dossier? Dossier, Petition? Petition,
        Dictionary<string, string> Data, string? StaffUserId = null, bool ToLeaders = false);

    private async Task RaiseAsync(AppDbContext db, CancellationToken ct)
    {
        var raised = new List<Raised>();
        var subscriptions = new List<AreaSubscription>();
        var consultations = new List<Consultation>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            switch (entry.Entity)
            {
                case AreaSubscription subscription when entry.State == EntityState.Added:
                    subscriptions.Add(subscription);
                    break;
                case Consultation consultation when entry.State == EntityState.Added:
                    consultations.Add(consultation);
                    break;
                case DossierStep step when entry.State == EntityState.Added && MomentOf(step.Action) is { } m:
                    if (await DossierOfAsync(db, step.DossierId, ct) is { } d)
                        raised.Add(new(d.UnitId, m, $"d:{d.Code}:{m}:{step.At.Ticks}", d, null, new() { ["giay_to_bo_sung"] = step.Note ?? d.MissingDocuments ?? "" }));
                    break;
                case Dossier added when entry.State == EntityState.Added && added.Status == DossierStatus.Registered:
                    raised.Add(new(added.UnitId, NotificationMoment.DossierSubmitted, $"d:{added.Code}:submitted", added, null, []));
                    break;
                case Dossier changed when entry.State == EntityState.Modified:
                    if (Changed(entry, nameof(Dossier.ApologyApprovedAt)) && changed.ApologyApprovedAt is DateTime approved)
                        raised.Add(new(changed.UnitId, NotificationMoment.ApologyApproved, $"d:{changed.Code}:apology:{approved.Ticks}", changed, null, []));
                    if (Changed(entry, nameof(Dossier.AssigneeId)) && changed.AssigneeId is { } to && to != db.Scope.ActorId)
                        raised.Add(new(changed.UnitId, NotificationMoment.StaffAssigned, $"d:{changed.Code}:assigned:{to}:{changed.Version}", changed, null, [], to));
                    break;
                case ModelProposal proposal when entry.State == EntityState.Modified && Changed(entry, nameof(ModelProposal.AnsweredAt)) && proposal.AnsweredAt is DateTime answered:
                    raised.Add(new(proposal.UnitId, NotificationMoment.ProposalAnswered, $"proposal:{proposal.Id}:answered:{answered.Ticks}", null, null, new()
                    {
                        ["tieu_de"] = proposal.Title, ["tra_loi"] = proposal.Answer ?? "", ["don_vi_tra_loi"] = proposal.AnsweringUnit ?? proposal.AnsweredBy ?? "",
                    }, ToLeaders: true));
                    break;
                case PetitionEvent ev when entry.State == EntityState.Added && MomentOf(ev) is { } pm:
                    if (await PetitionOfAsync(db, ev.PetitionId, ct) is { } p)
                        raised.Add(new(p.UnitId, pm, $"p:{p.Code}:{pm}:{ev.At.Ticks}", null, p, new() { ["noi_dung"] = ev.Note ?? "", ["don_vi_moi"] = ev.Note ?? "" }));
                    break;
            }
        }
        if (subscriptions.Count > 0 || consultations.Count > 0) await RaiseAreaAsync(db, subscriptions, consultations, ct);
        raised.RemoveAll(r => r.StaffUserId is null && !r.ToLeaders && (r.Dossier?.NotifyBy ?? r.Petition?.NotifyBy) is null);
        if (raised.Count == 0) return;

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var units = raised.Select(r => r.UnitId).Distinct().ToList();
        var muted = await db.CommuneProfiles.IgnoreQueryFilters().AsNoTracking().Where(c => units.Contains(c.UnitId))
            .Select(c => new { c.UnitId, c.MutedMoments, c.Address }).ToDictionaryAsync(c => c.UnitId, ct);
        var names = await db.Units.AsNoTracking().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var links = Links();
        foreach (var r in raised)
        {
            if (muted.TryGetValue(r.UnitId, out var profile) && NotificationRules.IsMuted(profile.MutedMoments, r.Moment)) continue;
            var data = r.Data;
            data["ten_xa"] = names.GetValueOrDefault(r.UnitId, "");
            if (r.ToLeaders)
            {
                data["lien_ket"] = links + "/can-bo/mo-hinh";
                foreach (var email in await LeaderEmailsAsync(db, r.UnitId, ct))
                    db.Notifications.Add(StaffMessage(r.UnitId, r.EventKey, r.Moment, email.Id, email.Email, data, now));
                continue;
            }
            string language, recipient;
            NotificationChannel channel;
            if (r.StaffUserId is { } userId)
            {
                var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
                if (string.IsNullOrWhiteSpace(email)) continue;
                (language, recipient, channel) = ("vi", email, NotificationChannel.Email);
                data["lien_ket"] = links + "/can-bo/ho-so/" + r.Dossier!.Code;
            }
            else if (r.Dossier is { } d)
            {
                (language, channel) = (d.NotifyLanguage ?? "vi", d.NotifyBy!.Value);
                recipient = NotificationRules.AddressFor(channel, d.Email, d.Phone) ?? "";
                data["lien_ket"] = $"{links}/tra-cuu/{d.TrackingKey}";
                data["danh_gia"] = $"{links}/danh-gia/{d.TrackingKey}";
                data["huy_nhan"] = WithdrawLink(links, "d", d.TrackingKey);
                data["noi_nhan"] = string.IsNullOrWhiteSpace(profile?.Address) ? $"Bộ phận Một cửa {data["ten_xa"]}" : $"Bộ phận Một cửa, {profile!.Address}";
                data["mang_theo"] = language == "en" ? "your appointment slip and an identity document" : "phiếu hẹn trả kết quả và giấy tờ tùy thân";
                if (r.Moment == NotificationMoment.ResultReady)
                    data["phi"] = await db.Procedures.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == d.ProcedureId).Select(p => p.Fee).FirstOrDefaultAsync(ct)
                        ?? (language == "en" ? "none" : "không");
            }
            else
            {
                var p = r.Petition!;
                (language, channel) = (p.NotifyLanguage ?? "vi", p.NotifyBy!.Value);
                recipient = NotificationRules.AddressFor(channel, p.SenderEmail, p.SenderPhone) ?? "";
                data["lien_ket"] = $"{links}/phan-anh/{p.TrackingKey}";
                data["huy_nhan"] = WithdrawLink(links, "p", p.TrackingKey);
            }
            if (string.IsNullOrWhiteSpace(recipient)) continue;
            if (r.Dossier is { } dd)
            {
                data["ma_ho_so"] = dd.Code;
                data["thu_tuc"] = dd.ProcedureName;
                data["han_tra"] = dd.AppointedAt is DateTime due ? When(due, language) : "";
                data["ly_do"] = dd.ApologyReason ?? "";
                data["ngay_hen_moi"] = dd.ApologyNewDate is DateTime nd ? When(nd, language) : "";
            }
            if (r.Petition is { } pp)
            {
                data["ma_phan_anh"] = pp.Code;
                data["han_tra_loi"] = When(pp.DueAt, language);
                data["tra_loi"] = pp.Answer ?? "";
            }
            db.Notifications.Add(Message(r.UnitId, r.EventKey, r.Moment, channel, recipient.Trim(), language, data, now,
                r.Dossier?.Code, r.Petition?.Code, r.StaffUserId));
        }
    }

    /// <summary>
    /// Village subscriptions: a new one is asked to confirm from its own address; a consultation put to comment is told to
    /// every confirmed subscription of its village (or of the whole commune).
    /// </summary>
    private async Task RaiseAreaAsync(AppDbContext db, List<AreaSubscription> subscriptions, List<Consultation> consultations, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var links = Links();
        var units = subscriptions.Select(s => s.UnitId).Concat(consultations.Select(c => c.UnitId)).Distinct().ToList();
        var communes = await db.Units.AsNoTracking().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.Name, u.Code }, ct);
        var muted = await db.CommuneProfiles.IgnoreQueryFilters().AsNoTracking().Where(c => units.Contains(c.UnitId))
            .ToDictionaryAsync(c => c.UnitId, c => c.MutedMoments, ct);
        Notification ToSubscriber(AreaSubscription s, NotificationMoment moment, string eventKey, Dictionary<string, string> data)
        {
            data["ten_xa"] = communes.TryGetValue(s.UnitId, out var c) ? c.Name : "";
            data["huy_nhan"] = WithdrawLink(links, "s", s.Key);
            return Message(s.UnitId, eventKey, moment, s.Channel, s.Recipient, s.Language, data, now);
        }
        foreach (var s in subscriptions)
            db.Notifications.Add(ToSubscriber(s, NotificationMoment.SubscriptionConfirm, $"subscription:{s.Key}:confirm", new()
            {
                ["thon"] = s.Village ?? (s.Language == "en" ? "the commune" : "toàn xã"), ["lien_ket"] = $"{links}/thong-bao/xac-nhan?k={s.Key}",
            }));
        foreach (var c in consultations)
        {
            if (NotificationRules.IsMuted(muted.GetValueOrDefault(c.UnitId), NotificationMoment.ConsultationOpened)) continue;
            var audience = await db.AreaSubscriptions.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.UnitId == c.UnitId && s.ConfirmedAt != null && s.WithdrawnAt == null && (c.Village == null || s.Village == null || s.Village == c.Village))
                .ToListAsync(ct);
            var key = $"consultation:{c.UnitId}:{c.CreatedAt.Ticks}";
            foreach (var s in audience)
                db.Notifications.Add(ToSubscriber(s, NotificationMoment.ConsultationOpened, key, new()
                {
                    ["tieu_de"] = c.Title, ["thon"] = c.Village ?? (s.Language == "en" ? "the commune" : "toàn xã"),
                    ["han_gop_y"] = c.ClosesOn.ToString("dd/MM/yyyy"),
                    ["lien_ket"] = $"{links}/xa/{(communes.TryGetValue(c.UnitId, out var u) ? u.Code : "")}/gop-y",
                }));
        }
    }

    /// <summary>The commune's leaders who have an e-mail address on their account.</summary>
    public static async Task<List<(string Id, string Email)>> LeaderEmailsAsync(AppDbContext db, int unitId, CancellationToken ct)
    {
        var leaders = await (from u in db.Users.AsNoTracking()
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join role in db.Roles on ur.RoleId equals role.Id
                             where u.UnitId == unitId && role.Name == Roles.CommuneLeader && u.Email != null && u.Email != ""
                             select new { u.Id, u.Email }).ToListAsync(ct);
        return [.. leaders.Select(l => (l.Id, l.Email!))];
    }

    /// <summary>A message put in the outbox, due now: the one way every writer (this hook, the jobs) makes one.</summary>
    public static Notification Message(int unitId, string eventKey, NotificationMoment moment, NotificationChannel channel, string recipient, string language,
        Dictionary<string, string> data, DateTime now, string? dossierCode = null, string? petitionCode = null, string? userId = null) => new()
    {
        Id = Guid.CreateVersion7(), UnitId = unitId, EventKey = eventKey, Moment = moment, Channel = channel, Recipient = recipient, Language = language,
        DossierCode = dossierCode, PetitionCode = petitionCode, UserId = userId, Data = JsonSerializer.Serialize(data),
        Status = NotificationStatus.Pending, CreatedAt = now, NextAttemptAt = now,
    };

    /// <summary>A message to an official (always by e-mail, in Vietnamese: the account's address).</summary>
    public static Notification StaffMessage(int unitId, string eventKey, NotificationMoment moment, string userId, string email, Dictionary<string, string> data, DateTime now) =>
        Message(unitId, eventKey, moment, NotificationChannel.Email, email, "vi", data, now, userId: userId);

    private static NotificationMoment? MomentOf(DossierAction a) => a switch
    {
        DossierAction.Accept => NotificationMoment.DossierReceived,
        DossierAction.RequestSupplement => NotificationMoment.SupplementRequested,
        DossierAction.Complete => NotificationMoment.ResultReady,
        DossierAction.Return => NotificationMoment.ResultReturned,
        _ => null,
    };

    private static NotificationMoment? MomentOf(PetitionEvent ev) => ev.Action switch
    {
        PetitionAction.Submitted => NotificationMoment.PetitionReceived,
        PetitionAction.InfoRequested => NotificationMoment.PetitionNeedsInfo,
        PetitionAction.Answered or PetitionAction.AnswerApproved when ev.Status == PetitionStatus.Answered => NotificationMoment.PetitionAnswered,
        PetitionAction.TransferredOut => NotificationMoment.PetitionTransferred,
        _ => null,
    };

    private static bool Changed(EntityEntry entry, string property)
    {
        var p = entry.Property(property);
        return p.IsModified && !Equals(p.OriginalValue, p.CurrentValue);
    }

    private static async Task<Dossier?> DossierOfAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.ChangeTracker.Entries<Dossier>().FirstOrDefault(e => e.Entity.Id == id)?.Entity
        ?? (id > 0 ? await db.Dossiers.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) : null);

    private static async Task<Petition?> PetitionOfAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.ChangeTracker.Entries<Petition>().FirstOrDefault(e => e.Entity.Id == id)?.Entity
        ?? (id > 0 ? await db.Petitions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) : null);

    /// <summary>The public base address: App:PublicBaseUrl, else the request's own, else the default local address.</summary>
    private string Links() => BaseUrl(root);

    /// <summary>The address links in messages start with: App:PublicBaseUrl, else the current request's, else the local default.</summary>
    public static string BaseUrl(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IConfiguration>()["App:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
        var request = services.GetService<IHttpContextAccessor>()?.HttpContext?.Request;
        return request is null ? "http://localhost:5080" : $"{request.Scheme}://{request.Host}";
    }

    private string WithdrawLink(string baseUrl, string kind, string trackingKey) => WithdrawLink(root, baseUrl, kind, trackingKey);

    /// <summary>The link every citizen message carries to stop the messages of that dossier, petition or subscription.</summary>
    public static string WithdrawLink(IServiceProvider services, string baseUrl, string kind, string key) =>
        $"{baseUrl}/thong-bao/tu-choi?t={Uri.EscapeDataString(WithdrawToken(services, kind, key))}";

    /// <summary>The token of the withdrawal link: "d", "p" or "s" and the tracking (or subscription) key, data-protected.</summary>
    public static string WithdrawToken(IServiceProvider services, string kind, string key) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(WithdrawPurpose).Protect($"{kind}:{key}");

    /// <summary>A date and time in Vietnam time, as the message's language writes it.</summary>
    public static string When(DateTime utc, string language)
    {
        var local = VietnamTime.FromUtc(utc);
        return language == "en"
            ? local.ToString("HH:mm, d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
            : local.ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
    }
}
