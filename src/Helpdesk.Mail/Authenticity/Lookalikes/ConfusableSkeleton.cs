using System.Globalization;
using System.Text;

namespace Helpdesk.Mail.Authenticity.Lookalikes;

/// <summary>
/// What a domain label looks like to a reader, after the idea of UTS #39's skeleton: characters that are drawn alike
/// map to one form (Cyrillic "а" and Greek "α" to "a", "0" to "o", "1" and "I" to "l", "rn" to "m"), accents are
/// dropped. Two labels with the same skeleton are hard to tell apart on a phone screen. The table is the desk's own,
/// covering the characters phishing kits use (Cyrillic, Greek, Latin look-alikes, digits); it is not Unicode's whole
/// confusables.txt.
/// </summary>
public static class ConfusableSkeleton
{
    private static readonly Dictionary<char, char> Single = Build();

    // Sequences drawn like one letter, replaced after the single characters (so "гn" -> "rn" -> "m").
    private static readonly (string From, string To)[] Sequences = [("rn", "m"), ("vv", "w"), ("cl", "d")];

    public static string Of(string label)
    {
        var decomposed = label.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(Single.TryGetValue(c, out var m) ? m : c);
        }
        var s = sb.ToString();
        foreach (var (from, to) in Sequences)
            s = s.Replace(from, to, StringComparison.Ordinal);
        return s;
    }

    private static Dictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        void Add(string chars, char to)
        {
            foreach (var c in chars) map[c] = to;
        }
        // Cyrillic
        Add("аɑα", 'a'); Add("вβ", 'b'); Add("сϲς", 'c'); Add("ԁɗ", 'd'); Add("еεєҽ", 'e'); Add("ғ", 'f'); Add("ɡց", 'g');
        Add("һհ", 'h'); Add("іíìιɩӏ1|!ı", 'l'); Add("ј", 'j'); Add("κк", 'k'); Add("ⅼ", 'l'); Add("м", 'm'); Add("ոп", 'n');
        Add("оοօ0ø", 'o'); Add("рρ", 'p'); Add("ԛ", 'q'); Add("г", 'r'); Add("ѕ5$", 's'); Add("τт", 't'); Add("υս", 'u');
        Add("νѵ", 'v'); Add("ѡω", 'w'); Add("хχ", 'x'); Add("уγү", 'y'); Add("ᴢ", 'z'); Add("3", 'e'); Add("4@", 'a');
        Add("7", 't'); Add("8", 'b'); Add("9", 'g');
        // "i" and "l" look alike in many fonts (and after "1" and "I"): one form for all.
        map['i'] = 'l';
        map['ł'] = 'l';
        return map;
    }
}
