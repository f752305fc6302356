using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Staff;

/// <summary>Bound from <c>Helpdesk:Admin</c>: the first Admin, created at first start when the desk has none.</summary>
public sealed class FirstAdminOptions
{
    public const string Section = "Helpdesk:Admin";

    /// <summary>Default "admin".</summary>
    public string UserName { get; set; } = "admin";

    /// <summary>Default none (the account then has no address on file).</summary>
    public string? Email { get; set; }

    /// <summary>Default "Desk Admin".</summary>
    public string DisplayName { get; set; } = "Desk Admin";

    /// <summary>From the environment or a secrets file (see <see cref="PasswordFile"/>); never logged. Default none.</summary>
    public string? Password { get; set; }

    /// <summary>A file holding the password (a mounted secret); used when <see cref="Password"/> is empty. Default none.</summary>
    public string? PasswordFile { get; set; }
}

/// <summary>
/// Makes sure somebody can administer the desk: when no enabled Admin exists, creates one from configuration, once.
/// Run after the demo seeder, so that in demo mode the demo admin is that somebody and nothing is needed.
/// </summary>
public sealed partial class FirstAdmin(
    IDbContextFactory<HelpdeskDbContext> factory,
    IOptions<FirstAdminOptions> options,
    TimeProvider time,
    ILogger<FirstAdmin> logger)
{
    private readonly StaffPasswords _passwords = new();

    /// <summary>
    /// Returns the user name created, or null when an enabled Admin already exists. Throws
    /// <see cref="InvalidOperationException"/> naming the setting when an admin is needed and the password is missing or weak.
    /// </summary>
    public async Task<string?> EnsureAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var admins = await db.Staff.Where(s => !s.IsDisabled && (s.Roles & StaffRoles.Admin) != 0).AnyAsync(cancellationToken).ConfigureAwait(false);
        if (admins) return null;

        var o = options.Value;
        var userName = (o.UserName ?? "").Trim().ToLowerInvariant();
        if (userName.Length is 0 or > 100)
            throw new InvalidOperationException("The desk has no Admin yet: set Helpdesk__Admin__UserName to a name of 1 to 100 characters.");
        var password = await ReadPasswordAsync(o, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(password))
            throw new InvalidOperationException(
                "The desk has no Admin yet: set Helpdesk__Admin__Password (in the environment) or Helpdesk__Admin__PasswordFile (a secrets file) for the first Admin account.");
        if (PasswordRules.Check(password, userName) is { } problem)
            throw new InvalidOperationException($"Helpdesk__Admin__Password is too weak for the first Admin: {problem}");

        var now = time.GetUtcNow();
        var existing = await db.Staff.SingleOrDefaultAsync(s => s.UserName == userName, cancellationToken).ConfigureAwait(false);
        var user = existing ?? new StaffUser(userName, o.DisplayName, o.Email ?? "", StaffRoles.Admin, now);
        if (existing is not null)
        {
            // A disabled or demoted account under the configured name becomes the Admin again: the operator asked for it.
            existing.ChangeRoles(existing.Roles | StaffRoles.Admin);
            existing.Enable();
            existing.Unlock();
        }
        else db.Staff.Add(user);
        user.SetPassword(_passwords.Hash(user, password), temporary: false);
        db.AuditEvents.Add(new AuditEvent(now, null, "system", "staff.first_admin", null, $"{userName} from Helpdesk:Admin"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogCreated(logger, userName);
        return userName;
    }

    private static async Task<string?> ReadPasswordAsync(FirstAdminOptions o, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(o.Password)) return o.Password;
        if (string.IsNullOrWhiteSpace(o.PasswordFile)) return null;
        try
        {
            // A trailing newline is what editors and `echo` add, never part of the password.
            return (await File.ReadAllTextAsync(o.PasswordFile, cancellationToken).ConfigureAwait(false)).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Helpdesk__Admin__PasswordFile '{o.PasswordFile}' cannot be read: {e.Message}", e);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Created the first Admin account '{UserName}' from Helpdesk:Admin")]
    private static partial void LogCreated(ILogger logger, string userName);
}
