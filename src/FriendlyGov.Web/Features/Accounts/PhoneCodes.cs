using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Notifications;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.DataProtection;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// The windows that keep codes sent to phones from becoming a nuisance or a bill: three password-reset codes and three codes
/// proving a phone (registering, changing the number) an hour to one phone; ten of the latter an hour from one client, so
/// nobody pumps SMS to numbers of their choosing through the forms; five such codes tried an hour per phone. Counted across
/// instances where the limits are shared (<see cref="SharedLimits"/>).
/// </summary>
public sealed class PhoneCodeLimits(SharedLimits limits) : IDisposable
{
    public const int PerPhonePerHour = 3, PerClientPerHour = 10, GuessesPerHour = 5;

    private readonly PartitionedRateLimiter<string> _resetsToPhone = Hourly(limits, "password-codes", PerPhonePerHour);
    private readonly PartitionedRateLimiter<string> _proofsToPhone = Hourly(limits, "phone-proof-codes", PerPhonePerHour);
    private readonly PartitionedRateLimiter<string> _fromClient = Hourly(limits, "phone-proof-client", PerClientPerHour);
    private readonly PartitionedRateLimiter<string> _guesses = Hourly(limits, "phone-proof-guesses", GuessesPerHour);

    private static PartitionedRateLimiter<string> Hourly(SharedLimits limits, string policy, int permits) =>
        PartitionedRateLimiter.Create<string, string>(who => limits.Window(policy, who, permits, TimeSpan.FromHours(1)));

    private static async Task<bool> TakeAsync(PartitionedRateLimiter<string> limiter, string who, CancellationToken ct)
    {
        using var lease = await limiter.AcquireAsync(who, 1, ct);
        return lease.IsAcquired;
    }

    /// <summary>One more password-reset code to this phone; false when its hour's are spent.</summary>
    public Task<bool> ResetCodeToAsync(string phone, CancellationToken ct) => TakeAsync(_resetsToPhone, phone, ct);

    /// <summary>One more code proving this phone; false when its hour's are spent.</summary>
    public Task<bool> ProofCodeToAsync(string phone, CancellationToken ct) => TakeAsync(_proofsToPhone, phone, ct);

    /// <summary>One more code proving a phone asked from this client; false when its hour's are spent.</summary>
    public Task<bool> AskFromAsync(string client, CancellationToken ct) => TakeAsync(_fromClient, client, ct);

    /// <summary>One more code tried for this phone; false when its hour's tries are spent.</summary>
    public Task<bool> GuessAsync(string phone, CancellationToken ct) => TakeAsync(_guesses, phone, ct);

    public void Dispose()
    {
        _resetsToPhone.Dispose();
        _proofsToPhone.Dispose();
        _fromClient.Dispose();
        _guesses.Dispose();
    }
}

/// <summary>Sends a one-time code: in the reader's language, without diacritics where the SMS contract is not Unicode.</summary>
public sealed class CodeSender(ChannelDirectory directory, IEnumerable<INotificationChannel> channels)
{
    public NotificationOptions Settings => directory.Options;

    public async Task<SendResult> SendAsync(NotificationChannel channel, string recipient, (string Vi, string En) subject, (string Vi, string En) body,
        CancellationToken ct)
    {
        var settings = directory.Options;
        var english = ChannelDirectory.CurrentLanguage() == "en";
        var text = english ? body.En : body.Vi;
        if (channel == NotificationChannel.Sms && settings.Sms?.Unicode != true) text = NotificationRules.WithoutDiacritics(text);
        var message = new OutgoingMessage(Guid.NewGuid(), recipient, english ? subject.En : subject.Vi, text,
            default, new Dictionary<string, string>(), null); // no moment: only Zalo's templates read one, and a code never goes by Zalo
        return await channels.First(c => c.Kind == channel).SendAsync(settings, message, ct);
    }
}

/// <summary>The code step's form, the same wherever a phone is proven: the sealed step and the code as typed.</summary>
public sealed class CodeInput
{
    public string Pending { get; set; } = "";

    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Nhập mã xác nhận.")]
    [System.ComponentModel.DataAnnotations.StringLength(12, ErrorMessage = "Mã xác nhận gồm 6 chữ số.")]
    [System.ComponentModel.DataAnnotations.Display(Name = "Mã xác nhận")]
    public string Code { get; set; } = "";
}

