using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Creation that a retry never repeats. A POST with an <c>Idempotency-Key</c> header (API, Open311; the IETF
/// httpapi-idempotency-key draft) or with a one-time form token (<c>__Once</c>, added by <c>&lt;form fg-once&gt;</c>) runs inside
/// one database transaction that first claims the key and, when the request succeeds, stores its answer (status, type,
/// Location, body) in the same commit as what it created. Same key and same request again: the first answer, byte for byte,
/// with <c>Idempotent-Replayed: true</c>. Same key, other request: 422. A request still running with the key: the second
/// waits for it and then gets its answer. A failed request (4xx/5xx) keeps no answer, so it can be retried as it was.
/// Answers are kept two days (at least 24 hours), per client: the account, or "public" for anonymous requests, which only a
/// byte-identical request can replay.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, ILogger<IdempotencyMiddleware> log)
{
    public const string Header = "Idempotency-Key";
    public const string FormField = "__Once";
    public const string ReplayedHeader = "Idempotent-Replayed";
    /// <summary>The request's context while its idempotent transaction is open: system contexts of the request join it.</summary>
    public const string ContextItem = "fg:idempotent-db";
    /// <summary>Set by a handler that only looks something up (<see cref="CreatesNothing"/>): its answer is not kept.</summary>
    private const string NothingItem = "fg:idempotent-nothing";

    /// <summary>
    /// Marks this POST as one that creates nothing (a form's "fill in from an earlier record" button): its answer, which may
    /// show personal data, is not kept for replay, and the key is released.
    /// </summary>
    public static void CreatesNothing(HttpContext http) => http.Items[NothingItem] = true;
    private const int MaxStoredBody = 2 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext http, AppDbContext db, TimeProvider clock)
    {
        if (!HttpMethods.IsPost(http.Request.Method)) { await next(http); return; }
        string? key = http.Request.Headers[Header].FirstOrDefault();
        var fromForm = false;
        if (key is null && http.Request.HasFormContentType)
        {
            // Already read (and an unreadable one refused) by RequestGuard, earlier in the pipeline.
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form.TryGetValue(FormField, out var once) && once.Count == 1) { key = once[0]; fromForm = true; }
        }
        if (key is null) { await next(http); return; }
        if (key.Length is 0 or > 255 || key.Any(c => c < 0x20 || c > 0x7e))
        {
            await Problems.WriteAsync(http, StatusCodes.Status400BadRequest, "Khóa Idempotency-Key không hợp lệ",
                "Idempotency-Key phải có từ 1 đến 255 ký tự ASCII in được.", fromForm);
            return;
        }

        var client = http.User.Identity?.IsAuthenticated == true ? "user:" + http.User.FindFirstValue(ClaimTypes.NameIdentifier) : "public";
        var hash = await RequestHashAsync(http);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var tx = await db.Database.BeginTransactionAsync(http.RequestAborted);
        // Claim the key. A concurrent request holding the same key makes this wait until it commits or rolls back.
        var claimed = await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "IdempotencyRecords" ("Client", "Key", "RequestHash", "Status", "CreatedAt") VALUES ({0}, {1}, {2}, 0, {3})
            ON CONFLICT ("Client", "Key") DO NOTHING
            """, [client, key, hash, now], http.RequestAborted);
        if (claimed == 0)
        {
            var first = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Client == client && r.Key == key, http.RequestAborted);
            await tx.RollbackAsync(http.RequestAborted);
            if (first.RequestHash != hash)
            {
                await Problems.WriteAsync(http, StatusCodes.Status422UnprocessableEntity, "Khóa đã dùng cho yêu cầu khác",
                    fromForm ? "Biểu mẫu này đã được gửi với nội dung khác. Vui lòng tải lại trang để gửi mới."
                             : "Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác.", fromForm);
                return;
            }
            await ReplayAsync(http, first);
            return;
        }

        http.Items[ContextItem] = db;
        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
            await ConnectionLostException.TranslateAsync(tx, () => CompleteAsync(http, db, tx, client, key, buffer));
        }
        finally
        {
            http.Items.Remove(ContextItem);
            http.Response.Body = original;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        log.LogDebug("Idempotent request stored ({Status})", http.Response.StatusCode);
    }

    /// <summary>Stores the answer to replay (or releases the key of a failed request) and commits with what was created.</summary>
    private static async Task CompleteAsync(HttpContext http, AppDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx,
        string client, string key, MemoryStream buffer)
    {
        var status = http.Response.StatusCode;
        if (status is >= 200 and < 400 && buffer.Length <= MaxStoredBody && !http.Items.ContainsKey(NothingItem))
        {
            await db.IdempotencyRecords.Where(r => r.Client == client && r.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.ContentType, http.Response.ContentType)
                .SetProperty(r => r.Location, http.Response.Headers.Location.FirstOrDefault())
                .SetProperty(r => r.Body, buffer.ToArray()), http.RequestAborted);
        }
        else
        {
            // Nothing to replay (a failure, or a look-up): release the key, keep what the request itself did (as without a key).
            await db.IdempotencyRecords.Where(r => r.Client == client && r.Key == key).ExecuteDeleteAsync(http.RequestAborted);
        }
        await tx.CommitAsync(http.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord first)
    {
        http.Response.StatusCode = first.Status;
        if (first.ContentType is { } type) http.Response.ContentType = type;
        if (first.Location is { } location) http.Response.Headers.Location = location;
        http.Response.Headers[ReplayedHeader] = "true";
        if (first.Body is { Length: > 0 } body) await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    /// <summary>What makes two requests "the same": method, path, query, and the body (form fields by name, files by content).</summary>
    private static async Task<string> RequestHashAsync(HttpContext http)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n"));
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            foreach (var (name, values) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
                sha.AppendData(Encoding.UTF8.GetBytes($"{name.Length}:{name}={string.Join("\u001f", values.ToArray())}\n"));
            foreach (var f in form.Files.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.FileName, StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes($"file {f.Name} {f.FileName} {f.Length}\n"));
                await using var s = f.OpenReadStream();
                sha.AppendData(await SHA256.HashDataAsync(s, http.RequestAborted));
            }
        }
        else
        {
            http.Request.EnableBuffering();
            var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            http.Request.Body.Position = 0;
            sha.AppendData(body.ToArray());
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>
/// <c>&lt;form method="post" fg-once&gt;</c>: a one-time token in the form, so a double-click or a resubmission after a lost
/// answer gives the first answer again instead of a second dossier, petition or rating.
/// </summary>
[HtmlTargetElement("form", Attributes = "fg-once")]
public sealed class OnceFormTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll("fg-once");
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{IdempotencyMiddleware.FormField}\" value=\"{token}\" />");
    }
}
