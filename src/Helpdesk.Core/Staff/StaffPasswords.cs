using Microsoft.AspNetCore.Identity;

namespace Helpdesk.Core.Staff;

/// <summary>Hashes and checks staff passwords with ASP.NET Core Identity's PBKDF2 hasher.</summary>
public sealed class StaffPasswords
{
    private readonly PasswordHasher<StaffUser> _hasher = new();

    /// <summary>
    /// Stretching protects guessable passwords; a temporary one is 16 random characters (about 93 bits), so 1,000
    /// rounds cost an attacker no less than 100,000 would, and a 500-person import hashes in a second, not a minute.
    /// The round count travels in the hash, so the ordinary check verifies it, and the person replaces it at first sign-in.
    /// </summary>
    private readonly PasswordHasher<StaffUser> _temporaryHasher = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1_000 }));

    public string Hash(StaffUser user, string password) => _hasher.HashPassword(user, password);

    /// <summary>For passwords from <see cref="PasswordRules.NewTemporaryPassword"/> only.</summary>
    public string HashTemporary(StaffUser user, string randomPassword) => _temporaryHasher.HashPassword(user, randomPassword);

    public bool Verify(StaffUser user, string password) =>
        user.PasswordHash is { } hash && _hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

    public static StaffRoles ParseRoles(string text)
    {
        var roles = StaffRoles.None;
        foreach (var part in text.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<StaffRoles>(part, ignoreCase: true, out var role) || role == StaffRoles.None)
                throw new FormatException($"'{part}' is not a role; use Agent, Lead, Trainer, Admin or Security.");
            roles |= role;
        }
        return roles;
    }
}
