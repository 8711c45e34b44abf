using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FriendlyGov.Web.Features.Notifications;

/// <summary>
/// Sends what the outbox holds. Each instance takes a message by a conditional update (pending and due, or held by an
/// instance whose lease ran out), so two instances never send one at the same time; a crash between the provider's
/// acceptance and the record of it leaves the message held until the lease ends, and the resend carries the same id
/// (Message-ID, eSMS RequestId, ZNS tracking_id), by which the provider and the mailbox recognise it.
/// Woken by the commit of a message, and every few seconds otherwise.
/// </summary>
public sealed class OutboxDispatcher(IServiceProvider services, ChannelDirectory directory, IEnumerable<INotificationChannel> channels,
    TimeProvider clock, ILogger<OutboxDispatcher> log) : BackgroundService, ICommitListener
{
    private static readonly object Marker = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<NotificationChannel, INotificationChannel> _channels = channels.ToDictionary(c => c.Kind);

    public void Mark(EntityEntry entry, ISet<object> marks)
    {
        if (entry.Entity is Notification && entry.State == EntityState.Added) marks.Add(Marker);
    }

    public void Committed(IReadOnlyCollection<object> marks) => Wake();

    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!directory.Options.Dispatch) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning("The outbox could not be sent now: {Error}", e.GetType().Name); // never the message or the address
            }
            try { await _wake.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, directory.Options.PollSeconds)), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Takes and sends up to 20 due messages; returns how many it took.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var db = Database.OpenSystemContext(services, "outbox");
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Notifications.IgnoreQueryFilters().AsNoTracking()
            .Where(n => (n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now) || (n.Status == NotificationStatus.Sending && n.LeaseUntil < now))
            .OrderBy(n => n.NextAttemptAt).Select(n => n.Id).Take(20).ToListAsync(ct);
        var taken = 0;
        foreach (var id in due)
        {
            var lease = now.AddSeconds(directory.Options.LeaseSeconds);
            var claimed = await db.Notifications.IgnoreQueryFilters()
                .Where(n => n.Id == id && ((n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now) || (n.Status == NotificationStatus.Sending && n.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Sending).SetProperty(n => n.LeaseUntil, lease)
                    .SetProperty(n => n.Attempts, n => n.Attempts + 1), ct);
            if (claimed == 0) continue; // another instance took it
            taken++;
            await SendOneAsync(db, id, ct);
        }
        return taken;
    }

    private async Task SendOneAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var n = await db.Notifications.IgnoreQueryFilters().FirstAsync(x => x.Id == id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await directory.ForUnitAsync(n.UnitId);
        if (!settings.Has(n.Channel) || !_channels.TryGetValue(n.Channel, out var channel))
        {
            Finish(db, n, NotificationStatus.Cancelled, now, "Kênh chưa được cấu hình cho tỉnh.", false);
            await db.SaveChangesAsync(ct);
            return;
        }
        if (n.Channel == NotificationChannel.Sms && settings.Quiet() is var (from, to))
        {
            var local = VietnamTime.FromUtc(now);
            var notBefore = NotificationRules.NotBefore(local, from, to);
            if (notBefore > local)
            {
                (n.Status, n.Attempts, n.LeaseUntil, n.NextAttemptAt) = (NotificationStatus.Pending, n.Attempts - 1, null, VietnamTime.ToUtc(notBefore));
                n.LastError = "Giờ yên tĩnh: tin nhắn chờ đến sáng.";
                await db.SaveChangesAsync(ct);
                return;
            }
        }
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(n.Data) ?? [];
        var template = await TemplatesFor(db, directory.ProvinceOf(n.UnitId), n.Moment, n.Channel, n.Language, ct);
        if (n.Body is null)
        {
            n.Subject = template.Text.Subject is { } s ? NotificationRules.Render(s, data) : null;
            var body = NotificationRules.Render(template.Text.Body, data);
            n.Body = n.Channel == NotificationChannel.Sms && settings.Sms?.Unicode != true ? NotificationRules.WithoutDiacritics(body) : body;
        }
        var result = await channel.SendAsync(settings, new OutgoingMessage(n.Id, n.Recipient, n.Subject, n.Body, n.Moment, data, template.ProviderTemplateId), ct);
        now = clock.GetUtcNow().UtcDateTime;
        db.NotificationAttempts.Add(new NotificationAttempt { UnitId = n.UnitId, NotificationId = n.Id, At = now, Succeeded = result.Accepted, Answer = result.Answer });
        if (result.Accepted)
        {
            n.ProviderMessageId = result.ProviderMessageId;
            n.SentAt = now;
            Finish(db, n, NotificationStatus.Sent, now, null, true);
        }
        else if (!result.Permanent && NotificationRules.RetryAfter(n.Attempts) is { } wait)
            (n.Status, n.LeaseUntil, n.NextAttemptAt, n.LastError) = (NotificationStatus.Pending, null, now + wait, result.Answer);
        else Finish(db, n, NotificationStatus.Failed, now, result.Answer, false);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Notification {Id} {Moment} by {Channel}: {Status}", n.Id, n.Moment, n.Channel, n.Status);
    }

    private static void Finish(AppDbContext db, Notification n, NotificationStatus status, DateTime now, string? error, bool ok)
    {
        (n.Status, n.LeaseUntil, n.LastError) = (status, null, error);
        if (!ok && status == NotificationStatus.Cancelled)
            db.NotificationAttempts.Add(new NotificationAttempt { UnitId = n.UnitId, NotificationId = n.Id, At = now, Succeeded = false, Answer = error ?? "" });
    }

    /// <summary>The province's own template for the moment, or the built-in one.</summary>
    public static async Task<(TemplateText Text, string? ProviderTemplateId)> TemplatesFor(AppDbContext db, int provinceId, NotificationMoment moment,
        NotificationChannel channel, string language, CancellationToken ct)
    {
        var own = await db.NotificationTemplates.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(t => t.UnitId == provinceId && t.Moment == moment && t.Channel == channel && t.Language == language, ct);
        return own is null ? (DefaultTemplates.For(moment, channel, language), null) : (new TemplateText(own.Subject, own.Body), own.ProviderTemplateId);
    }
}
