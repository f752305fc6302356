using System.Security.Cryptography;

namespace Helpdesk.Core.Staff;

/// <summary>
/// What a staff password must be. Length is what resists guessing; composition rules mostly produce "Winter2026!",
/// so the desk asks for length and refuses only the obvious: the user name, the old password, one repeated character.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    /// <summary>Letters and digits that cannot be misread when an admin reads a temporary password aloud (no 0/O, 1/l/I).</summary>
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Null when <paramref name="password"/> is acceptable; otherwise one sentence saying what is wrong.</summary>
    public static string? Check(string? password, string? userName = null, string? oldPassword = null)
    {
        if (string.IsNullOrEmpty(password)) return "Enter a new password.";
        if (password.Length < MinimumLength) return $"The password must be at least {MinimumLength} characters long.";
        if (password.Distinct().Count() < 4) return "The password must not be one or two characters repeated.";
        if (userName is { Length: > 0 } && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            return "The password must not contain the user name.";
        if (oldPassword is not null && password == oldPassword) return "The new password must differ from the old one.";
        return null;
    }

    /// <summary>A random temporary password: 16 characters from a 56-letter alphabet, about 93 bits.</summary>
    public static string NewTemporaryPassword()
    {
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }
}
