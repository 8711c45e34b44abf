using System.Security.Cryptography;

namespace FriendlyGov.Web.Features.Dossiers;

public sealed record UploadedDocument(string DocumentName, string FileName, string ContentType, byte[] Content)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Content));
}

/// <summary>What an online dossier may carry: PDF, JPEG or PNG, recognised by their content, not by their name.</summary>
public static class Uploads
{
    public const int MaxFileBytes = 5 * 1024 * 1024;
    public const int MaxTotalBytes = 20 * 1024 * 1024;

    public static string? ContentTypeOf(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF-"u8) ? "application/pdf"
        : head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? "image/jpeg"
        : head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : null;

    /// <summary>A blank form for citizens: PDF, Word (.docx) or old Word (.doc), recognised by content.</summary>
    public static string? FormContentTypeOf(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF-"u8) ? "application/pdf"
        : head.StartsWith(new byte[] { 0x50, 0x4B, 0x03, 0x04 }) ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        : head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }) ? "application/msword"
        : null;

    /// <summary>Null when the file is acceptable, otherwise the reason in Vietnamese.</summary>
    public static string? Problem(string fileName, byte[] content)
    {
        if (content.Length == 0) return $"Tệp “{fileName}” rỗng.";
        if (content.Length > MaxFileBytes) return $"Tệp “{fileName}” lớn hơn 5 MB.";
        if (ContentTypeOf(content) is null) return $"Tệp “{fileName}” không phải PDF, JPG hoặc PNG.";
        return null;
    }

    /// <summary>A safe display name: no path, no control characters, at most 100 characters.</summary>
    public static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "tep" : name.Length > 100 ? name[^100..] : name;
    }
}
