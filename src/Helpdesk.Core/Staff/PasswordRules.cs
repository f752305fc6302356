using System.Security.Cryptography;

namespace Helpdesk.Core.Staff;

/// <summary>Why a password change was refused; a stable name the web form can carry in its redirect.</summary>
public enum PasswordProblem
{
    None,
    Empty,
    TooShort,
    Repeated,
    ContainsUserName,
    SameAsOld,
    WrongCurrent,
    Mismatch,
    Disabled,
}

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
    public static string? Check(string? password, string? userName = null, string? oldPassword = null) =>
        Find(password, userName, oldPassword) is var p && p == PasswordProblem.None ? null : Explain(p);

    /// <summary>The first rule <paramref name="password"/> breaks, or <see cref="PasswordProblem.None"/>.</summary>
    public static PasswordProblem Find(string? password, string? userName = null, string? oldPassword = null)
    {
        if (string.IsNullOrEmpty(password)) return PasswordProblem.Empty;
        if (password.Length < MinimumLength) return PasswordProblem.TooShort;
        if (password.Distinct().Count() < 4) return PasswordProblem.Repeated;
        if (userName is { Length: > 0 } && password.Contains(userName, StringComparison.OrdinalIgnoreCase)) return PasswordProblem.ContainsUserName;
        if (oldPassword is not null && password == oldPassword) return PasswordProblem.SameAsOld;
        return PasswordProblem.None;
    }

    public static string Explain(PasswordProblem problem) => problem switch
    {
        PasswordProblem.None => "The password is fine.",
        PasswordProblem.Empty => "Enter a new password.",
        PasswordProblem.TooShort => $"The password must be at least {MinimumLength} characters long.",
        PasswordProblem.Repeated => "The password must not be one or two characters repeated.",
        PasswordProblem.ContainsUserName => "The password must not contain the user name.",
        PasswordProblem.SameAsOld => "The new password must differ from the old one.",
        PasswordProblem.WrongCurrent => "The current password is not right.",
        PasswordProblem.Mismatch => "The two new passwords are not the same.",
        PasswordProblem.Disabled => "This account is disabled.",
        _ => problem.ToString(),
    };

    /// <summary>A random temporary password: 16 characters from a 56-letter alphabet, about 93 bits.</summary>
    public static string NewTemporaryPassword()
    {
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }
}
