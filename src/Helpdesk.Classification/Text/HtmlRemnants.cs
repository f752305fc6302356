using System.Net;

namespace Helpdesk.Classification.Text;

/// <summary>
/// Cleans what HTML mail leaves behind in text: character references (&amp;nbsp; &amp;#39; &amp;lt;)
/// are decoded and tags (&lt;b&gt;, &lt;/p&gt;, &lt;div class="x"&gt;) removed, so "Can&amp;#39;t" reads
/// as "Can't" rather than as a number between two words. Angle-bracketed addresses such as
/// &lt;passwordchange@meridian.example&gt; or &lt;https://...&gt; are not tags and stay.
/// </summary>
internal static class HtmlRemnants
{
    private const int MaxTagLength = 300;
    private const int MaxTagNameLength = 12;

    public static string Clean(string text)
    {
        if (text.Contains('<'))
        {
            text = StripTags(text);
        }

        return text.Contains('&') ? WebUtility.HtmlDecode(text) : text;
    }

    private static string StripTags(string text)
    {
        System.Text.StringBuilder? sb = null;
        int copied = 0;
        int i = text.IndexOf('<');
        while (i >= 0)
        {
            int end = TagEnd(text, i);
            if (end > 0)
            {
                sb ??= new System.Text.StringBuilder(text.Length);
                sb.Append(text, copied, i - copied).Append(' ');
                copied = end;
                i = text.IndexOf('<', end);
            }
            else
            {
                i = text.IndexOf('<', i + 1);
            }
        }

        return sb is null ? text : sb.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Index just past the tag starting at <paramref name="start"/>, or 0 when it is not a tag.</summary>
    private static int TagEnd(string text, int start)
    {
        int p = start + 1;
        if (p < text.Length && (text[p] == '/' || text[p] == '!'))
        {
            p++;
        }

        int nameStart = p;
        while (p < text.Length && char.IsAsciiLetterOrDigit(text[p]))
        {
            p++;
        }

        int nameLength = p - nameStart;
        if (nameLength == 0 || nameLength > MaxTagNameLength || !char.IsAsciiLetter(text[nameStart]) || p >= text.Length)
        {
            return 0;
        }

        char after = text[p];
        if (after == '>')
        {
            return p + 1;
        }

        if (!(after == '/' || char.IsWhiteSpace(after)))
        {
            return 0; // "<passwordchange@...", "<https:..." and "<3" are not tags
        }

        int close = text.IndexOf('>', p);
        if (close < 0 || close - start > MaxTagLength)
        {
            return 0;
        }

        int nextOpen = text.IndexOf('<', p, close - p);
        return nextOpen < 0 ? close + 1 : 0;
    }
}
