using FriendlyGov.Core.Domain;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Refuses, before any endpoint reads it, input the framework or the database cannot take: a body in a charset no encoding on
/// this server knows (415; the framework's readers would throw a plain InvalidOperationException), a form that cannot be read
/// (400, or 413 over its limit), and the NUL character in a query, a form field or a JSON text (400; PostgreSQL refuses it
/// in text, SQLite would cut the text there). Runs after routing, so a form is read with its endpoint's own limits.
/// </summary>
public sealed class RequestGuard(RequestDelegate next)
{
    private const int MaxScannedJson = 4 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var page = !request.IsApi();
        MediaTypeHeaderValue? media = request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var m) ? m : null;
        var charset = media?.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase))?.Value.ToString().Trim('"');
        if (charset is not null && !Known(charset))
        {
            await Problems.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "Bảng mã không được hỗ trợ",
                $"Bảng mã “{InputRules.Shorten(charset, 40)}” của nội dung gửi lên không được hỗ trợ; hãy gửi theo UTF-8.", page);
            return;
        }
        // A form that cannot be read (a multipart body without its boundary, cut short, over the size limit) is refused here,
        // once for every endpoint, instead of throwing wherever something first reads it.
        IFormCollection? form = null;
        if (request.HasFormContentType)
        {
            try
            {
                form = await request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
            {
                var tooLarge = ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                    || ex is InvalidDataException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase);
                if (http.RequestAborted.IsCancellationRequested) return;
                await Problems.WriteAsync(http, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                    tooLarge ? "Nội dung gửi lên quá lớn" : "Biểu mẫu không đọc được",
                    tooLarge ? "Tệp hoặc biểu mẫu gửi lên vượt quá dung lượng cho phép." : "Nội dung biểu mẫu gửi lên bị hỏng hoặc không đầy đủ; hãy gửi lại.",
                    page);
                return;
            }
        }
        if (await HasNulAsync(request, form, utf8: charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            await Problems.WriteAsync(http, StatusCodes.Status400BadRequest, "Ký tự không hợp lệ",
                "Nội dung gửi lên chứa ký tự NUL (mã 0), không phải văn bản hợp lệ.", page);
            return;
        }
        await next(http);
    }

    private static async Task<bool> HasNulAsync(HttpRequest request, IFormCollection? form, bool utf8)
    {
        if (request.QueryString.Value is { } q && q.Contains("%00", StringComparison.Ordinal)) return true;
        if (form is not null)
            return form.Any(f => f.Value.Any(v => v?.Contains('\0') == true)) || form.Files.Any(f => f.FileName.Contains('\0'));
        // Scanned as UTF-8 bytes; a body in UTF-16 (zero bytes in every ASCII letter) is left to the reader.
        if (utf8 && request.HasJsonContentType() && request.ContentLength is null or <= MaxScannedJson)
        {
            request.EnableBuffering();
            using var ms = new MemoryStream();
            await request.Body.CopyToAsync(ms, request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            var bytes = ms.GetBuffer().AsSpan(0, (int)ms.Length);
            return bytes.IndexOf((byte)0) >= 0 || bytes.IndexOf("\\u0000"u8) >= 0;
        }
        return false;
    }

    private static bool Known(string charset)
    {
        if (string.IsNullOrWhiteSpace(charset)) return false; // "charset=" names no encoding
        try { Encoding.GetEncoding(charset); return true; }
        catch (ArgumentException) { return false; }
    }
}
