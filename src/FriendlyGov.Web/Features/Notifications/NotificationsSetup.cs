using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Quartz;

namespace FriendlyGov.Web.Features.Notifications;

public sealed record NotificationDto(Guid Id, string? Commune, string Moment, string MomentLabel, string Channel, string Recipient, string Status,
    string StatusLabel, int Attempts, DateTime CreatedAt, DateTime? SentAt, DateTime? DeliveredAt, string? DossierCode, string? PetitionCode, string? LastError);

public sealed record NotificationPage(int Total, int Page, int PageSize, List<NotificationDto> Items);

public sealed record NotificationFilter(NotificationStatus? Status = null, NotificationChannel? Channel = null, NotificationMoment? Moment = null,
    string? Dossier = null, string? Petition = null, int Page = 1);

public static class NotificationsSetup
{
    public const int PageSize = 50;

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration("Notifications");
        services.AddSingleton<ChannelDirectory>().AddSingleton<CallbackUrls>().AddSingleton<NotificationRaiser>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<ICommitListener>(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<INotificationChannel, EmailChannel>().AddSingleton<INotificationChannel, EsmsChannel>().AddSingleton<INotificationChannel, ZaloChannel>();
        services.AddScoped<NotificationLog>();
        // Timeouts, retries with back-off and a circuit breaker: the framework's resilience pipelines, not hand-written loops.
        services.AddResiliencePipeline(EmailChannel.Pipeline, b => b
            .AddRetry(new() { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(300), BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder().Handle<IOException>().Handle<System.Net.Sockets.SocketException>().Handle<MailKit.Net.Smtp.SmtpProtocolException>() })
            .AddCircuitBreaker(new() { FailureRatio = 0.8, MinimumThroughput = 5, BreakDuration = TimeSpan.FromSeconds(30),
                ShouldHandle = new PredicateBuilder().Handle<IOException>().Handle<System.Net.Sockets.SocketException>().Handle<MailKit.Net.Smtp.SmtpProtocolException>() })
            .AddTimeout(TimeSpan.FromSeconds(30)));
        foreach (var client in new[] { EsmsChannel.Client, ZaloChannel.Client })
            services.AddHttpClient(client).AddStandardResilienceHandler(o =>
            {
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(300);
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
            });
        services.AddHealthChecks().AddCheck<NotificationHealthCheck>("notifications");
        services.AddScheduler(config, env);
        return services;
    }

    /// <summary>
    /// Quartz.NET on the app's database: scheduled work (the morning digest, the "was it resolved?" check, the nightly audit
    /// check) fires once across every instance. PostgreSQL: the clustered ADO.NET store in the app's database. SQLite (one
    /// instance, the embedded set-up): the same store in a file beside the database, as SQLite cannot be clustered.
    /// </summary>
    /// <summary>On unless turned off (Scheduler:Enabled); tests turn it on where they test it.</summary>
    public static bool SchedulerEnabled(IConfiguration config, IHostEnvironment env) => config.GetValue("Scheduler:Enabled", !env.IsEnvironment("Testing"));

