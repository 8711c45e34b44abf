using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Notifications;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Identity;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// Quên mật khẩu: a citizen's account is their phone number, so the phone proves who asks. A six-digit code (Identity's
/// time-based phone token, valid for at least 6 minutes and used once: the new password changes the security stamp it is
/// bound to) goes by SMS, or by e-mail to the account's address where the province has no SMS contract. The code is sent
/// straight to the provider and kept nowhere: not in the delivery log, which officials read, nor in any application log.
/// Guesses count on the sign-in counters (<see cref="SignInGuard"/>); sending is limited per phone, so nobody runs up a
/// province's SMS bill or floods a citizen's phone. Officials' passwords are reset by the administrator, not here.
/// </summary>
public sealed class PasswordCodes(UserManager<ApplicationUser> users, SignInGuard guard, CodeSender sender, PhoneCodeLimits limits, ILogger<PasswordCodes> log)
{
    public const string Purpose = "dat-lai-mat-khau";
    public const int ValidMinutes = 6;
    public const string Wrong = "Mã xác nhận không đúng hoặc đã hết hạn. Kiểm tra lại tin nhắn, hoặc xin mã mới.";

    /// <summary>Whether a code can be sent at all: the province-wide default has SMS or e-mail.</summary>
    public bool Available => sender.Settings.Has(NotificationChannel.Sms) || sender.Settings.Has(NotificationChannel.Email);

    /// <summary>
    /// Sends a code to the citizen account of this phone, if there is one and its sending limit allows; otherwise nothing. The
    /// caller answers the same either way.
    /// </summary>
    public async Task SendAsync(string phone, CancellationToken ct)
    {
        if (await CitizenAsync(phone) is not { } user) return;
        if (!await limits.ResetCodeToAsync(phone, ct))
        {
            log.LogWarning("Password code not sent: the phone's sending limit is reached");
            return;
        }
        var settings = sender.Settings;
        var channel = settings.Has(NotificationChannel.Sms) ? NotificationChannel.Sms
            : settings.Has(NotificationChannel.Email) && !string.IsNullOrWhiteSpace(user.Email) ? NotificationChannel.Email : (NotificationChannel?)null;
        if (channel is null)
        {
            log.LogWarning("Password code not sent: no SMS, and no e-mail for the account");
            return;
        }
        var code = await users.GenerateUserTokenAsync(user, TokenOptions.DefaultPhoneProvider, Purpose);
        var sent = await sender.SendAsync(channel.Value, channel == NotificationChannel.Sms ? phone : user.Email!,
            ("FriendlyGov: mã đặt lại mật khẩu", "FriendlyGov: your password reset code"),
            ($"Mã xác nhận đặt lại mật khẩu FriendlyGov: {code}. Mã dùng được trong {ValidMinutes} phút. Không đưa mã này cho bất kỳ ai, kể cả cán bộ.",
             $"FriendlyGov password reset code: {code}. It works for {ValidMinutes} minutes. Never give this code to anyone, officials included."), ct);
        if (sent.Accepted) log.LogInformation("Password code sent by {Channel}", channel);
        else log.LogError("Password code not sent by {Channel}: {Answer}", channel, sent.Answer);
    }

    /// <summary>
    /// Sets a new password for the citizen account of this phone when the code is right. A wrong code, an unknown phone and
    /// a held-back attempt get the same answer (<see cref="Wrong"/>); a password the rules refuse keeps the code usable.
    /// </summary>
    public async Task<Outcome<ApplicationUser>> ResetAsync(HttpContext http, string phone, string code, string password)
    {
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (!await guard.AllowedAsync(phone, address, device: null))
        {
            await guard.FailedAsync(phone, address, device: null, heldBack: true);
            return Outcome<ApplicationUser>.Invalid([new("Code", Wrong)]);
        }
        var user = await CitizenAsync(phone);
        var right = user is not null && await users.VerifyUserTokenAsync(user, TokenOptions.DefaultPhoneProvider, Purpose, code.Trim());
        if (!right)
        {
            await guard.FailedAsync(phone, address, device: null);
            return Outcome<ApplicationUser>.Invalid([new("Code", Wrong)]);
        }
        // A code that went by SMS (the channel chosen whenever the province has one) proves the phone, as registration does.
        if (sender.Settings.Has(NotificationChannel.Sms)) user!.PhoneNumberConfirmed = true;
        var result = await users.ResetPasswordAsync(user!, await users.GeneratePasswordResetTokenAsync(user!), password);
        if (!result.Succeeded) return Outcome<ApplicationUser>.Invalid([.. result.Errors.Select(e => new RuleViolation("Password", e.Description))]);
        await guard.SucceededAsync(http, phone, device: null);
        log.LogInformation("Password reset with a code");
        return Outcome<ApplicationUser>.Success(user!);
    }

    /// <summary>The citizen account whose user name is this phone; officials' names are not phones, and get nothing.</summary>
    private async Task<ApplicationUser?> CitizenAsync(string phone) =>
        await users.FindByNameAsync(phone) is { } user && await users.IsInRoleAsync(user, Roles.Citizen) ? user : null;
}
