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
        foreach (var id in MimeUtils.EnumerateReferences(value))
            if (id.Length > 0)
                return id;
        // Some senders write the id without brackets: the first word is it.
        var token = value.Trim();
        var end = token.IndexOfAny([' ', '\t', '(', ',', '\r', '\n']);
        token = (end >= 0 ? token[..end] : token).Trim('<', '>');
        return token.Length == 0 ? null : token;
    }

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