    private static void AddScheduler(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        if (!SchedulerEnabled(config, env)) return;
        var provider = Database.ProviderFrom(config);
        var cs = Database.ConnectionStringFrom(config);
        // A zone every instance can find by name (the store keeps the trigger's zone id): Vietnam's, from the system's tzdata.
        var ict = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        var schedule = Schedule(config);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "FriendlyGov");
            q.UsePersistentStore(s =>
            {
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
                if (provider == DatabaseProvider.Postgres)
                {
                    s.UsePostgres(cs);
                    s.UseClustering(c => { c.CheckinInterval = TimeSpan.FromSeconds(5); c.CheckinMisfireThreshold = TimeSpan.FromSeconds(20); });
                }
                else
                {
                    var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Database.AnchorSqlite(cs, env.ContentRootPath)).DataSource;
                    s.UseSqlite($"Data Source={Path.ChangeExtension(file, ".scheduler.db")}");
                }
            });
            foreach (var job in schedule)
            {
                q.AddJob(job.Type, j => j.WithIdentity(job.Key));
                q.AddTrigger(t => t.ForJob(job.Key).WithIdentity(job.Trigger).WithCronSchedule(job.Cron, x => x.InTimeZone(ict)));
            }
        });
        // A job or trigger already in the store is kept, never replaced at start-up. Replacing it (Quartz's default) deletes
        // and re-inserts the trigger as waiting, even when another instance has already acquired its next firing: both then
        // fire it. A cron changed in configuration is applied by ScheduleReconciler, only when it differs from the store's.
        services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService(sp => new ScheduleReconciler(sp.GetRequiredService<ISchedulerFactory>(), schedule, ict,
            sp.GetRequiredService<ILogger<ScheduleReconciler>>()));
    }

    /// <summary>Every scheduled job, its trigger and its cron (Vietnam time), from configuration or the default.</summary>
    public static IReadOnlyList<ScheduledJob> Schedule(IConfiguration config) =>
    [
        new(typeof(MorningDigestJob), MorningDigestJob.Key, new("digest-7am"), config["Scheduler:DigestCron"] ?? "0 0 7 ? * MON-SAT"),
        new(typeof(ResolvedCheckJob), ResolvedCheckJob.Key, new("resolved-check-9am"), config["Scheduler:ResolvedCheckCron"] ?? "0 0 9 * * ?"),
        new(typeof(PetitionDueDatesJob), PetitionDueDatesJob.Key, new("due-dates-130am"), config["Scheduler:DueDatesCron"] ?? "0 30 1 * * ?"),
        new(typeof(AuditNightlyJob), AuditNightlyJob.Key, new("audit-2am"), config["Scheduler:AuditCron"] ?? "0 0 2 * * ?"),
    ];

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", async (NotificationLog log, NotificationStatus? status, NotificationChannel? channel, NotificationMoment? moment,
                string? dossier, string? petition, int? page) =>
            TypedResults.Ok(await log.SearchAsync(new NotificationFilter(status, channel, moment, dossier, petition, Math.Clamp(page ?? 1, 1, 100_000)))))
            .RequireAuthorization(Policies.Staff).WithTags("Notifications")
            .WithSummary("The delivery log of the commune (or a supervisor's subtree): phones and addresses masked outside the commune.");

        api.MapPost("/notifications/{id:guid}/retry", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (Guid id, NotificationLog log) =>
            await log.RetryAsync(id) switch
            {
                null => TypedResults.NotFound(),
                { } problem when problem.Length > 0 => TypedResults.Problem(problem, statusCode: StatusCodes.Status409Conflict, title: "Không gửi lại được"),
                _ => TypedResults.NoContent(),
            }).RequireAuthorization(Policies.Leader).WithTags("Notifications");

        // Delivery reports. eSMS calls back with a GET (SMSID, SendStatus); Zalo posts its webhook events, signed.
        api.MapGet("/notifications/callbacks/esms", async Task<Results<Ok<string>, ForbidHttpResult>> (HttpRequest request, ChannelDirectory directory,
            IServiceProvider services, TimeProvider clock) =>
        {
            if (!TokenMatches(request.Query["token"], directory.Options.CallbackToken)) return TypedResults.Forbid();
            var smsId = (string?)request.Query["SMSID"];
            var status = (string?)request.Query["SendStatus"];
            if (!string.IsNullOrEmpty(smsId)) await ReportAsync(services, clock, smsId, status == "5" ? true : status == "4" ? false : null, $"SendStatus {status}");
            return TypedResults.Ok("OK");
        }).AllowAnonymous().ExcludeFromDescription();

        api.MapPost("/notifications/callbacks/zalo", async Task<Results<Ok, ForbidHttpResult, BadRequest>> (HttpRequest request, ChannelDirectory directory,
            IServiceProvider services, TimeProvider clock) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var raw = await reader.ReadToEndAsync();
            JsonElement e;
            try { e = JsonDocument.Parse(raw).RootElement.Clone(); } catch (JsonException) { return TypedResults.BadRequest(); }
            if (e.ValueKind != JsonValueKind.Object) return TypedResults.BadRequest(); // Zalo's events are objects; anything else is not one
            var zalo = directory.Options.Zalo;
            var timestamp = e.TryGetProperty("timestamp", out var ts) ? ts.ToString() : "";
            var expected = "mac=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((zalo?.AppId ?? "") + raw + timestamp + (zalo?.OaSecretKey ?? ""))));
            if (zalo?.OaSecretKey is not { Length: > 0 } || !TokenMatches(request.Headers["X-ZEvent-Signature"], expected)) return TypedResults.Forbid();
            // Other events, and fields of another shape than Zalo documents, are acknowledged and ignored.
            if (e.TryGetProperty("event_name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == "user_received_message"
                && e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object
                && m.TryGetProperty("msg_id", out var msgId) && msgId.ValueKind == JsonValueKind.String && msgId.GetString() is { } id)
                await ReportAsync(services, clock, id, true, "user_received_message");
            return TypedResults.Ok();
        }).AllowAnonymous().ExcludeFromDescription();
        return api;
    }

    private static bool TokenMatches(string? given, string? expected) =>
        !string.IsNullOrEmpty(expected) && given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>A provider's delivery report: delivered, refused by the network, or only a step on the way.</summary>
    private static async Task ReportAsync(IServiceProvider services, TimeProvider clock, string providerId, bool? delivered, string answer)
    {
        await using var db = Database.OpenSystemContext(services, "delivery report");
        var n = await db.Notifications.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.ProviderMessageId == providerId);
        if (n is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        db.NotificationAttempts.Add(new NotificationAttempt { UnitId = n.UnitId, NotificationId = n.Id, At = now, Succeeded = delivered != false, Answer = "Báo cáo: " + answer });
        if (delivered == true) (n.Status, n.DeliveredAt) = (NotificationStatus.Delivered, now);
        else if (delivered == false) (n.Status, n.LastError) = (NotificationStatus.Failed, "Nhà mạng từ chối: " + answer);
        await db.SaveChangesAsync();
    }
}