/// <summary>A proof under way: the phone the code went to and the code. Kept only in the page, sealed by the app.</summary>
public interface IPendingProof
{
    string Phone { get; }
    string Code { get; }
}

/// <summary>What a registration waits with while the phone is being proven.</summary>
public sealed record PendingRegistration(string FullName, string Phone, string PasswordHash, string Code) : IPendingProof;

/// <summary>What a change of an account's phone waits with: the account, as it stood (its stamp), and the new phone.</summary>
public sealed record PendingPhoneChange(string UserId, string SecurityStamp, string Phone, string Code) : IPendingProof;

/// <summary>
/// Proves a phone with a six-digit code texted to it, where the province has an SMS contract. A citizen's account is their
/// phone number, and Quên mật khẩu, "Lưu vào Phản ánh của tôi" and the province's messages all trust it, so registering
/// and changing the number both wait for the code. Nothing is stored until it comes back: what the step waits with (the
/// name and the password's hash of a registration; the account of a change) travels in the page with the code, encrypted
/// and signed with the app's data-protection keys (shared by every instance), good for <see cref="ValidMinutes"/> minutes,
/// under a purpose of its own, so one kind cannot be passed off as the other. The code is never logged. Where there is no
/// SMS, a phone cannot be proven: registration makes the account at once, unconfirmed, and a number cannot be changed.
/// </summary>
public sealed class PhoneProof(CodeSender sender, PhoneCodeLimits limits, IDataProtectionProvider protection, ILogger<PhoneProof> log)
{
    public const int ValidMinutes = 10;
    public const string Wrong = "Mã xác nhận không đúng. Kiểm tra lại tin nhắn, hoặc xin mã mới.";
    public const string Expired = "Mã xác nhận đã hết hạn. Hãy điền lại và xin mã mới.";
    public const string TooManyGuesses = "Đã nhập sai mã quá nhiều lần. Hãy thử lại sau một giờ.";
    public const string TooManyCodes = "Đã gửi quá nhiều mã tới số này hoặc từ máy này. Hãy thử lại sau một giờ.";
    public const string NotSent = "Chưa gửi được tin nhắn tới số này. Kiểm tra lại số điện thoại, hoặc thử lại sau ít phút.";

    private readonly ITimeLimitedDataProtector _registrations = protection.CreateProtector("FriendlyGov.Accounts.Registration").ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector _changes = protection.CreateProtector("FriendlyGov.Accounts.PhoneChange").ToTimeLimitedDataProtector();

    /// <summary>Whether a phone can be proven: the province-wide default has SMS.</summary>
    public bool Available => sender.Settings.Has(NotificationChannel.Sms);

    /// <summary>Sends a code for this registration; the sealed registration to carry in the page, or why not (field <c>Phone</c>).</summary>
    public async Task<Outcome<string>> SendRegistrationAsync(string fullName, string phone, string passwordHash, string client, CancellationToken ct)
    {
        var code = await SendCodeAsync(phone, client, code =>
            ($"Mã xác nhận đăng ký tài khoản FriendlyGov: {code}. Mã dùng được trong {ValidMinutes} phút. Không đưa mã này cho bất kỳ ai, kể cả cán bộ.",
             $"FriendlyGov registration code: {code}. It works for {ValidMinutes} minutes. Never give this code to anyone, officials included."), ct);
        return code.Ok ? Outcome<string>.Success(Seal(_registrations, new PendingRegistration(fullName, phone, passwordHash, code.Value!))) : code;
    }

