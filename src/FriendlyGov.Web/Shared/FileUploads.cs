using FriendlyGov.Web.Features.Dossiers;
using FriendlyGov.Web.Features.Petitions;

namespace FriendlyGov.Web.Shared;

/// <summary>A file as a person sent it: its name and bytes, before any check.</summary>
public sealed record FileUpload(string FileName, byte[] Content);

/// <summary>An attachment ready to store: an image re-encoded without its metadata, or a PDF as sent.</summary>
public sealed record CleanFile(byte[] Content, string ContentType, string FileName);

/// <summary>How staff pages and the API receive attachments (model files, disclosure files), and what they turn them into.</summary>
public static class FileUploads
{
    /// <summary>
    /// A form's file, or null when none was chosen. One larger than <paramref name="maxBytes"/> is not read: it stands as a
    /// placeholder one byte too large, so the service refuses it with its own message.
    /// </summary>
    public static async Task<FileUpload?> FromFormAsync(IFormFile? file, int maxBytes)
    {
        if (file is not { Length: > 0 }) return null;
        if (file.Length > maxBytes) return new FileUpload(file.FileName, new byte[maxBytes + 1]);
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms);
        return new FileUpload(file.FileName, ms.ToArray());
    }

    /// <summary>A file sent to the API as base64; null when nothing was sent, empty content when it is not base64.</summary>
    public static FileUpload? FromBase64(string? fileName, string? contentBase64)
    {
        if (string.IsNullOrWhiteSpace(contentBase64)) return null;
        var bytes = new byte[contentBase64.Length * 3 / 4 + 3];
        return new FileUpload(fileName ?? "tep", Convert.TryFromBase64String(contentBase64, bytes, out var n) ? bytes[..n] : []);
    }

    /// <summary>
    /// Recognised by content: an image (JPG, PNG, WebP) is decoded and re-encoded as JPEG, which drops its metadata; a PDF is
    /// kept as sent. Neither: no file and no problem, so the caller may accept other kinds or refuse with its own message.
    /// </summary>
    public static (CleanFile? File, string? Problem) ImageOrPdf(FileUpload upload)
    {
        var name = Uploads.CleanName(upload.FileName);
        if (Photos.KindOf(upload.Content) is not null)
        {
            var (photo, problem) = Photos.Clean(new PhotoUpload(name, upload.Content));
            return photo is null ? (null, problem) : (new CleanFile(photo.Jpeg, "image/jpeg", Path.ChangeExtension(name, ".jpg")), null);
        }
        return upload.Content.AsSpan().StartsWith("%PDF-"u8) ? (new CleanFile(upload.Content, "application/pdf", name), null) : (null, null);
    }
}