/// <summary>The delivery log as staff read it: their commune's messages (a supervisor: the subtree's, masked).</summary>
public sealed class NotificationLog(AppDbContext db, IHttpContextAccessor http, OutboxDispatcher dispatcher, TimeProvider clock)
{
    private ClaimsPrincipal User => http.HttpContext!.User;

    /// <summary>
    /// The log's phones and e-mail addresses in full only for the commune's counter officers (they call back and resend) and
    /// leaders; its specialists, like the supervisors, read them masked. A dossier's or petition's own page shows its
    /// messages' addresses to whoever reads its sender's details there (DossiersSetup.SeesApplicant, PetitionsSetup.SeesContact).
    /// </summary>
    public bool SeesInFull(int unitId) => User.UnitId() == unitId && User.ReadsEveryContact();

    public async Task<NotificationPage> SearchAsync(NotificationFilter f)
    {
        var q = db.Notifications.AsNoTracking();
        if (f.Status is { } s) q = q.Where(n => n.Status == s);
        if (f.Channel is { } c) q = q.Where(n => n.Channel == c);
        if (f.Moment is { } m) q = q.Where(n => n.Moment == m);
        if (!string.IsNullOrWhiteSpace(f.Dossier)) q = q.Where(n => n.DossierCode == f.Dossier.Trim());
        if (!string.IsNullOrWhiteSpace(f.Petition)) q = q.Where(n => n.PetitionCode == f.Petition.Trim());
        var total = await q.CountAsync();
        var rows = await q.OrderByDescending(n => n.CreatedAt).Skip((f.Page - 1) * NotificationsSetup.PageSize).Take(NotificationsSetup.PageSize).ToListAsync();
        var ids = rows.Select(r => r.UnitId).Distinct().ToList();
        var codes = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code);
        return new(total, f.Page, NotificationsSetup.PageSize, [.. rows.Select(n => new NotificationDto(n.Id, codes.GetValueOrDefault(n.UnitId), n.Moment.ToString(),
            NotificationRules.Label(n.Moment), n.Channel.ToString(), SeesInFull(n.UnitId) ? n.Recipient : Masking.Contact(n.Recipient), n.Status.ToString(),
            NotificationRules.Label(n.Status), n.Attempts, n.CreatedAt, n.SentAt, n.DeliveredAt, n.DossierCode, n.PetitionCode, n.LastError))]);
    }

    /// <summary>What was sent about one dossier or petition, for its page.</summary>
    public Task<List<Notification>> ForAsync(string? dossierCode, string? petitionCode) =>
        db.Notifications.AsNoTracking().Where(n => (dossierCode != null && n.DossierCode == dossierCode) || (petitionCode != null && n.PetitionCode == petitionCode))
            .OrderBy(n => n.CreatedAt).ToListAsync();

    public Task<List<NotificationAttempt>> AttemptsAsync(Guid id) =>
        db.NotificationAttempts.AsNoTracking().Where(a => a.NotificationId == id).OrderBy(a => a.At).ToListAsync();

    /// <summary>Sends a failed or withheld message again: null when it is not the leader's to see; a message when it cannot be.</summary>
    public async Task<string?> RetryAsync(Guid id)
    {
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id);
        if (n is null || User.UnitId() != n.UnitId) return null;
        if (n.Status is not (NotificationStatus.Failed or NotificationStatus.Cancelled)) return "Chỉ gửi lại được thông báo đã gửi không được hoặc chưa gửi.";
        (n.Status, n.Attempts, n.NextAttemptAt, n.LastError, n.LeaseUntil) = (NotificationStatus.Pending, 0, clock.GetUtcNow().UtcDateTime, null, null);
        await db.SaveChangesAsync();
        dispatcher.Wake();
        return "";
    }
}

