using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using FriendlyGov.Core.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Polly;
using Polly.Registry;

namespace FriendlyGov.Web.Features.Notifications;

/// <summary>A rendered message, ready for a channel. The id is the provider's request id, so a resend is recognised.</summary>
public sealed record OutgoingMessage(Guid Id, string Recipient, string? Subject, string Body, NotificationMoment Moment,
    IReadOnlyDictionary<string, string> Data, string? ProviderTemplateId);

/// <summary>What the provider said. Permanent: trying again will not help (bad address, bad credentials, refused content).</summary>
public sealed record SendResult(bool Accepted, bool Permanent, string Answer, string? ProviderMessageId)
{
    public static SendResult Transient(string answer) => new(false, false, answer, null);
}

public interface INotificationChannel
{
    NotificationChannel Kind { get; }
    Task<SendResult> SendAsync(ChannelSettings settings, OutgoingMessage message, CancellationToken ct);
}

/// <summary>E-mail through any SMTP relay, with MailKit. The Message-ID is the outbox id: a resend is the same message.</summary>
public sealed class EmailChannel(ResiliencePipelineProvider<string> pipelines) : INotificationChannel
{
    public const string Pipeline = "smtp";
    public NotificationChannel Kind => NotificationChannel.Email;

    public static string MessageId(Guid id) => $"{id:N}@friendlygov";

    public async Task<SendResult> SendAsync(ChannelSettings settings, OutgoingMessage m, CancellationToken ct)
    {
        var s = settings.Email!;
        var mail = new MimeMessage { Subject = m.Subject ?? "", MessageId = MessageId(m.Id) };
        mail.From.Add(new MailboxAddress(s.FromName, s.From!));
        if (!MailboxAddress.TryParse(m.Recipient, out var to)) return new(false, true, "Địa chỉ thư điện tử không hợp lệ.", null);
        mail.To.Add(to);
        mail.Body = new TextPart("plain") { Text = m.Body };
        try
        {
            var answer = await pipelines.GetPipeline(Pipeline).ExecuteAsync(async token =>
            {
                using var smtp = new SmtpClient { Timeout = 15_000 };
                await smtp.ConnectAsync(s.Host!, s.Port, s.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.StartTlsWhenAvailable, token);
                if (!string.IsNullOrEmpty(s.UserName)) await smtp.AuthenticateAsync(s.UserName, s.Password ?? "", token);
                var reply = await smtp.SendAsync(mail, token);
                await smtp.DisconnectAsync(true, token);
                return reply;
            }, ct);
            return new(true, false, Trim("250 " + answer), MessageId(m.Id));
        }
        catch (SmtpCommandException e) when (e.StatusCode is >= (MailKit.Net.Smtp.SmtpStatusCode)500 and < (MailKit.Net.Smtp.SmtpStatusCode)600)
        {
            return new(false, true, Trim($"{(int)e.StatusCode} {e.Message}"), null);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException
            or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return SendResult.Transient(Trim(e.GetType().Name + ": " + e.Message));
        }
    }

    internal static string Trim(string s) => s.Length <= 900 ? s : s[..900];
}

/// <summary>
/// SMS through eSMS.vn (developers.esms.vn, "Send OTP/Customer care message"): POST JSON to
/// /MainService.svc/json/SendMultipleMessage_V4_post_json/ with the API key, secret key and brand name; CodeResult 100 is
/// accepted and SMSID names the message; RequestId (our outbox id) makes eSMS refuse a duplicate; the delivery report comes
/// to CallbackUrl as a GET with SMSID and SendStatus (5 sent successfully, 4 rejected).
/// </summary>
public sealed class EsmsChannel(IHttpClientFactory http, CallbackUrls callbacks) : INotificationChannel
{
    public const string Client = "esms";
    public NotificationChannel Kind => NotificationChannel.Sms;

