namespace Helpdesk.Mail.Mime;

/// <summary>
/// Content-Transfer-Encoding decoders that accept what real mail contains: base64 with line noise, missing
/// padding or several padded runs glued together; quoted-printable with bare LF, lower-case hex and stray '='.
/// </summary>
public static class TransferEncoding
{
    private static readonly sbyte[] Base64Values = BuildBase64Table();

    private static sbyte[] BuildBase64Table()
    {
        var t = new sbyte[256];
        Array.Fill(t, (sbyte)-1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < alphabet.Length; i++)
            t[alphabet[i]] = (sbyte)i;
        t['-'] = 62; // base64url, seen from some web mailers
        t['_'] = 63;
        return t;
    }

    /// <summary>The largest number of bytes <paramref name="encodedLength"/> base64 characters can produce.</summary>
    public static int MaxBase64DecodedLength(int encodedLength) => encodedLength / 4 * 3 + 3;

    /// <summary>
    /// Decodes base64 into <paramref name="output"/> (at least <see cref="MaxBase64DecodedLength"/> long), skipping
    /// every byte outside the alphabet. Returns the bytes written; <paramref name="garbage"/> tells whether
    /// anything other than whitespace and padding was skipped.
    /// </summary>
    public static int DecodeBase64(ReadOnlySpan<byte> input, Span<byte> output, out bool garbage)
    {
        garbage = false;
        var table = Base64Values;
        int acc = 0, bits = 0, o = 0;
        var i = 0;
        // Fast path: whole 4-char groups of valid characters, the bulk of any base64 body.
        while (i + 4 <= input.Length)
        {
            int a = table[input[i]], b = table[input[i + 1]], c = table[input[i + 2]], d = table[input[i + 3]];
            if ((a | b | c | d) < 0)
                break;
            var v = (a << 18) | (b << 12) | (c << 6) | d;
            output[o] = (byte)(v >> 16);
            output[o + 1] = (byte)(v >> 8);
            output[o + 2] = (byte)v;
            o += 3;
            i += 4;
        }
        for (; i < input.Length; i++)
        {
            var ch = input[i];
            int v = table[ch];
            if (v < 0)
            {
                if (ch == (byte)'=')
                {
                    // Padding ends a quantum; a glued second run starts fresh.
                    acc = 0;
                    bits = 0;
                }
                else if (ch is not ((byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t'))
                {
                    garbage = true;
                }
                continue;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output[o++] = (byte)(acc >> bits);
                acc &= (1 << bits) - 1;
            }
            // Resume the fast path after a line break.
            if (bits == 0 && i + 1 < input.Length && input[i + 1] is (byte)'\r' or (byte)'\n')
            {
                var j = i + 1;
                while (j < input.Length && input[j] is (byte)'\r' or (byte)'\n')
                    j++;
                while (j + 4 <= input.Length)
                {
                    int a = table[input[j]], b = table[input[j + 1]], c = table[input[j + 2]], d = table[input[j + 3]];
                    if ((a | b | c | d) < 0)
                        break;
                    var w = (a << 18) | (b << 12) | (c << 6) | d;
                    output[o] = (byte)(w >> 16);
                    output[o + 1] = (byte)(w >> 8);
                    output[o + 2] = (byte)w;
                    o += 3;
                    j += 4;
                }
                i = j - 1;
            }
        }
        return o;
    }

    /// <summary>Decodes base64 to a new array (see <see cref="DecodeBase64(ReadOnlySpan{byte}, Span{byte}, out bool)"/>).</summary>
    public static byte[] DecodeBase64(ReadOnlySpan<byte> input, out bool garbage)
    {
        var buffer = new byte[MaxBase64DecodedLength(input.Length)];
        var n = DecodeBase64(input, buffer, out garbage);
        return n == buffer.Length ? buffer : buffer.AsSpan(0, n).ToArray();
    }

    /// <summary>
    /// Decodes quoted-printable into <paramref name="output"/> (at least as long as the input). Soft breaks
    /// ("=" at line end, CRLF or LF) are removed, trailing whitespace before a hard break dropped, and a '='
    /// not followed by two hex digits kept as it is.
    /// </summary>
    public static int DecodeQuotedPrintable(ReadOnlySpan<byte> input, Span<byte> output, out bool malformed)
    {
        malformed = false;
        var o = 0;
        var i = 0;
        while (i < input.Length)
        {
            var next = input[i..].IndexOfAny((byte)'=', (byte)'\n');
            if (next < 0)
            {
                input[i..].CopyTo(output[o..]);
                o += input.Length - i;
                break;
            }
            input.Slice(i, next).CopyTo(output[o..]);
            o += next;
            i += next;
            if (input[i] == (byte)'\n')
            {
                // Hard break: drop transport padding (spaces/tabs before the break), keep the break itself.
                var end = o;
                if (end > 0 && output[end - 1] == (byte)'\r')
                    end--;
                var trimmed = end;
                while (trimmed > 0 && output[trimmed - 1] is (byte)' ' or (byte)'\t')
                    trimmed--;
                if (trimmed != end)
                {
                    var hadCr = end != o;
                    o = trimmed;
                    if (hadCr)
                        output[o++] = (byte)'\r';
                }
                output[o++] = (byte)'\n';
                i++;
                continue;
            }
            // '='
            if (i + 2 < input.Length && IsHex(input[i + 1]) && IsHex(input[i + 2]))
            {
                output[o++] = (byte)((HexValue(input[i + 1]) << 4) | HexValue(input[i + 2]));
                i += 3;
                continue;
            }
            // Soft break: '=' then optional whitespace then CRLF or LF (or end of input).
            var j = i + 1;
            while (j < input.Length && input[j] is (byte)' ' or (byte)'\t')
                j++;
            if (j == input.Length)
            {
                i = j;
                continue;
            }
            if (input[j] == (byte)'\n')
            {
                i = j + 1;
                continue;
            }
            if (input[j] == (byte)'\r' && j + 1 < input.Length && input[j + 1] == (byte)'\n')
            {
                i = j + 2;
                continue;
            }
            if (input[j] == (byte)'\r' && j + 1 == input.Length)
            {
                i = j + 1;
                continue;
            }
            malformed = true;
            output[o++] = (byte)'=';
            i++;
        }
        return o;
    }

    /// <summary>Decodes quoted-printable to a new array.</summary>
    public static byte[] DecodeQuotedPrintable(ReadOnlySpan<byte> input, out bool malformed)
    {
        var buffer = new byte[input.Length];
        var n = DecodeQuotedPrintable(input, buffer, out malformed);
        return n == buffer.Length ? buffer : buffer.AsSpan(0, n).ToArray();
    }

    internal static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'F' or >= (byte)'a' and <= (byte)'f';

    internal static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
