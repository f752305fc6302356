using System.Globalization;

namespace Helpdesk.Mail.Mime;

/// <summary>
/// Date header values: RFC 5322 ("Fri, 20 Nov 2026 09:15:00 +0100") and the broken forms clients send:
/// no day name, two-digit years, named or military zones, "GMT+0100", zones in comments, missing seconds,
/// "10.15.00", asctime ("Fri Nov 20 09:15:00 2026"), ISO 8601, month names in a few languages.
/// </summary>
public static class DateParser
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
        // Localized names some clients put in the header (de, fr, es, nl, it, pt).
        ["mär"] = 3, ["mrz"] = 3, ["mai"] = 5, ["okt"] = 10, ["dez"] = 12,
        ["janv"] = 1, ["fév"] = 2, ["févr"] = 2, ["fev"] = 2, ["mars"] = 3, ["avr"] = 4, ["juin"] = 6, ["juil"] = 7,
        ["aoû"] = 8, ["août"] = 8, ["déc"] = 12, ["ene"] = 1, ["abr"] = 4, ["ago"] = 8, ["dic"] = 12,
        ["mrt"] = 3, ["mei"] = 5, ["gen"] = 1, ["mag"] = 5, ["giu"] = 6, ["lug"] = 7, ["set"] = 9, ["ott"] = 10,
        ["fev."] = 2, ["out"] = 10, ["dez."] = 12,
    };

    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0,
        ["EST"] = -5 * 60, ["EDT"] = -4 * 60, ["CST"] = -6 * 60, ["CDT"] = -5 * 60,
        ["MST"] = -7 * 60, ["MDT"] = -6 * 60, ["PST"] = -8 * 60, ["PDT"] = -7 * 60,
        ["AKST"] = -9 * 60, ["AKDT"] = -8 * 60, ["HST"] = -10 * 60,
        ["BST"] = 60, ["CET"] = 60, ["CEST"] = 120, ["MET"] = 60, ["MEST"] = 120, ["EET"] = 120, ["EEST"] = 180,
        ["WEST"] = 60, ["MSK"] = 180, ["IST"] = 330, ["JST"] = 540, ["KST"] = 540, ["HKT"] = 480, ["SGT"] = 480,
        ["AEST"] = 600, ["AEDT"] = 660, ["NZST"] = 720, ["NZDT"] = 780,
    };

    private static readonly HashSet<string> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "tues", "thur", "thurs", "mo", "di", "mi", "do", "fr", "sa", "so", "lun", "mar.",
        "mié", "jeu", "ven", "sam", "dim",
    };

    /// <summary>The date, or null when nothing usable is there. A missing zone is read as UTC.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
            return null;
        var s = value.Trim();

        // ISO 8601 (some web forms and scripts): 2026-11-20T09:15:00+01:00
        if (s.Length >= 10 && char.IsAsciiDigit(s[0]) && s[4] == '-' && s.Contains('T')
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
            return iso;

        int day = -1, month = -1, year = -1, hour = -1, minute = -1, second = 0;
        int? zone = null;
        var pm = false;
        var am = false;
        string? commentZone = null;

        foreach (var raw in Tokenize(s))
        {
            var t = raw;
            if (t.StartsWith('('))
            {
                var inner = t.Trim('(', ')', ' ');
                if (Zones.ContainsKey(inner))
                    commentZone = inner;
                continue;
            }
            // "GMT+0100", "UTC-5"
            var signAt = t.IndexOfAny(['+', '-']);
            if (signAt > 0 && char.IsAsciiLetter(t[0]) && Zones.ContainsKey(t[..signAt]))
                t = t[signAt..];
            if (t[0] is '+' or '-' && TryZone(t, out var z))
            {
                zone ??= z;
                continue;
            }
            if (t.Contains(':'))
            {
                // A time, possibly with a zone glued on ("09:15:00+0100", "09:15Z").
                var cut = t.IndexOfAny(['+', '-', 'Z', 'z'], 1);
                if (cut > 0)
                {
                    if (TryZone(t[cut..], out var z2))
                        zone ??= z2;
                    else if (t[cut..] is "Z" or "z")
                        zone ??= 0;
                    t = t[..cut];
                }
                if (hour < 0 && TryTime(t.Split(':'), out hour, out minute, out second))
                    continue;
                continue;
            }
            foreach (var part in t.Split(['-', '/', '.'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (char.IsAsciiDigit(part[0]))
                {
                    if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                        continue;
                    var parts = t.Split('.');
                    if (hour < 0 && t.Contains('.') && parts.Length is 2 or 3 && parts.All(p => p.Length is 1 or 2) && day > 0 && month > 0)
                    {
                        TryTime(parts, out hour, out minute, out second);
                        break;
                    }
                    if (part.Length >= 3)
                    {
                        if (year < 0) year = part.Length == 3 ? n + 1900 : n;
                    }
                    else if (day < 0 && n is >= 1 and <= 31 && (month > 0 || !LooksNumericMonth(t)))
                        day = n;
                    else if (month < 0 && n is >= 1 and <= 12 && day > 0)
                        month = n;
                    else if (year < 0)
                        year = n < 50 ? 2000 + n : 1900 + n;
                }
                else
                {
                    var word = part.TrimEnd(',');
                    if (month < 0 && word.Length >= 3 && (Months.TryGetValue(word, out var m) || Months.TryGetValue(word[..3], out m)) && !DayNames.Contains(word))
                        month = m;
                    else if (word.Equals("PM", StringComparison.OrdinalIgnoreCase))
                        pm = true;
                    else if (word.Equals("AM", StringComparison.OrdinalIgnoreCase))
                        am = true;
                    else if (Zones.TryGetValue(word, out var zz))
                        zone ??= zz;
                    else if (word.Length == 1 && char.IsAsciiLetter(word[0]) && hour >= 0)
                        zone ??= MilitaryZone(char.ToUpperInvariant(word[0]));
                }
            }
        }

        if (zone is null && commentZone is not null)
            zone = Zones[commentZone];
        if (day < 0 || month < 0 || year < 0)
            return null;
        if (hour < 0)
        {
            hour = 0;
            minute = 0;
        }
        if (pm && hour < 12) hour += 12;
        if (am && hour == 12) hour = 0;
        if (year < 100) year += year < 50 ? 2000 : 1900;
        if (second == 60) second = 59; // leap second
        if (year is < 1900 or > 9999 || hour > 23 || minute > 59 || second > 59 || day > DateTime.DaysInMonth(year, month))
            return null;
        var offset = zone ?? 0;
        if (Math.Abs(offset) > 14 * 60)
            offset = 0;
        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offset));
    }

    private static bool LooksNumericMonth(string token) => token.Count(c => c is '.' or '/' or '-') >= 2;

    private static IEnumerable<string> Tokenize(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is ' ' or '\t' or ',' or '\r' or '\n')
            {
                i++;
                continue;
            }
            if (c == '(')
            {
                var close = s.IndexOf(')', i);
                var end = close < 0 ? s.Length : close + 1;
                yield return s[i..end];
                i = end;
                continue;
            }
            var start = i;
            while (i < s.Length && s[i] is not (' ' or '\t' or ',' or '\r' or '\n' or '('))
                i++;
            yield return s[start..i];
        }
    }

    private static bool TryZone(string t, out int minutes)
    {
        minutes = 0;
        var sign = t[0] == '-' ? -1 : 1;
        var digits = t[1..].Replace(":", "");
        if (digits.Length == 0 || digits.Length > 4 || !digits.All(char.IsAsciiDigit))
            return false;
        int h, m = 0;
        if (digits.Length <= 2)
            h = int.Parse(digits, CultureInfo.InvariantCulture);
        else
        {
            digits = digits.PadLeft(4, '0');
            h = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            m = int.Parse(digits[2..], CultureInfo.InvariantCulture);
        }
        if (h > 14 || m > 59)
            return false;
        minutes = sign * (h * 60 + m);
        return true;
    }

    private static bool TryTime(string[] parts, out int hour, out int minute, out int second)
    {
        hour = minute = -1;
        second = 0;
        if (parts.Length is < 2 or > 3)
            return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            return false;
        var sec = 0;
        if (parts.Length == 3)
        {
            var sp = parts[2];
            var dot = sp.IndexOf('.'); // fractional seconds
            if (dot >= 0) sp = sp[..dot];
            if (!int.TryParse(sp, NumberStyles.None, CultureInfo.InvariantCulture, out sec))
                sec = 0;
        }
        hour = h;
        minute = m;
        second = sec;
        return true;
    }

    // RFC 822 military zones are defined backwards in the RFC and used wrongly by everyone: RFC 5322 says read
    // them as -0000 (unknown), except Z.
    private static int MilitaryZone(char c) => 0;
}
