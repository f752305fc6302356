namespace Helpdesk.Mail.Reading;

/// <summary>
/// What an image really is, from its first bytes. A customer's Content-Type is a claim: a part labelled image/png may
/// hold HTML or SVG (which can carry script). Only these four raster formats are recognised; anything else is not an image.
/// </summary>
public static class ImageSignature
{
    /// <summary>"image/png", "image/jpeg", "image/gif" or "image/webp" when the bytes start like one; otherwise null.</summary>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8)) return "image/gif";
        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }
}
