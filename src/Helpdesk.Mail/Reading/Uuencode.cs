namespace Helpdesk.Mail.Reading;

/// <summary>
/// Files that old clients (Outlook Express, Eudora, Usenet tools) uuencode straight into a text/plain body:
/// a "begin 644 name" line, lines of encoded data whose first character gives their byte count, and "end".
/// Each such block becomes an attachment and leaves the text, so agents see words and not a wall of symbols.
/// </summary>
internal static class Uuencode
{
    /// <summary>A file found in a body.</summary>
    public readonly record struct UuFile(string Name, byte[] Content);

    /// <summary>
    /// Finds the uuencoded blocks of <paramref name="body"/>; returns the body without them (the same bytes
    /// when there are none, the common case, found with one vectorized search).
    /// </summary>
    public static ReadOnlyMemory<byte> Extract(ReadOnlyMemory<byte> body, List<UuFile> files)
    {
        var span = body.Span;
        if (span.IndexOf("begin "u8) < 0)
            return body;
        List<(int Start, int End)>? blocks = null;
        var pos = 0;
        while (pos < span.Length)
        {
            var nl = span[pos..].IndexOf((byte)'\n');
            var lineEnd = nl < 0 ? span.Length : pos + nl;
            var next = nl < 0 ? span.Length : lineEnd + 1;
            if (span[pos..lineEnd].StartsWith("begin "u8) && TryReadBlock(span, pos, lineEnd, next, out var file, out var blockEnd))
            {
                files.Add(file);
                (blocks ??= []).Add((pos, blockEnd));
                pos = blockEnd;
                continue;
            }
            pos = next;
        }
        if (blocks is null)
            return body;
        var rest = new byte[span.Length - blocks.Sum(b => b.End - b.Start)];
        var o = 0;
        var from = 0;
        foreach (var (start, end) in blocks)
        {
            span[from..start].CopyTo(rest.AsSpan(o));
            o += start - from;
            from = end;
        }
        span[from..].CopyTo(rest.AsSpan(o));
        return rest;
    }

    private static bool TryReadBlock(ReadOnlySpan<byte> span, int lineStart, int lineEnd, int next, out UuFile file, out int blockEnd)
    {
        file = default;
        blockEnd = 0;
        // "begin" SP mode SP name: the mode is 3 or 4 octal digits.
        var header = span[(lineStart + 6)..lineEnd].TrimEnd("\r \t"u8);
        var sp = header.IndexOf((byte)' ');
        if (sp is < 3 or > 4 || header[..sp].IndexOfAnyExceptInRange((byte)'0', (byte)'7') >= 0)
            return false;
        var nameBytes = header[(sp + 1)..].Trim(" \t"u8);
        if (nameBytes.IsEmpty)
            return false;
        var name = TextCharsets.Decode(nameBytes, null);
        var cut = name.LastIndexOfAny(['/', '\\']);
        name = cut >= 0 ? name[(cut + 1)..] : name;

        var output = new List<byte>();
        Span<byte> quad = stackalloc byte[4];
        var pos = next;
        while (pos < span.Length)
        {
            var nl = span[pos..].IndexOf((byte)'\n');
            var end = nl < 0 ? span.Length : pos + nl;
            var line = span[pos..end].TrimEnd("\r"u8);
            pos = nl < 0 ? span.Length : end + 1;
            if (line.TrimEnd(" \t"u8).SequenceEqual("end"u8))
            {
                file = new UuFile(name.Length == 0 ? "attachment.bin" : name, [.. output]);
                blockEnd = pos;
                return true;
            }
            if (line.IsEmpty)
                continue; // a line of zero bytes whose length character a relay trimmed away
            if (line.IndexOfAnyExceptInRange((byte)32, (byte)96) >= 0)
                return false; // not uuencode after all: leave the text as it is
            var count = (line[0] - 32) & 63;
            // Trailing spaces (zero bits) are often trimmed in transit; missing characters read as zero.
            for (var i = 1; count > 0; i += 4)
            {
                for (var k = 0; k < 4; k++)
                    quad[k] = (byte)(i + k < line.Length ? (line[i + k] - 32) & 63 : 0);
                var b0 = (byte)((quad[0] << 2) | (quad[1] >> 4));
                var b1 = (byte)((quad[1] << 4) | (quad[2] >> 2));
                var b2 = (byte)((quad[2] << 6) | quad[3]);
                output.Add(b0);
                if (count > 1)
                    output.Add(b1);
                if (count > 2)
                    output.Add(b2);
                count -= 3;
            }
        }
        return false; // no "end" line: probably prose that starts with "begin "
    }

    /// <summary>A content type for a uuencoded file from its extension (the block carries no type).</summary>
    public static string GuessContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".txt" or ".log" => "text/plain",
        ".pdf" => "application/pdf",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".zip" => "application/zip",
        ".doc" => "application/msword",
        ".xls" => "application/vnd.ms-excel",
        _ => "application/octet-stream",
    };
}
