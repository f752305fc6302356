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

/// <summary>A person at headquarters who signs in to the desk.</summary>
public sealed class StaffUser
{
    private StaffUser() { UserName = ""; DisplayName = ""; Email = ""; SecurityStamp = ""; }

    public StaffUser(string userName, string displayName, string email, StaffRoles roles, DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(userName)) throw new DomainException("A staff user needs a user name.");
        if (roles == StaffRoles.None) throw new DomainException($"Staff user '{userName}' needs at least one role.");
        UserName = userName.Trim().ToLowerInvariant();
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim();
        Email = email.Trim().ToLowerInvariant();
        Roles = roles;
        CreatedAt = createdAt;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public long Id { get; private set; }

    /// <summary>Lower-cased; unique.</summary>
    public string UserName { get; private set; }

    public string DisplayName { get; private set; }

    public string Email { get; private set; }

    public StaffRoles Roles { get; private set; }

    public string? PasswordHash { get; private set; }

    /// <summary>A temporary password was issued; the next sign-in must set a new one.</summary>
    public bool MustChangePassword { get; private set; }

    /// <summary>Changes on password change or "sign out everywhere": cookies carrying the old stamp stop working.</summary>
    public string SecurityStamp { get; private set; }

    public int AccessFailedCount { get; private set; }

    public DateTimeOffset? LockoutEnd { get; private set; }

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
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public void MarkDemo() => IsDemo = true;

    public void ChangeRoles(StaffRoles roles)
    {
        if (roles == StaffRoles.None) throw new DomainException($"Staff user '{UserName}' needs at least one role.");
        Roles = roles;
        SecurityStamp = Guid.NewGuid().ToString("N");
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

    public void SignOutEverywhere() => SecurityStamp = Guid.NewGuid().ToString("N");

    public void Disable() { IsDisabled = true; SignOutEverywhere(); }

    public void Enable() => IsDisabled = false;

    /// <summary>An admin's reset also lifts a lockout: the person is about to sign in with the new temporary password.</summary>
    public void Unlock()
    {
        AccessFailedCount = 0;
        LockoutEnd = null;
    }
}
