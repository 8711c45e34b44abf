using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.Extensions.Options;

namespace FriendlyGov.Web.Features.Notifications;

/// <summary>
/// The channels of one province (a commune has no contract of its own). <c>Notifications:Email|Sms|Zalo</c> is the default,
/// <c>Notifications:Provinces:&lt;province code&gt;:…</c> replaces a channel for that province. A channel without its
/// settings is not configured, and then not offered to citizens.
/// </summary>
public class ChannelSettings
{
    public EmailSettings? Email { get; set; }
    public SmsSettings? Sms { get; set; }
    public ZaloSettings? Zalo { get; set; }
    /// <summary>No SMS between these times (Vietnam time), "21:00-07:00" by default; empty for none.</summary>
    public string? QuietHours { get; set; }

    public bool Has(NotificationChannel c) => c switch
    {
        NotificationChannel.Email => Email?.Configured == true,
        NotificationChannel.Sms => Sms?.Configured == true,
        NotificationChannel.Zalo => Zalo?.Configured == true,
        _ => false,
    };

    public IEnumerable<NotificationChannel> Available() => Enum.GetValues<NotificationChannel>().Where(Has);

    public (TimeOnly From, TimeOnly To)? Quiet()
    {
        var text = QuietHours ?? "21:00-07:00";
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && TimeOnly.TryParse(parts[0], out var from) && TimeOnly.TryParse(parts[1], out var to) ? (from, to) : null;
    }
}

public sealed class EmailSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? From { get; set; }
    public string FromName { get; set; } = "FriendlyGov";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Require STARTTLS (a relay on loopback may go without).</summary>
    public bool StartTls { get; set; }
    public bool Configured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

/// <summary>eSMS.vn's REST API (SendMultipleMessage_V4_post_json, customer-care type 2, with a brand name).</summary>
public sealed class SmsSettings
{
    public string BaseUrl { get; set; } = "https://rest.esms.vn";
    public string? ApiKey { get; set; }
    public string? SecretKey { get; set; }
    public string? Brandname { get; set; }
    /// <summary>Send with diacritics (IsUnicode=1: 70 characters a segment); off by default, as most brand names are sent.</summary>
    public bool Unicode { get; set; }
    public bool Configured => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(Brandname);
}

/// <summary>Zalo Notification Service (ZNS) of the province's Official Account.</summary>
public sealed class ZaloSettings
{
    public string BaseUrl { get; set; } = "https://business.openapi.zalo.me";
    public string? AccessToken { get; set; }
    public string? AppId { get; set; }
    /// <summary>The OA secret key the webhook signature (X-ZEvent-Signature) is made with.</summary>
    public string? OaSecretKey { get; set; }
    /// <summary>The approved ZNS template id of each moment (by moment name); a province's template page may override it.</summary>
    public Dictionary<string, string> Templates { get; set; } = [];
    public bool Configured => !string.IsNullOrWhiteSpace(AccessToken);
}

public sealed class NotificationOptions : ChannelSettings
{
    public Dictionary<string, ChannelSettings> Provinces { get; set; } = [];
    /// <summary>Days after an answer when the sender is asked whether the problem was resolved (FixMyStreet asks after four weeks).</summary>
    public int ResolvedCheckDays { get; set; } = 28;
    /// <summary>How long an instance holds a message it is sending before another may take it over (it crashed).</summary>
    public int LeaseSeconds { get; set; } = 120;
    /// <summary>How often the outbox is looked at when nothing wakes it.</summary>
    public int PollSeconds { get; set; } = 10;
    /// <summary>The token the providers' delivery reports carry in their callback address.</summary>
    public string? CallbackToken { get; set; }
    /// <summary>
    /// Days the delivery log keeps a message's address, values and text; after them the row keeps only what happened
    /// (moment, channel, status, times) with the address masked (Decree 13/2023: no longer than the purpose needs).
    /// </summary>
    public int KeepDays { get; set; } = 365;
    /// <summary>Send from this instance (off for a web-only instance; the outbox then waits for another).</summary>
    public bool Dispatch { get; set; } = true;
}

/// <summary>Which province a unit is in, and that province's channels.</summary>
public sealed class ChannelDirectory(IOptionsMonitor<NotificationOptions> options, UnitDirectory units, IServiceProvider services)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _codes = new();

    public NotificationOptions Options => options.CurrentValue;

    public int ProvinceOf(int unitId)
    {
        var graph = units.Graph;
        var node = graph.Find(unitId);
        while (node is { Level: not UnitLevel.Province, ParentId: int parent } && graph.Find(parent) is { } up) node = up;
        return node?.Id ?? unitId;
    }

    public async Task<ChannelSettings> ForUnitAsync(int unitId)
    {
        var o = options.CurrentValue;
        if (o.Provinces.Count == 0) return o;
        var province = ProvinceOf(unitId);
        if (!_codes.TryGetValue(province, out var code))
        {
            await using var db = Database.OpenSystemContext(services, "notifications");
            code = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                db.Units.Where(u => u.Id == province).Select(u => u.Code)) ?? "";
            _codes[province] = code;
        }
        if (!o.Provinces.TryGetValue(code, out var p)) return o;
        return new ChannelSettings { Email = p.Email ?? o.Email, Sms = p.Sms ?? o.Sms, Zalo = p.Zalo ?? o.Zalo, QuietHours = p.QuietHours ?? o.QuietHours };
    }

    /// <summary>
    /// What is wrong with a citizen's choice of how to be told: a channel the province does not offer, or no address for it.
    /// The field named is the one to correct (the choice itself, or the e-mail or phone it needs).
    /// </summary>
    public async Task<(string Field, string Message)?> ConsentProblemAsync(int unitId, NotificationChannel? by, string? email, string? phone,
        string emailField, string phoneField, string choiceField)
    {
        if (by is null) return null;
        if (!Enum.IsDefined(by.Value)) return (choiceField, "Chọn cách nhận thông báo trong danh sách.");
        if (!(await ForUnitAsync(unitId)).Has(by.Value)) return (choiceField, $"Tỉnh chưa có kênh {NotificationRules.Label(by.Value)}: chọn cách khác hoặc không nhận thông báo.");
        if (by == NotificationChannel.Email && string.IsNullOrWhiteSpace(email)) return (emailField, "Ghi địa chỉ thư điện tử để nhận thông báo.");
        if (by != NotificationChannel.Email && string.IsNullOrWhiteSpace(phone)) return (phoneField, "Ghi số điện thoại để nhận thông báo.");
        return null;
    }

    /// <summary>The language a citizen's messages are written in: the one of the page they chose on.</summary>
    public static string CurrentLanguage() =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "vi";
}
