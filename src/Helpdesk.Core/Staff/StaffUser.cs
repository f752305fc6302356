using System.Diagnostics.CodeAnalysis;
using Helpdesk.Core.Abstractions;
using Microsoft.AspNetCore.Identity;

namespace Helpdesk.Core.Staff;

[Flags]
public enum StaffRoles
{
    None = 0,
    Agent = 1,
    Lead = 2,
    Trainer = 4,
    Admin = 8,
    /// <summary>The security team: the phishing reports page and its exports (Leads and Admins see them too).</summary>
    Security = 16,
}

/// <summary>
/// A person at headquarters who signs in to the desk: ASP.NET Core Identity's user (password hash, security stamp,
/// lockout, two-factor, kept in the desk's Staff table by <see cref="StaffUserConfiguration"/>) plus what the desk
/// knows about the person. Roles stay a flag set on the row (the desk's queries filter on it).
/// </summary>
public sealed class StaffUser : IdentityUser<long>
{
    private StaffUser() { }

    public StaffUser(string userName, string displayName, string email, StaffRoles roles, DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(userName)) throw new DomainException("A staff user needs a user name.");
        if (roles == StaffRoles.None) throw new DomainException($"Staff user '{userName}' needs at least one role.");
        UserName = userName.Trim().ToLowerInvariant();
        NormalizedUserName = UserName.ToUpperInvariant();
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim();
        Email = email.Trim().ToLowerInvariant();
        NormalizedEmail = Email.ToUpperInvariant();
        Roles = roles;
        CreatedAt = createdAt;
        LockoutEnabled = true;
        SecurityStamp = NewStamp();
    }

    /// <summary>Lower-cased; unique. Never null on a desk account (Identity's own type allows it).</summary>
    [AllowNull]
    public override string UserName { get => base.UserName ?? ""; set => base.UserName = value; }

    [AllowNull]
    public override string Email { get => base.Email ?? ""; set => base.Email = value; }

    /// <summary>Changes on password change or "sign out everywhere": cookies carrying the old stamp stop working.</summary>
    [AllowNull]
    public override string SecurityStamp { get => base.SecurityStamp ?? ""; set => base.SecurityStamp = value; }

    public string DisplayName { get; private set; } = "";

    /// <summary>IANA time zone the person works in, when known (shown beside times on their pages).</summary>
    public string? TimeZone { get; private set; }

    /// <summary>After this moment the account signs in no more (responder accounts for an incident).</summary>
    public DateTimeOffset? EndsAt { get; private set; }

    public StaffRoles Roles { get; private set; }

    /// <summary>A temporary password was issued; the next sign-in must set a new one.</summary>
    public bool MustChangePassword { get; private set; }

    public bool IsDisabled { get; private set; }

    /// <summary>Created with the demo data set; never exists outside demo mode.</summary>
    public bool IsDemo { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string FirstName => DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? UserName;

    public bool HasRole(StaffRoles role) => (Roles & role) == role || (Roles & StaffRoles.Admin) != 0;

    public void SetPassword(string passwordHash, bool temporary)
    {
        PasswordHash = passwordHash;
        MustChangePassword = temporary;
        SecurityStamp = NewStamp();
    }

    public void MarkDemo() => IsDemo = true;

    public void ChangeRoles(StaffRoles roles)
    {
        if (roles == StaffRoles.None) throw new DomainException($"Staff user '{UserName}' needs at least one role.");
        Roles = roles;
        SecurityStamp = NewStamp();
    }

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    public void RecordFailedSignIn(DateTimeOffset now, int maxAttempts, TimeSpan lockout)
    {
        AccessFailedCount++;
        if (AccessFailedCount >= maxAttempts)
        {
            LockoutEnd = now + lockout;
            AccessFailedCount = 0;
        }
    }

    public void RecordSignIn()
    {
        AccessFailedCount = 0;
        LockoutEnd = null;
    }

    public void SignOutEverywhere() => SecurityStamp = NewStamp();

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    public void Disable() { IsDisabled = true; SignOutEverywhere(); }

    public void Enable() => IsDisabled = false;

    /// <summary>
    /// An Admin's reset of two-factor sign-in (lost phone): the person enrols again at next sign-in. The authenticator
    /// key and recovery codes live in StaffTokens; <see cref="StaffDirectory.ResetTwoFactorAsync"/> removes them.
    /// </summary>
    public void ResetTwoFactor()
    {
        TwoFactorEnabled = false;
        SignOutEverywhere();
    }

    /// <summary>Sets or clears the moment the account ends (a responder account after an incident).</summary>
    public void EndAt(DateTimeOffset? endsAt) => EndsAt = endsAt;

    public bool HasEnded(DateTimeOffset now) => EndsAt is { } end && end <= now;

    /// <summary>An admin's reset also lifts a lockout: the person is about to sign in with the new temporary password.</summary>
    public void Unlock()
    {
        AccessFailedCount = 0;
        LockoutEnd = null;
    }
}
