using System.Security.Cryptography;

namespace FriendlyGov.Web.Features.Dossiers;

public sealed record UploadedDocument(string DocumentName, string FileName, string ContentType, byte[] Content)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Content));
}

/// <summary>What an online dossier may carry: PDF, JPEG, PNG or WebP, proved by their content, not by their name.</summary>
public static class Uploads
{
    public const int MaxFileBytes = 5 * 1024 * 1024;
    public const int MaxTotalBytes = 20 * 1024 * 1024;

    /// <summary>A blank form for citizens: a PDF that parses or a Word document (.docx) without macros; its type, or null.</summary>
    public static string? FormContentTypeOf(byte[] content) =>
        content.AsSpan().StartsWith("%PDF-"u8) && Shared.FileUploads.IsPdf(content) ? "application/pdf"
        : content.AsSpan().StartsWith(new byte[] { 0x50, 0x4B, 0x03, 0x04 }) && Shared.FileUploads.IsDocx(content)
            ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        : null;

    /// <summary>
    /// A citizen's document as it will be stored: a photo re-encoded, a PDF that parses; or the reason it is refused.
    /// </summary>
    public static (Shared.CleanFile? File, string? Problem) Clean(string fileName, byte[] content)
    {
        if (content.Length == 0) return (null, $"Tệp “{fileName}” rỗng.");
        if (content.Length > MaxFileBytes) return (null, $"Tệp “{fileName}” lớn hơn 5 MB.");
        var (clean, problem) = Shared.FileUploads.ImageOrPdf(new Shared.FileUpload(fileName, content));
        return clean is not null || problem is not null ? (clean, problem) : (null, $"Tệp “{fileName}” không phải PDF, JPG hoặc PNG.");
    }

    /// <summary>A safe display name: no path, no control characters, at most 100 characters.</summary>
    public static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "tep" : name.Length > 100 ? name[^100..] : name;
    }
}
