using Microsoft.AspNetCore.Identity;

namespace Helpdesk.Core.Staff;

/// <summary>Hashes and checks staff passwords with ASP.NET Core Identity's PBKDF2 hasher.</summary>
public sealed class StaffPasswords
{
    private readonly PasswordHasher<StaffUser> _hasher = new();

    public string Hash(StaffUser user, string password) => _hasher.HashPassword(user, password);

    public bool Verify(StaffUser user, string password) =>
        user.PasswordHash is { } hash && _hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

    public static StaffRoles ParseRoles(string text)
    {
        var roles = StaffRoles.None;
        foreach (var part in text.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<StaffRoles>(part, ignoreCase: true, out var role) || role == StaffRoles.None)
                throw new FormatException($"'{part}' is not a role; use Agent, Lead, Trainer or Admin.");
            roles |= role;
        }
        return roles;
    }
}
