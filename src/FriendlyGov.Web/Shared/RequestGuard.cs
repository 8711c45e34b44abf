using System.Text;
using Microsoft.Net.Http.Headers;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Refuses, before any endpoint reads it, input the framework or the database cannot take: a body in a charset no encoding on
/// this server knows (415; the framework's readers would throw a plain InvalidOperationException), and the NUL character in
/// a query, a form field or a JSON text (400; PostgreSQL refuses it in text, SQLite would cut the text there).
/// </summary>
public sealed class RequestGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media)
            && media.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)) is { } charset
            && !Known(charset.Value.ToString().Trim('"')))
        {
            await Problems.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "Bảng mã không được hỗ trợ",
                $"Bảng mã “{Shorten(charset.Value.ToString())}” của nội dung gửi lên không được hỗ trợ; hãy gửi theo UTF-8.", !http.Request.IsApi());
            return;
        }
        // A form that cannot be read (a multipart body without its boundary, cut short, over the size limit) is refused here,
        // once for every endpoint, instead of throwing wherever something first reads it.
        if (http.Request.HasFormContentType)
        {
            try
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
            {
                var tooLarge = ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                    || ex is InvalidDataException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase);
                if (http.RequestAborted.IsCancellationRequested) return;
                await Problems.WriteAsync(http, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                    tooLarge ? "Nội dung gửi lên quá lớn" : "Biểu mẫu không đọc được",
                    tooLarge ? "Tệp hoặc biểu mẫu gửi lên vượt quá dung lượng cho phép." : "Nội dung biểu mẫu gửi lên bị hỏng hoặc không đầy đủ; hãy gửi lại.",
                    !http.Request.IsApi());
                return;
            }
        }
        if (await HasNulAsync(http.Request))
        {
            await Problems.WriteAsync(http, StatusCodes.Status400BadRequest, "Ký tự không hợp lệ",
                "Nội dung gửi lên chứa ký tự NUL (mã 0), không phải văn bản hợp lệ.", !http.Request.IsApi());
            return;
        }
        await next(http);
    }

    private const int MaxScannedJson = 4 * 1024 * 1024;

    private static async Task<bool> HasNulAsync(HttpRequest request)
    {
        if (request.QueryString.Value is { } q && q.Contains("%00", StringComparison.Ordinal)) return true;
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                return form.Any(f => f.Value.Any(v => v?.Contains('\0') == true)) || form.Files.Any(f => f.FileName.Contains('\0'));
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
            {
                return false; // unreadable: refused above already
            }
        }
        // Scanned as UTF-8 bytes; a body in UTF-16 (zero bytes in every ASCII letter) is left to the reader.
        var utf8 = MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && (media.Charset.Length == 0
            || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
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

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
