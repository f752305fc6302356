using System.Text;

namespace Helpdesk.Mail.Tests.Fuzz;

/// <summary>
/// Turns a real message into a broken one the way transport and hostile senders do: flipped bytes, cuts,
/// damaged or missing boundaries, repeated headers, stray encoded words, deep nesting, bare CR/LF swaps.
/// Shared by the short fuzz test and the long fuzz benchmark (linked into both projects); seeded, so a
/// failure can be replayed from its seed and iteration.
/// </summary>
internal sealed class MailMutator(int seed)
{
    // Growth mutations compound over rounds (400 header copies of 400 header copies); past this size a mutated
    // message is cut, which keeps the run about the parser, not about allocating the input.
    public const int MaxMutatedSize = 3 * 1024 * 1024;

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] message)
    {
        var data = message;
        var rounds = 1 + _random.Next(3);
        for (var r = 0; r < rounds; r++)
        {
            data = _random.Next(11) switch
            {
                0 => FlipBytes(data),
                1 => Cut(data),
                2 => BreakBoundaries(data),
                3 => RepeatHeaders(data),
                4 => InsertNoise(data, "=?utf-8?B?" + new string('A', _random.Next(1, 9)) + "?= =?x-bogus?Q?=FF=FE_?= =?"),
                5 => InsertNoise(data, "\r\n--" + Boundary(data) + "\r\nContent-Type: multipart/mixed; boundary=\"" + Boundary(data) + "\"\r\n\r\n"),
                6 => Nest(data),
                7 => SwapLineEnds(data),
                8 => InsertNoise(data, "\r\nContent-Type: text/plain; charset*0*=utf-8''%E2%82; charset*1*=%AC; name*=\"\r\n"),
                9 => DuplicateRange(data),
                _ => FlipBytes(Cut(data)),
            };
            if (data.Length > MaxMutatedSize)
                data = data.AsSpan(0, MaxMutatedSize).ToArray();
        }
        return data;
    }

    private byte[] FlipBytes(byte[] data)
    {
        if (data.Length == 0)
            return data;
        var copy = (byte[])data.Clone();
        var flips = 1 + _random.Next(Math.Max(1, copy.Length / 200));
        for (var i = 0; i < flips; i++)
        {
            var at = _random.Next(copy.Length);
            copy[at] = _random.Next(4) switch
            {
                0 => (byte)_random.Next(256),
                1 => (byte)'\n',
                2 => (byte)'-',
                _ => (byte)(copy[at] ^ (1 << _random.Next(8))),
            };
        }
        return copy;
    }

    private byte[] Cut(byte[] data) => data.Length == 0 ? data : data.AsSpan(0, _random.Next(data.Length)).ToArray();

    private string Boundary(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        var at = text.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return "b" + _random.Next(1000);
        var start = at + 9;
        var end = start;
        while (end < text.Length && text[end] is not ('\r' or '\n' or ';'))
            end++;
        return text[start..end].Trim('"', ' ');
    }

    private byte[] BreakBoundaries(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        var boundary = Boundary(data);
        if (boundary.Length == 0)
            return FlipBytes(data);
        var action = _random.Next(4);
        var result = action switch
        {
            0 => text.Replace("--" + boundary + "--", "--" + boundary),                  // no close boundary
            1 => ReplaceNth(text, "--" + boundary, "--" + boundary[..^1]),              // one boundary damaged
            2 => text.Replace("boundary=", "boundery=", StringComparison.OrdinalIgnoreCase), // parameter lost
            _ => text.Replace("--" + boundary, "--" + boundary + "--"),                  // every boundary closes
        };
        return Encoding.Latin1.GetBytes(result);
    }

    private string ReplaceNth(string text, string find, string replacement)
    {
        var indexes = new List<int>();
        for (var i = text.IndexOf(find, StringComparison.Ordinal); i >= 0 && indexes.Count < 100; i = text.IndexOf(find, i + 1, StringComparison.Ordinal))
            indexes.Add(i);
        if (indexes.Count == 0)
            return text;
        var at = indexes[_random.Next(indexes.Count)];
        return text[..at] + replacement + text[(at + find.Length)..];
    }

    private byte[] RepeatHeaders(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var end2 = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end2 >= 0 && (end < 0 || end2 < end))
            end = end2;
        if (end <= 0)
            return data;
        var headers = text[..end];
        var times = 1 + _random.Next(_random.Next(2) == 0 ? 3 : 400);
        times = Math.Max(1, Math.Min(times, MaxMutatedSize / Math.Max(1, headers.Length)));
        var sb = new StringBuilder();
        for (var i = 0; i < times; i++)
            sb.Append(headers).Append("\r\n");
        return Encoding.Latin1.GetBytes(sb + text[end..]);
    }

    private byte[] InsertNoise(byte[] data, string noise)
    {
        var at = data.Length == 0 ? 0 : _random.Next(data.Length);
        var bytes = Encoding.Latin1.GetBytes(noise);
        var result = new byte[data.Length + bytes.Length];
        data.AsSpan(0, at).CopyTo(result);
        bytes.CopyTo(result, at);
        data.AsSpan(at).CopyTo(result.AsSpan(at + bytes.Length));
        return result;
    }

    private byte[] Nest(byte[] data)
    {
        var depth = 1 + _random.Next(60);
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++)
            sb.Append(_random.Next(2) == 0
                ? $"Content-Type: multipart/mixed; boundary=\"n{i}\"\r\n\r\n--n{i}\r\n"
                : "Content-Type: message/rfc822\r\n\r\n");
        var prefix = Encoding.Latin1.GetBytes(sb.ToString());
        return [.. prefix, .. data];
    }

    private byte[] SwapLineEnds(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        text = _random.Next(3) switch
        {
            0 => text.Replace("\r\n", "\n"),
            1 => text.Replace("\r\n", "\r"),
            _ => text.Replace("\n", "\r\n"),
        };
        return Encoding.Latin1.GetBytes(text);
    }

    private byte[] DuplicateRange(byte[] data)
    {
        if (data.Length < 2)
            return data;
        var start = _random.Next(data.Length);
        var length = Math.Min(data.Length - start, 1 + _random.Next(2000));
        var times = 1 + _random.Next(20);
        var result = new List<byte>(data.Length + length * times);
        result.AddRange(data.AsSpan(0, start).ToArray());
        for (var i = 0; i < times; i++)
            result.AddRange(data.AsSpan(start, length).ToArray());
        result.AddRange(data.AsSpan(start).ToArray());
        return result.ToArray();
    }
}
