using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace FriendlyGov.Tests.Integration;

/// <summary>A port on loopback nobody listens on now, for a server a test starts.</summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>A real SMTP server on loopback (the SmtpServer library): every message it accepts, parsed by MimeKit.</summary>
public sealed class TestMailServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();
    /// <summary>Answer the next SMTP DATA commands with a temporary failure (451): the sender must try again.</summary>
    public int FailNext;

    public TestMailServer()
    {
        Port = LoopbackPorts.Free();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public IEnumerable<MimeMessage> To(string address) => Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == address));

    /// <summary>Waits until the mailbox of the address holds at least <paramref name="count"/> messages.</summary>
    public async Task<List<MimeMessage>> WaitForAsync(string address, int count, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            var got = To(address).ToList();
            if (got.Count >= count) return got;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{address} has {To(address).Count()} of {count} messages after {seconds} s");
    }

    private sealed class Store(TestMailServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            if (Interlocked.Decrement(ref server.FailNext) >= 0) return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "try again later");
            Interlocked.Exchange(ref server.FailNext, 0);
            await using var stream = new MemoryStream(buffer.ToArray());
            server.Messages.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            return SmtpResponse.Ok;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
    }
}

/// <summary>
/// The SMS and Zalo providers, which cannot be reached from here: a local HTTP server speaking eSMS.vn's
/// SendMultipleMessage_V4_post_json and Zalo's ZNS /message/template, with their answers, errors and limits.
/// </summary>
public sealed class TestSmsZaloProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string BaseUrl { get; }
    public ConcurrentQueue<JsonElement> Sms { get; } = new();
    public ConcurrentQueue<(JsonElement Body, string? Token)> Zalo { get; } = new();
    /// <summary>What the next requests answer before the normal success: "503", "429", "esms:101", "esms:99", "zalo:-124", "zalo:-118".</summary>
    public ConcurrentQueue<string> Next { get; } = new();
    private readonly HashSet<string> _seenRequestIds = [];
    /// <summary>eSMS answers in PascalCase, exactly as its documentation shows.</summary>
    private static readonly JsonSerializerOptions Pascal = new() { PropertyNamingPolicy = null };
    public const string ApiKey = "test-api-key", SecretKey = "test-secret", Brandname = "UBND-XA", AccessToken = "zalo-test-token";

    public TestSmsZaloProvider()
    {
        var port = LoopbackPorts.Free();
        BaseUrl = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/MainService.svc/json/SendMultipleMessage_V4_post_json/", async (HttpContext http) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            if (Special() is { } r) return r;
            if (body.GetProperty("ApiKey").GetString() != ApiKey || body.GetProperty("SecretKey").GetString() != SecretKey)
                return Results.Json(new { CodeResult = "101", ErrorMessage = "Authorize Failed" }, Pascal);
            // eSMS refuses a RequestId it has seen: a resend is not a second SMS.
            lock (_seenRequestIds)
                if (!_seenRequestIds.Add(body.GetProperty("RequestId").GetString()!))
                    return Results.Json(new { CodeResult = "124", ErrorMessage = "Duplicate RequestId" }, Pascal);
            Sms.Enqueue(body);
            return Results.Json(new { CodeResult = "100", CountRegenerate = 0, SMSID = Guid.NewGuid().ToString("N") }, Pascal);
        });
        _app.MapPost("/message/template", async (HttpContext http) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            if (Special() is { } r) return r;
            var token = (string?)http.Request.Headers["access_token"];
            if (token != AccessToken) return Results.Json(new { error = -124, message = "Access token is invalid" });
            Zalo.Enqueue((body, token));
            return Results.Json(new { error = 0, message = "Success", data = new { msg_id = Guid.NewGuid().ToString("N"), sent_time = "1700000000000" } });
        });
        _app.StartAsync().GetAwaiter().GetResult();
    }

    private IResult? Special()
    {
        if (!Next.TryDequeue(out var what)) return null;
        return what switch
        {
            "503" => Results.StatusCode(503),
            "429" => Results.StatusCode(429),
            _ when what.StartsWith("esms:") => Results.Json(new { CodeResult = what[5..], ErrorMessage = "test error" }, Pascal),
            _ when what.StartsWith("zalo:") => Results.Json(new { error = int.Parse(what[5..]), message = "test error" }),
            _ => null,
        };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
