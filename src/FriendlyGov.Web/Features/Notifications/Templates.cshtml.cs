using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Notifications;

public sealed class TemplateInput
{
    public NotificationMoment Moment { get; set; } = NotificationMoment.DossierReceived;
    public NotificationChannel Channel { get; set; } = NotificationChannel.Email;
    public string Language { get; set; } = "vi";
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public string? ProviderTemplateId { get; set; }
    /// <summary>Where a test send goes (the editor's own address or phone).</summary>
    public string? TestTo { get; set; }
}

/// <summary>
/// Mẫu thông báo: the province's wording of each moment, per channel and language, with the placeholders it may use, a
/// preview on sample values, a test send through the real channel, and a check of every placeholder when saved.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class TemplatesModel(AppDbContext db, ChannelDirectory directory, IEnumerable<INotificationChannel> channels, TimeProvider clock) : PageModel
{
    [BindProperty] public TemplateInput Input { get; set; } = new();
    public string? Preview { get; private set; }
    public string? PreviewSubject { get; private set; }
    public string? TestAnswer { get; private set; }
    public bool IsOwn { get; private set; }
    public int ProvinceId { get; private set; }
    public List<NotificationTemplate> Own { get; private set; } = [];

    public static Dictionary<string, string> Sample(NotificationMoment m) => new()
    {
        ["ten_xa"] = "UBND xã Quang Lộc", ["lien_ket"] = "https://dichvucong.example/tra-cuu/abc", ["huy_nhan"] = "https://dichvucong.example/thong-bao/tu-choi?t=…",
        ["ma_ho_so"] = "000.00.16.H26-261201-0001", ["thu_tuc"] = "Đăng ký khai sinh", ["han_tra"] = "16:00 ngày 03/12/2026",
        ["giay_to_bo_sung"] = "Giấy chứng sinh (bản chính)", ["ly_do"] = "Cần xác minh thêm thông tin", ["ngay_hen_moi"] = "16:00 ngày 08/12/2026",
        ["noi_nhan"] = "Bộ phận Một cửa xã Quang Lộc", ["mang_theo"] = "phiếu hẹn trả kết quả và giấy tờ tùy thân", ["phi"] = "không",
        ["danh_gia"] = "https://dichvucong.example/danh-gia/abc", ["ma_phan_anh"] = "PA-16060-2612-0001", ["han_tra_loi"] = "16:00 ngày 22/12/2026",
        ["noi_dung"] = "Vị trí cụ thể của ổ gà", ["tra_loi"] = "Xã đã vá đường ngày 05/12.", ["don_vi_moi"] = "UBND xã Chiềng Sinh",
        ["so_tre_han"] = "1", ["so_sap_den_han"] = "2", ["danh_sach"] = "- Hồ sơ 000.00.16.H26-261201-0001, hạn 16:00 ngày 03/12/2026",
    };

    public async Task<IActionResult> OnGetAsync(NotificationMoment? m, NotificationChannel? c, string? l)
    {
        if (!await ProvinceAsync()) return Forbid();
        (Input.Moment, Input.Channel, Input.Language) = (m ?? Input.Moment, c ?? Input.Channel, l == "en" ? "en" : "vi");
        if (!Enum.IsDefined(Input.Moment) || !Enum.IsDefined(Input.Channel)) return NotFound();
        var (text, providerId) = await OutboxDispatcher.TemplatesFor(db, ProvinceId, Input.Moment, Input.Channel, Input.Language, HttpContext.RequestAborted);
        (Input.Subject, Input.Body, Input.ProviderTemplateId) = (text.Subject, text.Body, providerId);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (!await ProvinceAsync()) return Forbid();
        if (Check()) Render();
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync()
    {
        if (!await ProvinceAsync()) return Forbid();
        if (string.IsNullOrWhiteSpace(Input.TestTo)) ModelState.AddModelError("Input.TestTo", "Ghi địa chỉ thư hoặc số điện thoại nhận thử.");
        if (!Check() || !ModelState.IsValid) return Page();
        Render();
        var settings = await directory.ForUnitAsync(ProvinceId);
        if (!settings.Has(Input.Channel)) { ModelState.AddModelError("", $"Tỉnh chưa cấu hình kênh {NotificationRules.Label(Input.Channel)}."); return Page(); }
        var channel = channels.First(x => x.Kind == Input.Channel);
        var body = Input.Channel == NotificationChannel.Sms && settings.Sms?.Unicode != true ? NotificationRules.WithoutDiacritics(Preview!) : Preview!;
        var result = await channel.SendAsync(settings, new OutgoingMessage(Guid.CreateVersion7(), Input.TestTo!.Trim(), "[Thử] " + PreviewSubject, body,
            Input.Moment, Sample(Input.Moment), string.IsNullOrWhiteSpace(Input.ProviderTemplateId) ? null : Input.ProviderTemplateId.Trim()), HttpContext.RequestAborted);
        TestAnswer = (result.Accepted ? "Đã gửi thử. " : "Gửi thử không được. ") + result.Answer;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!await ProvinceAsync()) return Forbid();
        if (!Check()) return Page();
        var own = await db.NotificationTemplates.FirstOrDefaultAsync(t => t.UnitId == ProvinceId && t.Moment == Input.Moment && t.Channel == Input.Channel && t.Language == Input.Language);
        own ??= db.NotificationTemplates.Add(new NotificationTemplate { UnitId = ProvinceId, Moment = Input.Moment, Channel = Input.Channel, Language = Input.Language, Body = "" }).Entity;
        (own.Subject, own.Body, own.ProviderTemplateId) = (Input.Channel == NotificationChannel.Email ? Input.Subject?.Trim() : null, Input.Body!.Trim(),
            string.IsNullOrWhiteSpace(Input.ProviderTemplateId) ? null : Input.ProviderTemplateId.Trim());
        (own.UpdatedBy, own.UpdatedAt) = (User.DisplayName(), clock.GetUtcNow().UtcDateTime);
        own.Version++;
        await db.SaveChangesAsync();
        this.Notice("Đã lưu mẫu thông báo.");
        return Redirect($"/can-bo/thong-bao/mau?m={Input.Moment}&c={Input.Channel}&l={Input.Language}");
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (!await ProvinceAsync()) return Forbid();
        await db.NotificationTemplates.Where(t => t.UnitId == ProvinceId && t.Moment == Input.Moment && t.Channel == Input.Channel && t.Language == Input.Language)
            .ExecuteDeleteAsync();
        this.Notice("Đã trở về mẫu mặc định.");
        return Redirect($"/can-bo/thong-bao/mau?m={Input.Moment}&c={Input.Channel}&l={Input.Language}");
    }

    private bool Check()
    {
        if (!Enum.IsDefined(Input.Moment) || !Enum.IsDefined(Input.Channel)) { ModelState.AddModelError("", "Chọn thông báo và kênh trong danh sách."); return false; }
        Input.Language = Input.Language == "en" ? "en" : "vi";
        if (Input.Subject?.Length > 300) ModelState.AddModelError("Input.Subject", "Tiêu đề tối đa 300 ký tự.");
        if (Input.Body?.Length > 4000) ModelState.AddModelError("Input.Body", "Nội dung tối đa 4000 ký tự.");
        if (Input.ProviderTemplateId?.Length > 60) ModelState.AddModelError("Input.ProviderTemplateId", "Mã mẫu ZNS tối đa 60 ký tự.");
        foreach (var p in NotificationRules.Problems(Input.Moment, Input.Channel, Input.Subject, Input.Body ?? ""))
            ModelState.AddModelError("Input.Body", p);
        return ModelState.IsValid;
    }

    private void Render()
    {
        var sample = Sample(Input.Moment);
        Preview = NotificationRules.Render(Input.Body ?? "", sample);
        PreviewSubject = Input.Subject is { } s ? NotificationRules.Render(s, sample) : null;
    }

    /// <summary>The supervisor's province (a province-level supervisor edits its templates; others only read theirs).</summary>
    private async Task<bool> ProvinceAsync()
    {
        if (User.UnitId() is not int unit) return false;
        ProvinceId = directory.ProvinceOf(unit);
        if (ProvinceId != unit) return false;
        Own = await db.NotificationTemplates.AsNoTracking().Where(t => t.UnitId == ProvinceId).ToListAsync();
        IsOwn = Own.Any(t => t.Moment == Input.Moment && t.Channel == Input.Channel && t.Language == Input.Language);
        return true;
    }
}
