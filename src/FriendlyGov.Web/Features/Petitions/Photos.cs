using SkiaSharp;

namespace FriendlyGov.Web.Features.Petitions;

public sealed record PhotoUpload(string FileName, byte[] Content);

public sealed record CleanPhoto(byte[] Jpeg, int Width, int Height);

/// <summary>
/// Every image anyone uploads (petition photos, online dossiers, the model's and the notice board's files): JPEG, PNG or WebP
/// recognised by content, at most 8 MB. The size is read from the header and checked <em>before</em> any pixel is decoded
/// (40 megapixels for JPEG, 16 for PNG and WebP, whose decoders cannot scale): a decompression bomb is refused unread. A JPEG
/// is decoded at the scale kept (the decoder's own 1/2, 1/4, 1/8 steps), so a 40 MP phone photo costs a few MB, not 160. An
/// image that does not decode completely (truncated, or a header before something else) is refused. What is kept is turned
/// upright by the camera's orientation tag, at most 1600 px, re-encoded as JPEG: pixels alone, no EXIF (place, time, device),
/// nothing hidden after the image data.
/// </summary>
public static class Photos
{
    public const int MaxCount = 3;
    public const int MaxBytes = 8 * 1024 * 1024;
    public const int MaxSide = 1600;
    private const long MaxJpegPixels = 40_000_000;
    private const long MaxOtherPixels = 16_000_000;

    public static string? KindOf(ReadOnlySpan<byte> head) =>
        head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? "jpeg"
        : head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) ? "png"
        : head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? "webp"
        : null;

    /// <summary>The cleaned photo, or the reason it is refused (Vietnamese).</summary>
    public static (CleanPhoto? Photo, string? Problem) Clean(PhotoUpload upload)
    {
        var name = Path.GetFileName(upload.FileName);
        if (upload.Content.Length == 0) return (null, $"Ảnh “{name}” rỗng.");
        if (upload.Content.Length > MaxBytes) return (null, $"Ảnh “{name}” lớn hơn 8 MB.");
        if (KindOf(upload.Content) is null) return (null, $"Tệp “{name}” không phải ảnh JPG, PNG hoặc WebP.");
        using var data = SKData.CreateCopy(upload.Content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0) return (null, $"Không đọc được ảnh “{name}”.");
        var pixels = (long)codec.Info.Width * codec.Info.Height;
        if (pixels > (codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? MaxJpegPixels : MaxOtherPixels))
            return (null, $"Ảnh “{name}” quá lớn ({codec.Info.Width} × {codec.Info.Height} điểm ảnh); hãy gửi ảnh nhỏ hơn.");
        // Decode at the size that will be kept (or the nearest larger step the decoder offers), never the full size first.
        var wanted = Math.Min(1f, (float)MaxSide / Math.Max(codec.Info.Width, codec.Info.Height));
        var size = codec.GetScaledDimensions(wanted);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success) return (null, $"Ảnh “{name}” bị hỏng hoặc không đầy đủ.");
        using var upright = Orient(decoded, codec.EncodedOrigin);
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(upright.Width, upright.Height));
        var (w, h) = (Math.Max(1, (int)Math.Round(upright.Width * scale)), Math.Max(1, (int)Math.Round(upright.Height * scale)));
        using var sized = scale < 1 ? upright.Resize(new SKImageInfo(w, h), new SKSamplingOptions(SKCubicResampler.Mitchell)) : upright.Copy();
        using var image = SKImage.FromBitmap(sized);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 82);
        return (new CleanPhoto(jpeg.ToArray(), sized.Width, sized.Height), null);
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return source.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SKCanvas(result);
        var (w, h) = (source.Width, source.Height);
        // x' = a·x + b·y + c; y' = d·x + e·y + f: where each source pixel lands for the eight EXIF orientations.
        var m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1), // LeftBottom
        };
        canvas.SetMatrix(m);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }
}