    public sealed record Answer(string? CodeResult, string? SMSID, string? ErrorMessage);
    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    public async Task<SendResult> SendAsync(ChannelSettings settings, OutgoingMessage m, CancellationToken ct)
    {
        var s = settings.Sms!;
        var body = new Dictionary<string, string>
        {
            ["ApiKey"] = s.ApiKey!, ["SecretKey"] = s.SecretKey!, ["Brandname"] = s.Brandname!, ["SmsType"] = "2",
            ["IsUnicode"] = s.Unicode ? "1" : "0", ["Sandbox"] = "0", ["Phone"] = m.Recipient, ["Content"] = m.Body,
            ["RequestId"] = m.Id.ToString("N"), ["CallbackUrl"] = callbacks.For("esms"),
        };
        try
        {
            using var response = await http.CreateClient(Client).PostAsJsonAsync(s.BaseUrl.TrimEnd('/') + "/MainService.svc/json/SendMultipleMessage_V4_post_json/", body, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                return SendResult.Transient(EmailChannel.Trim($"HTTP {(int)response.StatusCode} {text}"));
            if (!response.IsSuccessStatusCode) return new(false, true, EmailChannel.Trim($"HTTP {(int)response.StatusCode} {text}"), null);
            var a = JsonSerializer.Deserialize<Answer>(text, CaseInsensitive) ?? new(null, null, null);
            var said = $"CodeResult {a.CodeResult}{(a.ErrorMessage is { Length: > 0 } e ? ": " + e : "")}";
            return a.CodeResult switch
            {
                "100" => new(true, false, said, a.SMSID),
                "99" => SendResult.Transient(said), // unknown error: eSMS asks to try again
                _ => new(false, true, said, null),   // 101 authentication, 103 balance, 104 brand name, 118 content…
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or Polly.CircuitBreaker.BrokenCircuitException
            or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            return SendResult.Transient(EmailChannel.Trim(e.GetType().Name + ": " + e.Message));
        }
    }
}

/// <summary>
/// Zalo Notification Service (developers.zalo.me, "Gửi thông báo ZNS"): POST /message/template with the OA's access_token
/// header, the phone in 84… form, the approved template_id, template_data and tracking_id (our outbox id). error 0 is
/// accepted and data.msg_id names the message; the "user_received_message" webhook event reports delivery.
/// </summary>
public sealed class ZaloChannel(IHttpClientFactory http) : INotificationChannel
{
    public const string Client = "zalo";
    public NotificationChannel Kind => NotificationChannel.Zalo;

    public sealed record AnswerData([property: JsonPropertyName("msg_id")] string? MsgId);
    public sealed record Answer([property: JsonPropertyName("error")] int Error, [property: JsonPropertyName("message")] string? Message,
        [property: JsonPropertyName("data")] AnswerData? Data);

    /// <summary>Errors worth another try later: the rate limit (-32), an expired access token the province renews (-124), Zalo's own failure (-1).</summary>
    private static readonly int[] Transient = [-32, -124, -1];

    public async Task<SendResult> SendAsync(ChannelSettings settings, OutgoingMessage m, CancellationToken ct)
    {
        var s = settings.Zalo!;
        var template = m.ProviderTemplateId ?? (s.Templates.TryGetValue(m.Moment.ToString(), out var t) ? t : null);
        if (template is null) return new(false, true, $"Chưa có mẫu ZNS (template_id) cho thông báo {m.Moment}.", null);
        var request = new HttpRequestMessage(HttpMethod.Post, s.BaseUrl.TrimEnd('/') + "/message/template")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["phone"] = NotificationRules.InternationalPhone(m.Recipient), ["template_id"] = template,
                ["template_data"] = m.Data.Where(kv => kv.Key != "huy_nhan").ToDictionary(), ["tracking_id"] = m.Id.ToString("N"),
            }),
        };
        request.Headers.Add("access_token", s.AccessToken);
        try
        {
            using var response = await http.CreateClient(Client).SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                return SendResult.Transient(EmailChannel.Trim($"HTTP {(int)response.StatusCode} {text}"));
            if (!response.IsSuccessStatusCode) return new(false, true, EmailChannel.Trim($"HTTP {(int)response.StatusCode} {text}"), null);
            var a = JsonSerializer.Deserialize<Answer>(text) ?? new(-1, "empty answer", null);
            var said = $"error {a.Error}: {a.Message}";
            if (a.Error == 0) return new(true, false, said, a.Data?.MsgId);
            return Transient.Contains(a.Error) ? SendResult.Transient(said) : new(false, true, said, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or Polly.CircuitBreaker.BrokenCircuitException
            or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            return SendResult.Transient(EmailChannel.Trim(e.GetType().Name + ": " + e.Message));
        }
    }
}

/// <summary>The addresses the providers call back with delivery reports (public base address + a token they carry).</summary>
public sealed class CallbackUrls(IServiceProvider services, Microsoft.Extensions.Options.IOptionsMonitor<NotificationOptions> options)
{
    public string For(string provider)
    {
        var baseUrl = NotificationRaiser.BaseUrl(services);
        return $"{baseUrl}/api/v1/notifications/callbacks/{provider}?token={Uri.EscapeDataString(options.CurrentValue.CallbackToken ?? "")}";
    }
}