    /// <summary>Sends a code to the account's new phone; the sealed change to carry in the page, or why not (field <c>Phone</c>).</summary>
    public async Task<Outcome<string>> SendChangeAsync(ApplicationUser account, string phone, string client, CancellationToken ct)
    {
        var code = await SendCodeAsync(phone, client, code =>
            ($"Mã xác nhận đổi số điện thoại tài khoản FriendlyGov: {code}. Mã dùng được trong {ValidMinutes} phút. Không đưa mã này cho bất kỳ ai, kể cả cán bộ.",
             $"FriendlyGov code to change your account's phone: {code}. It works for {ValidMinutes} minutes. Never give this code to anyone, officials included."), ct);
        return code.Ok ? Outcome<string>.Success(Seal(_changes, new PendingPhoneChange(account.Id, account.SecurityStamp ?? "", phone, code.Value!))) : code;
    }

    /// <summary>Tells the old phone that the account moved to another number, so an owner who did not do it knows at once.</summary>
    public async Task TellOldPhoneAsync(string oldPhone, string newPhone, CancellationToken ct)
    {
        var sent = await sender.SendAsync(NotificationChannel.Sms, oldPhone, ("FriendlyGov: đã đổi số điện thoại", "FriendlyGov: phone changed"),
            ($"Tài khoản FriendlyGov của số này đã chuyển sang số điện thoại có đuôi {newPhone[^3..]}. Nếu không phải bạn đổi, hãy báo ngay cho UBND xã.",
             $"The FriendlyGov account of this number has moved to the phone ending in {newPhone[^3..]}. If you did not do this, tell the commune at once."), ct);
        if (!sent.Accepted) log.LogError("The old phone was not told of the change: {Answer}", sent.Answer);
    }

    public PendingRegistration? OpenRegistration(string? sealedText) => Open<PendingRegistration>(_registrations, sealedText);

    public PendingPhoneChange? OpenChange(string? sealedText) => Open<PendingPhoneChange>(_changes, sealedText);

    /// <summary>
    /// Whether the typed code is the one sent (as people type it, with spaces). Every try counts against the phone, and once
    /// its tries are spent even the right code is refused, so six digits cannot be walked.
    /// </summary>
    public async Task<Outcome<bool>> CheckAsync(IPendingProof pending, string typed, CancellationToken ct)
    {
        var digits = new string([.. (typed ?? "").Where(char.IsAsciiDigit)]);
        if (!await limits.GuessAsync(pending.Phone, ct)) return Outcome<bool>.Refused(new Failure.Throttled(TooManyGuesses));
        var right = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(digits), Encoding.ASCII.GetBytes(pending.Code));
        return right ? Outcome<bool>.Success(true) : Outcome<bool>.Invalid([new("Code", Wrong)]);
    }

    /// <summary>A new code texted to the phone, within the limits per client and per phone; the code, or why it was not sent.</summary>
    private async Task<Outcome<string>> SendCodeAsync(string phone, string client, Func<string, (string Vi, string En)> text, CancellationToken ct)
    {
        if (!await limits.AskFromAsync(client, ct) || !await limits.ProofCodeToAsync(phone, ct))
        {
            log.LogWarning("Phone code not sent: a sending limit is reached");
            return Outcome<string>.Refused(new Failure.Throttled(TooManyCodes));
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var sent = await sender.SendAsync(NotificationChannel.Sms, phone, ("FriendlyGov: mã xác nhận", "FriendlyGov: your code"), text(code), ct);
        if (!sent.Accepted)
        {
            log.LogError("Phone code not sent by SMS: {Answer}", sent.Answer);
            return Outcome<string>.Invalid([new("Phone", NotSent)]);
        }
        log.LogInformation("Phone code sent by SMS");
        return Outcome<string>.Success(code);
    }

    private static string Seal<T>(ITimeLimitedDataProtector seal, T pending) =>
        seal.Protect(JsonSerializer.Serialize(pending), TimeSpan.FromMinutes(ValidMinutes));

    /// <summary>What the page carried, or null when it was altered, sealed for another purpose, or its time is up.</summary>
    private static T? Open<T>(ITimeLimitedDataProtector seal, string? sealedText) where T : class
    {
        if (string.IsNullOrEmpty(sealedText) || sealedText.Length > 4096) return null;
        try { return JsonSerializer.Deserialize<T>(seal.Unprotect(sealedText)); }
        catch (CryptographicException) { return null; }
        catch (JsonException) { return null; }
    }
}
