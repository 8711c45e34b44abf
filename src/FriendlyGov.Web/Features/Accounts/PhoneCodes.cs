using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Notifications;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.DataProtection;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// The windows that keep codes sent to phones from becoming a nuisance or a bill: three password-reset codes and three
/// registration codes an hour to one phone; ten registration codes an hour from one client, so nobody pumps SMS to numbers
/// of their choosing through the form; five registration codes tried an hour per phone. Counted across instances where the
/// limits are shared (<see cref="SharedLimits"/>).
/// </summary>
public sealed class PhoneCodeLimits(SharedLimits limits) : IDisposable
{
    public const int PerPhonePerHour = 3, PerClientPerHour = 10, GuessesPerHour = 5;

    private readonly PartitionedRateLimiter<string> _resetsToPhone = Hourly(limits, "password-codes", PerPhonePerHour);
    private readonly PartitionedRateLimiter<string> _registrationsToPhone = Hourly(limits, "registration-codes", PerPhonePerHour);
    private readonly PartitionedRateLimiter<string> _fromClient = Hourly(limits, "registration-codes-client", PerClientPerHour);
    private readonly PartitionedRateLimiter<string> _guesses = Hourly(limits, "registration-guesses", GuessesPerHour);

    private static PartitionedRateLimiter<string> Hourly(SharedLimits limits, string policy, int permits) =>
        PartitionedRateLimiter.Create<string, string>(who => limits.Window(policy, who, permits, TimeSpan.FromHours(1)));

    private static async Task<bool> TakeAsync(PartitionedRateLimiter<string> limiter, string who, CancellationToken ct)
    {
        using var lease = await limiter.AcquireAsync(who, 1, ct);
        return lease.IsAcquired;
    }

    /// <summary>One more password-reset code to this phone; false when its hour's are spent.</summary>
    public Task<bool> ResetCodeToAsync(string phone, CancellationToken ct) => TakeAsync(_resetsToPhone, phone, ct);

    /// <summary>One more registration code to this phone; false when its hour's are spent.</summary>
    public Task<bool> RegistrationCodeToAsync(string phone, CancellationToken ct) => TakeAsync(_registrationsToPhone, phone, ct);

    /// <summary>One more registration code asked from this client; false when its hour's are spent.</summary>
    public Task<bool> AskFromAsync(string client, CancellationToken ct) => TakeAsync(_fromClient, client, ct);

    /// <summary>One more registration code tried for this phone; false when its hour's tries are spent.</summary>
    public Task<bool> GuessAsync(string phone, CancellationToken ct) => TakeAsync(_guesses, phone, ct);

    public void Dispose()
    {
        _resetsToPhone.Dispose();
        _registrationsToPhone.Dispose();
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

/// <summary>What a registration waits with while the phone is being proven: kept only in the page, sealed by the app.</summary>
public sealed record PendingRegistration(string FullName, string Phone, string PasswordHash, string Code);

/// <summary>
/// Registration proves the phone: a citizen's account is their phone number, and Quên mật khẩu, "Lưu vào Phản ánh của tôi"
/// and the province's messages all trust it. Where the province has an SMS contract, the form sends a six-digit code to the
/// phone and creates the account only when the code comes back. Nothing is stored until then: the name, the phone, the
/// password's hash and the code travel in the page, encrypted and signed with the app's data-protection keys (shared by
/// every instance) and good for <see cref="ValidMinutes"/> minutes. The code is never logged. Where there is no SMS, the
/// phone cannot be proven; the account is made at once and marked unconfirmed, as before.
/// </summary>
public sealed class RegistrationCodes(CodeSender sender, PhoneCodeLimits limits, IDataProtectionProvider protection, ILogger<RegistrationCodes> log)
{
    public const int ValidMinutes = 10;
    public const string Wrong = "Mã xác nhận không đúng. Kiểm tra lại tin nhắn, hoặc xin mã mới.";
    public const string Expired = "Mã xác nhận đã hết hạn. Hãy điền lại và xin mã mới.";
    public const string TooManyGuesses = "Đã nhập sai mã quá nhiều lần. Hãy thử lại sau một giờ.";
    public const string TooManyCodes = "Đã gửi quá nhiều mã tới số này hoặc từ máy này. Hãy thử lại sau một giờ.";
    public const string NotSent = "Chưa gửi được tin nhắn tới số này. Kiểm tra lại số điện thoại, hoặc thử lại sau ít phút.";

    private readonly ITimeLimitedDataProtector _seal = protection.CreateProtector("FriendlyGov.Accounts.Registration").ToTimeLimitedDataProtector();

    /// <summary>Whether the phone can be proven: the province-wide default has SMS.</summary>
    public bool Required => sender.Settings.Has(NotificationChannel.Sms);

    /// <summary>
    /// Sends a new code for this registration; the sealed registration to carry in the page, or the reason it was not sent
    /// (field <c>Phone</c>).
    /// </summary>
    public async Task<Outcome<string>> SendAsync(string fullName, string phone, string passwordHash, string client, CancellationToken ct)
    {
        if (!await limits.AskFromAsync(client, ct) || !await limits.RegistrationCodeToAsync(phone, ct))
        {
            log.LogWarning("Registration code not sent: a sending limit is reached");
            return Outcome<string>.Refused(new Failure.Throttled(TooManyCodes));
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var sent = await sender.SendAsync(NotificationChannel.Sms, phone,
            ("FriendlyGov: mã xác nhận đăng ký", "FriendlyGov: your registration code"),
            ($"Mã xác nhận đăng ký tài khoản FriendlyGov: {code}. Mã dùng được trong {ValidMinutes} phút. Không đưa mã này cho bất kỳ ai, kể cả cán bộ.",
             $"FriendlyGov registration code: {code}. It works for {ValidMinutes} minutes. Never give this code to anyone, officials included."), ct);
        if (!sent.Accepted)
        {
            log.LogError("Registration code not sent by SMS: {Answer}", sent.Answer);
            return Outcome<string>.Invalid([new("Phone", NotSent)]);
        }
        log.LogInformation("Registration code sent by SMS");
        var pending = new PendingRegistration(fullName, phone, passwordHash, code);
        return Outcome<string>.Success(_seal.Protect(JsonSerializer.Serialize(pending), TimeSpan.FromMinutes(ValidMinutes)));
    }

    /// <summary>The registration sealed in the page, or null when it was altered or its time is up.</summary>
    public PendingRegistration? Open(string? sealedRegistration)
    {
        if (string.IsNullOrEmpty(sealedRegistration) || sealedRegistration.Length > 4096) return null;
        try { return JsonSerializer.Deserialize<PendingRegistration>(_seal.Unprotect(sealedRegistration)); }
        catch (CryptographicException) { return null; }
        catch (JsonException) { return null; }
    }

    /// <summary>
    /// Whether the typed code is this registration's (as people type it, with spaces). Every try counts against the phone, and
    /// once its tries are spent even the right code is refused, so six digits cannot be walked.
    /// </summary>
    public async Task<Outcome<bool>> CheckAsync(PendingRegistration pending, string typed, CancellationToken ct)
    {
        var digits = new string([.. (typed ?? "").Where(char.IsAsciiDigit)]);
        if (!await limits.GuessAsync(pending.Phone, ct)) return Outcome<bool>.Refused(new Failure.Throttled(TooManyGuesses));
        var right = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(digits), Encoding.ASCII.GetBytes(pending.Code));
        return right ? Outcome<bool>.Success(true) : Outcome<bool>.Invalid([new("Code", Wrong)]);
    }
}
