using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>What a sender (or the official entering it for them) fills in. The same shape for the form and for JSON.</summary>
public sealed class PetitionInput
{
    public string? Category { get; set; }
    public string? Title { get; set; }
    public string? Content { get; set; }
    public string? SenderName { get; set; }
    public string? SenderPhone { get; set => field = Core.Domain.InputRules.Phone(value); }
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

/// <summary>
/// How a petition came in: who may choose the channel, the partner app if any, and the citizen's account when the sender
/// was signed in (so it is listed under "Phản ánh của tôi").
/// </summary>
public sealed record PetitionOrigin(bool ByStaff, int? PartnerAppId = null, string? CitizenUserId = null)
{
    public static readonly PetitionOrigin Public = new(false);
}

/// <summary>
/// A petition arrives (the public form, the counter, a meeting, a partner app): checked as Decree 20/2008 asks, numbered,
/// routed to the field's default official, its photos cleaned, its clock started on the commune's working calendar.
/// </summary>
public sealed class SubmitPetition(AppDbContext db, Calendars calendars, PetitionCatalog catalog, TimeProvider clock, IUnitScope scope,
    IOptions<PetitionDeadlines> deadlines, Notifications.ChannelDirectory channels)
{
    public async Task<Outcome<Petition>> HandleAsync(AdministrativeUnit commune, PetitionInput input, IReadOnlyList<PhotoUpload> photos, PetitionOrigin origin)
    {
        var errors = new List<RuleViolation>();
        var category = (await catalog.CategoriesAsync(commune.Id)).FirstOrDefault(c => c.Code == input.Category?.Trim());
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
            village = (await catalog.VillagesAsync(commune.Id)).FirstOrDefault(v => v.Code == input.Village.Trim());
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
            UnitId = commune.Id, Code = "", TrackingKey = PetitionRecords.NewKey(), Channel = channel, CategoryCode = category!.Code, CategoryName = category.Name,
            Title = input.Title!.Trim(), Content = input.Content!.Trim(), SenderName = input.SenderName!.Trim(), SenderPhone = Blank(phone),
            SenderEmail = Blank(email), SenderAddress = Blank(input.SenderAddress), ShowName = input.ShowName, ConsentPublish = input.ConsentPublish,
            VillageId = village?.Id, VillageName = village?.Name, Latitude = input.Latitude, Longitude = input.Longitude, Place = Blank(input.Place),
            Meeting = Blank(input.Meeting), NotifyBy = input.NotifyBy,
            NotifyLanguage = input.NotifyBy is null ? null : Notifications.ChannelDirectory.CurrentLanguage(), SubmittedAt = now, PartnerAppId = origin.PartnerAppId,
            CitizenUserId = origin.ByStaff ? null : origin.CitizenUserId,
        };
        p.StartClock(calendar, now, deadlines.Value.AnswerDays);
        var assignee = category.DefaultAssigneeId is { } aid ? (await catalog.StaffAsync(commune.Id)).FirstOrDefault(s => s.Id == aid) : default;
        await using var tx = await db.Database.BeginWorkAsync();
        await PetitionRecords.NumberAsync(db, p, commune, local);
        db.PetitionEvents.Add(PetitionRecords.Event(scope, p, PetitionAction.Submitted, now, PetitionLifecycle.ChannelName(channel) + (p.Meeting is null ? "" : $" — {p.Meeting}")));
        if (assignee.Id is not null)
        {
            p.Assign(assignee.Id, assignee.Name);
            db.PetitionEvents.Add(PetitionRecords.Event(scope, p, PetitionAction.Assigned, now, $"{assignee.Name} (theo phân công mặc định của lĩnh vực “{category.Name}”)", system: true));
        }
        foreach (var photo in clean)
            db.PetitionPhotos.Add(new PetitionPhoto { UnitId = p.UnitId, PetitionId = p.Id, Width = photo.Width, Height = photo.Height, Size = photo.Jpeg.Length, Content = photo.Jpeg });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Outcome<Petition>.Success(p);
    }

    private static void Check(List<RuleViolation> errors, string field, string? value, int min, int max, string label)
    {
        var v = value?.Trim() ?? "";
        if (v.Length < min) errors.Add(new(field, min <= 1 ? $"Nhập {label.ToLowerInvariant()}." : $"{label} cần ít nhất {min} ký tự."));
        else if (v.Length > max) errors.Add(new(field, $"{label} tối đa {max:N0} ký tự.".Replace(",", ".")));
    }
}
