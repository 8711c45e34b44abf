using System.Security.Cryptography;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Notifications;

public sealed class SubscribeInput
{
    /// <summary>The village's name, or empty for the whole commune.</summary>
    public string? Village { get; set; }
    public NotificationChannel? Channel { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set => field = InputRules.Phone(value); }
    public bool Consent { get; set; }
}

/// <summary>
/// Nhận tin lấy ý kiến: anyone asks to be told when the commune puts a matter to comment in their village. Nothing is sent
/// until the address confirms (one message asks); every message carries the link that stops them.
/// </summary>
[EnableRateLimiting(Shared.ClientLimits.CitizenSubmissions)]
public sealed class SubscribeModel(AppDbContext db, Petitions.PetitionCatalog catalog, SystemContexts systemContexts, ChannelDirectory directory, TimeProvider clock) : PageModel
{
    [BindProperty] public SubscribeInput Input { get; set; } = new();
    public AdministrativeUnit Unit { get; private set; } = null!;
    public List<string> Villages { get; private set; } = [];
    public List<NotificationChannel> Channels { get; private set; } = [];
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code) => await LoadAsync(code) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code)
    {
        if (!await LoadAsync(code)) return NotFound();
        if (this.RefuseUnreadableValues("Input")) return Page();
        var village = string.IsNullOrWhiteSpace(Input.Village) ? null : Input.Village.Trim();
        if (village is not null && !Villages.Contains(village)) ModelState.AddModelError("Input.Village", "Chọn thôn, bản trong danh sách.");
        if (Input.Channel is not { } channel || !Channels.Contains(channel)) ModelState.AddModelError("Input.Channel", "Chọn cách nhận tin.");
        var email = Input.Email?.Trim();
        var phone = Input.Phone?.Trim();
        if (Input.Channel == NotificationChannel.Email && !InputRules.IsEmail(email))
            ModelState.AddModelError("Input.Email", "Ghi địa chỉ thư điện tử hợp lệ.");
        if (Input.Channel is NotificationChannel.Sms or NotificationChannel.Zalo && !InputRules.IsPhone(phone))
            ModelState.AddModelError("Input.Phone", "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.");
        if (!Input.Consent) ModelState.AddModelError("Input.Consent", "Cần bạn đồng ý để UBND xã dùng địa chỉ này gửi tin lấy ý kiến.");
        if (!ModelState.IsValid) return Page();

        var recipient = Input.Channel == NotificationChannel.Email ? email! : phone!;
        // A visitor writes nothing through the request's scope: the subscription is the public use case's own write.
        await using var system = systemContexts.Open("người dân (đăng ký nhận tin)");
        var existing = await system.AreaSubscriptions.FirstOrDefaultAsync(s => s.UnitId == Unit.Id && s.Village == village && s.Channel == Input.Channel
            && s.Recipient == recipient && s.WithdrawnAt == null);
        // Asking again sends nothing new: the first confirmation message stands (and nobody can flood an address from here).
        if (existing is null)
        {
            system.AreaSubscriptions.Add(new AreaSubscription
            {
                UnitId = Unit.Id, Village = village, Channel = Input.Channel!.Value, Recipient = recipient, Language = ChannelDirectory.CurrentLanguage(),
                Key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            await system.SaveChangesAsync();
        }
        Sent = true;
        return Page();
    }

    private async Task<bool> LoadAsync(string code)
    {
        if (await db.CommuneByCodeAsync(code) is not { IsCurrent: true } unit) return false;
        Unit = unit;
        Villages = [.. (await catalog.VillagesAsync(unit.Id)).Select(v => v.Name)];
        Channels = [.. (await directory.ForUnitAsync(unit.Id)).Available()];
        return true;
    }
}
