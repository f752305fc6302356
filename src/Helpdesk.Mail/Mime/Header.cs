using System.Text;

namespace Helpdesk.Mail.Mime;

/// <summary>One header field as it arrived: the name and the raw value bytes (folds kept), decoded on demand.</summary>
public sealed class Header
{
    private string? _value;

    internal Header(string name, ReadOnlyMemory<byte> rawValue)
    {
        Name = name;
        RawValue = rawValue;
    }

    /// <summary>The field name as written (compare case-insensitively).</summary>
    public string Name { get; }

    /// <summary>The bytes after the colon, folds included, without the final line break.</summary>
    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>
    /// The value unfolded and trimmed, raw 8-bit bytes read as UTF-8 (RFC 6532) or windows-1252;
    /// encoded words are left as they are (see <see cref="Text"/>).
    /// </summary>
    public string Value => _value ??= Unfold(RawValue.Span);

    /// <summary>The value as unstructured text with RFC 2047 encoded words decoded (Subject, Comments ...).</summary>
    public string Text => EncodedWords.Decode(Value);

    public override string ToString() => $"{Name}: {Value}";

    internal static string Unfold(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOfAny((byte)'\r', (byte)'\n') < 0)
            return Charsets.Decode(raw.Trim(" \t"u8), null).Trim();
        // Removing the line breaks (not the whitespace after them) is the RFC 5322 unfolding.
        var buffer = raw.Length <= 1024 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        var n = 0;
        foreach (var b in raw)
        {
            if (b is (byte)'\r' or (byte)'\n')
                continue;
            buffer[n++] = b;
        }
        return Charsets.Decode(buffer[..n].Trim(" \t"u8), null).Trim();
    }
}

/// <summary>The header fields of one entity, in order. Lookups are case-insensitive.</summary>
public sealed class HeaderList : IReadOnlyList<Header>
{
    private readonly List<Header> _headers = new(16);

    public int Count => _headers.Count;

    public Header this[int index] => _headers[index];

    /// <summary>The first field with this name, unfolded, or null.</summary>
    public string? this[string name] => Find(name)?.Value;

    internal void Add(Header header) => _headers.Add(header);

    /// <summary>The first field with this name, or null.</summary>
    public Header? Find(string name)
    {
        foreach (var h in _headers)
            if (h.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                return h;
        return null;
    }

    /// <summary>True when a field with this name is present.</summary>
    public bool Contains(string name) => Find(name) is not null;

    /// <summary>Every field with this name, in order.</summary>
    public IEnumerable<Header> FindAll(string name)
    {
        foreach (var h in _headers)
            if (h.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                yield return h;
    }

    public IEnumerator<Header> GetEnumerator() => _headers.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var h in _headers)
            sb.Append(h.Name).Append(": ").Append(h.Value).Append('\n');
        return sb.ToString();
    }
}
