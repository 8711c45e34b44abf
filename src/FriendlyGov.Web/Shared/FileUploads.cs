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
    /// Recognised by content, and proved to be what it claims: an image (JPG, PNG, WebP) is decoded within its pixel limit and
    /// re-encoded as JPEG, which drops its metadata and anything hidden after it; a PDF must be parsed by a real PDF reader
    /// (PdfPig), pages and all, and is kept as sent. Neither: no file and no problem, so the caller may accept other kinds or
    /// refuse with its own message. Something that starts like one of them and is not: the reason, in Vietnamese.
    /// </summary>
    public static (CleanFile? File, string? Problem) ImageOrPdf(FileUpload upload)
    {
        var name = Uploads.CleanName(upload.FileName);
        if (Photos.KindOf(upload.Content) is not null)
        {
            var (photo, problem) = Photos.Clean(new PhotoUpload(name, upload.Content));
            return photo is null ? (null, problem) : (new CleanFile(photo.Jpeg, "image/jpeg", Path.ChangeExtension(name, ".jpg")), null);
        }
        if (upload.Content.AsSpan().StartsWith("%PDF-"u8))
            return IsPdf(upload.Content) ? (new CleanFile(upload.Content, "application/pdf", name), null) : (null, $"Tệp “{name}” không phải PDF hợp lệ (không đọc được).");
        return (null, null);
    }

    /// <summary>A PDF that a real reader opens, with at least one page whose content it can read.</summary>
    public static bool IsPdf(byte[] content)
    {
        try
        {
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(content, new UglyToad.PdfPig.ParsingOptions { UseLenientParsing = false });
            if (pdf.NumberOfPages < 1 || pdf.NumberOfPages > 2000) return false;
            for (var i = 1; i <= pdf.NumberOfPages; i++) _ = pdf.GetPage(i).Size;
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false; // PdfPig throws many kinds for a file that is not a PDF
        }
    }

    /// <summary>A Word document (.docx): a ZIP package with the main document part, and no macros.</summary>
    public static bool IsDocx(byte[] content)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(content), System.IO.Compression.ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null
                && zip.Entries.All(e => !e.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