/// <summary>/health: each channel, configured or not; e-mail by a real SMTP greeting; the outbox's backlog.</summary>
public sealed class NotificationHealthCheck(ChannelDirectory directory, IServiceProvider services, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var o = directory.Options;
        var data = new Dictionary<string, object>();
        var degraded = new List<string>();
        foreach (var c in Enum.GetValues<NotificationChannel>())
            data[c.ToString().ToLowerInvariant()] = o.Has(c) ? "configured" : "not configured";
        if (o.Email?.Configured == true)
        {
            try
            {
                using var smtp = new MailKit.Net.Smtp.SmtpClient { Timeout = 3000 };
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                cts.CancelAfter(TimeSpan.FromSeconds(3));
                await smtp.ConnectAsync(o.Email.Host!, o.Email.Port, MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable, cts.Token);
                await smtp.DisconnectAsync(true, cts.Token);
                data["email"] = "reachable";
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                data["email"] = "unreachable";
                degraded.Add("email");
            }
        }
        await using var db = Database.OpenSystemContext(services, "health");
        // SMS and Zalo cannot be probed without sending: a provider whose last five answers this hour were all failures is failing.
        var hour = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        foreach (var c in new[] { NotificationChannel.Sms, NotificationChannel.Zalo }.Where(o.Has))
        {
            var last = await (from a in db.NotificationAttempts.IgnoreQueryFilters()
                              join n in db.Notifications.IgnoreQueryFilters() on a.NotificationId equals n.Id
                              where n.Channel == c && a.At > hour && !a.Answer.StartsWith("Báo cáo")
                              orderby a.At descending
                              select a.Succeeded).Take(5).ToListAsync(ct);
            if (last.Count == 5 && last.All(ok => !ok))
            {
                data[c.ToString().ToLowerInvariant()] = "failing";
                degraded.Add(c.ToString().ToLowerInvariant());
            }
        }
        var stale = clock.GetUtcNow().UtcDateTime.AddMinutes(-15);
        var backlog = await db.Notifications.IgnoreQueryFilters().CountAsync(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt < stale, ct);
        data["outboxBacklog"] = backlog;
        if (backlog > 0) degraded.Add("outbox");
        return degraded.Count == 0 ? HealthCheckResult.Healthy("notifications", data) : HealthCheckResult.Degraded(string.Join(", ", degraded), data: data);
    }
}
