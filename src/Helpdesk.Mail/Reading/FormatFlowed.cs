using System.Text;

namespace Helpdesk.Mail.Reading;

/// <summary>RFC 3676 format=flowed: lines ending in a space continue on the next line (Thunderbird, Apple Mail).</summary>
public static class FormatFlowed
{
    /// <summary>Joins soft-broken lines; removes space-stuffing; with delsp=yes also the space before each soft break.</summary>
    public static string Unflow(string text, bool delSp)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var sb = new StringBuilder(text.Length);
        var paragraph = new StringBuilder();
        var paragraphDepth = -1;
        foreach (var raw in lines)
        {
            var depth = 0;
            while (depth < raw.Length && raw[depth] == '>')
                depth++;
            var content = raw[depth..];
            if (content.StartsWith(' '))
                content = content[1..]; // space-stuffing (or the space after quote marks)
            var isSignature = content == "-- ";
            var flowed = content.EndsWith(' ') && !isSignature;

            if (paragraphDepth >= 0 && depth != paragraphDepth)
                EndParagraph();
            paragraphDepth = depth;
            if (flowed)
            {
                paragraph.Append(delSp ? content[..^1] : content);
                continue;
            }
            paragraph.Append(content);
            EndParagraph();
        }
        if (paragraphDepth >= 0 && paragraph.Length > 0)
            EndParagraph();
        if (sb.Length > 0 && sb[^1] == '\n')
            sb.Length--;
        return sb.ToString();

        void EndParagraph()
        {
            if (paragraphDepth > 0)
            {
                sb.Append('>', paragraphDepth);
                if (paragraph.Length > 0)
                    sb.Append(' ');
            }
            sb.Append(paragraph).Append('\n');
            paragraph.Clear();
            paragraphDepth = -1;
        }
    }
}
