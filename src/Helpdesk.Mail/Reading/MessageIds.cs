using MimeKit.Utils;

namespace Helpdesk.Mail.Reading;

/// <summary>Message-ID, In-Reply-To and References values without angle brackets, through MimeKit's id parser.</summary>
internal static class MessageIds
{
    /// <summary>The first id in the value ("&lt;a@b&gt; (comment)", "Your message of ... &lt;a@b&gt;", a bare "a@b"), or null.</summary>
    public static string? One(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return Plain(value) ?? OneThroughMimeKit(value);
    }

    /// <summary>The same answer by MimeKit's parser alone (tests hold <see cref="One"/> to it).</summary>
    internal static string? OneThroughMimeKit(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        foreach (var id in MimeUtils.EnumerateReferences(value))
            if (id.Length > 0)
                return id;
        // Some senders write the id without brackets: the first word is it.
        var token = value.Trim();
        var end = token.IndexOfAny([' ', '\t', '(', ',', '\r', '\n']);
        token = (end >= 0 ? token[..end] : token).Trim('<', '>');
        return token.Length == 0 ? null : token;
    }

    // Nearly every Message-ID and In-Reply-To is one plain "<dot-atom@dot-atom>": its id is what lies between the
    // brackets, as MimeKit reads it too, and taking it costs a fraction of MimeKit's general parse (which handles
    // comments, quoted local parts, folding and several ids). Anything else, internationalized domains included,
    // goes to MimeKit.
    private static readonly System.Buffers.SearchValues<char> AtomText =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.");

    internal static bool IsPlain(string value) => Plain(value) is not null;

    private static string? Plain(string value)
    {
        var v = value.AsSpan().Trim(" \t\r\n");
        if (v.Length < 5 || v[0] != '<' || v[^1] != '>')
            return null;
        var inner = v[1..^1];
        var at = inner.IndexOf('@');
        if (at <= 0 || at == inner.Length - 1 || inner[(at + 1)..].Contains('@'))
            return null;
        var local = inner[..at];
        var domain = inner[(at + 1)..];
        if (local.ContainsAnyExcept(AtomText) || domain.ContainsAnyExcept(AtomText) || !IsDotAtom(local) || !IsDotAtom(domain)
            || domain.Contains("xn--", StringComparison.OrdinalIgnoreCase))
            return null;
        return inner.ToString();
    }

    private static bool IsDotAtom(ReadOnlySpan<char> s) => s[0] != '.' && s[^1] != '.' && !s.Contains("..", StringComparison.Ordinal);

    /// <summary>Every id of a References-style list, in order, duplicates removed.</summary>
    public static IReadOnlyList<string> List(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return [];
        var ids = new List<string>();
        foreach (var id in MimeUtils.EnumerateReferences(value))
            if (id.Length > 0 && !ids.Contains(id))
                ids.Add(id);
        return ids;
    }
}
