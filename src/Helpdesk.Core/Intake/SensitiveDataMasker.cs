using System.Text;
using System.Text.RegularExpressions;

namespace Helpdesk.Core.Intake;

/// <summary>
/// Masks what customers should never have sent (and the desk must not keep in readable form): payment card numbers
/// and apparent passwords. Card numbers: 13-19 digits, spaces or single dashes between groups, Luhn-valid; all but
/// the last four digits become X so an agent can still talk about "the card ending 4242". Passwords: the word after
/// "password is", "password:", "contraseña:" and similar phrasings becomes "[password removed]".
/// </summary>
public static partial class SensitiveDataMasker
{
    public const string PasswordMask = "[password removed]";

    // Words that follow "password is" in ordinary sentences about the problem, not a secret.
    private static readonly HashSet<string> NotASecret = new(StringComparer.OrdinalIgnoreCase)
    {
        "not", "no", "the", "a", "an", "too", "wrong", "incorrect", "invalid", "expired", "being", "still", "correct",
        "working", "rejected", "required", "reset", "changed", "new", "my", "same", "very", "really", "now", "also",
        "already", "there", "that", "this", "it", "in", "on", "for", "to", "of", "and", "or", "but", "so", "just",
        "strong", "weak", "long", "short", "fine", "ok", "okay", "accepted", "compromised", "safe", "stolen", "secure",
        "never", "always", "only", "empty", "blank", "missing", "unknown", "forgotten", "lost",
        "no", "incorrecta", "correcta", "nueva", "la", "el", "muy", "ya", "mi", "de", "que",
    };

    /// <summary>The text with card numbers and apparent passwords masked; the same instance when nothing matched.</summary>
    public static string Mask(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        return MaskPasswords(MaskCardNumbers(text));
    }

    public static string MaskCardNumbers(string text)
    {
        StringBuilder? sb = null;
        var copiedTo = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && char.IsLetterOrDigit(text[i - 1])))
            {
                i++;
                continue;
            }
            // A run of digits with single spaces or dashes between them.
            var start = i;
            var end = i;
            var digits = 0;
            var j = i;
            while (j < text.Length)
            {
                if (char.IsAsciiDigit(text[j]))
                {
                    digits++;
                    j++;
                    end = j;
                }
                else if (text[j] is ' ' or '-' && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1]) && digits > 0)
                    j++;
                else break;
            }
            var boundaryAfter = end >= text.Length || !char.IsLetterOrDigit(text[end]);
            if (digits is >= 13 and <= 19 && boundaryAfter && LuhnValid(text.AsSpan(start, end - start)))
            {
                sb ??= new StringBuilder(text.Length);
                sb.Append(text, copiedTo, start - copiedTo);
                var keep = 4;
                var seen = 0;
                for (var k = start; k < end; k++)
                {
                    var c = text[k];
                    if (!char.IsAsciiDigit(c)) { sb.Append(c); continue; }
                    seen++;
                    sb.Append(seen > digits - keep ? c : 'X');
                }
                copiedTo = end;
            }
            i = end;
        }
        if (sb is null) return text;
        sb.Append(text, copiedTo, text.Length - copiedTo);
        return sb.ToString();
    }

    public static bool LuhnValid(ReadOnlySpan<char> number)
    {
        var sum = 0;
        var count = 0;
        var doubleIt = false;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            var c = number[i];
            if (!char.IsAsciiDigit(c)) continue;
            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubleIt = !doubleIt;
            count++;
        }
        return count > 0 && sum % 10 == 0;
    }

    public static string MaskPasswords(string text)
    {
        if (text.IndexOf("pass", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf("contrase", StringComparison.OrdinalIgnoreCase) < 0
            && text.IndexOf("clave", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf("pwd", StringComparison.OrdinalIgnoreCase) < 0
            && text.IndexOf("mot de passe", StringComparison.OrdinalIgnoreCase) < 0)
            return text;
        return PasswordPhrase().Replace(text, m =>
        {
            var secret = m.Groups["secret"];
            var value = secret.Value.TrimEnd('.', ',', ';', '!', '?', ')');
            var unquoted = value.Trim('"', '\'', '“', '”', '«', '»');
            var viaVerb = m.Groups["verb"].Success;
            if (unquoted.Length == 0 || (viaVerb && NotASecret.Contains(unquoted))) return m.Value;
            var trailing = secret.Value[value.Length..];
            return m.Value[..(secret.Index - m.Index)] + PasswordMask + trailing;
        });
    }

    // "password: X", "password = X", "my password is X", "new password was X", "contraseña: X", "mi contraseña es X",
    // "clave: X", "Passwort: X", "mot de passe : X", "pwd: X". A verb is needed without ':' or '=' so that
    // "password reset" is never read as a password.
    [GeneratedRegex(@"\b(?:password|passwd|pwd|pass\s?code|passcode|passphrase|contraseña|contrasena|clave|passwort|kennwort|mot\s+de\s+passe|senha)\b(?:\s*[:=]\s*|\s+(?<verb>is|was|would\s+be|will\s+be|es|era|ist|est|é)\s*:?\s*)(?<secret>[^\s]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPhrase();
}
