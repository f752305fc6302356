namespace Helpdesk.Mail.Mime;

/// <summary>Message-ID, In-Reply-To, References and Content-ID values, returned without angle brackets.</summary>
public static class MessageIds
{
    /// <summary>The first id in the value ("&lt;a@b&gt; (comment)", "a@b", "Your message of ... &lt;a@b&gt;"), or null.</summary>
    public static string? ParseOne(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var open = value.IndexOf('<');
        if (open >= 0)
        {
            var close = value.IndexOf('>', open + 1);
            var inner = (close < 0 ? value[(open + 1)..] : value[(open + 1)..close]).Trim();
            inner = StripSpaces(inner);
            return inner.Length == 0 ? null : inner;
        }
        var token = value.Trim();
        var ws = token.IndexOfAny([' ', '\t', '(', ',']);
        if (ws >= 0)
            token = token[..ws];
        return token.Length == 0 ? null : token;
    }

    /// <summary>Every id in a References-style list, in order, duplicates removed.</summary>
    public static List<string> ParseList(string? value)
    {
        var ids = new List<string>();
        if (string.IsNullOrWhiteSpace(value))
            return ids;
        var i = 0;
        if (value.Contains('<'))
        {
            while (i < value.Length)
            {
                var open = value.IndexOf('<', i);
                if (open < 0)
                    break;
                var close = value.IndexOf('>', open + 1);
                if (close < 0)
                    close = value.Length;
                var inner = StripSpaces(value[(open + 1)..close].Trim());
                if (inner.Length > 0 && !ids.Contains(inner))
                    ids.Add(inner);
                i = close + 1;
            }
            return ids;
        }
        foreach (var part in value.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
            if (part.Contains('@') && !ids.Contains(part))
                ids.Add(part);
        return ids;
    }

    // Folding inside an id (long ids wrapped by a relay) leaves spaces that were never part of it.
    private static string StripSpaces(string s) => s.IndexOfAny([' ', '\t']) < 0 ? s : s.Replace(" ", "").Replace("\t", "");
}
