using System.Security.Claims;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Web.Account;

public enum SignInOutcome
{
    Success,
    Failed,
    LockedOut,
}

/// <summary>Checks a staff member's password, with lockout after repeated failures; every attempt is audited.</summary>
public sealed class StaffSignIn(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const string StampClaim = "helpdesk:stamp";

    /// <summary>Present while the person signed in with a temporary password: every page leads to the password form.</summary>
    public const string MustChangePasswordClaim = "helpdesk:must_change_password";

    private readonly StaffPasswords _passwords = new();

    public async Task<(SignInOutcome Outcome, ClaimsPrincipal? Principal)> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var name = (userName ?? "").Trim().ToLowerInvariant();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Staff.SingleOrDefaultAsync(s => s.UserName == name, cancellationToken);
        if (user is null || user.IsDisabled)
        {
            db.AuditEvents.Add(new AuditEvent(now, null, name.Length > 100 ? name[..100] : name, "staff.sign_in_failed", null, "unknown or disabled user"));
            await db.SaveChangesAsync(cancellationToken);
            return (SignInOutcome.Failed, null);
        }
        if (user.IsLockedOut(now)) return (SignInOutcome.LockedOut, null);

        if (!_passwords.Verify(user, password ?? ""))
        {
            user.RecordFailedSignIn(now, MaxFailedAttempts, LockoutDuration);
            db.AuditEvents.Add(new AuditEvent(now, user.Id, user.UserName, "staff.sign_in_failed", null, null));
            await db.SaveChangesAsync(cancellationToken);
            return (user.IsLockedOut(now) ? SignInOutcome.LockedOut : SignInOutcome.Failed, null);
        }

        user.RecordSignIn();
        db.AuditEvents.Add(new AuditEvent(now, user.Id, user.UserName, "staff.sign_in", null, null));
        await db.SaveChangesAsync(cancellationToken);
        return (SignInOutcome.Success, PrincipalFor(user));
    }

    public static ClaimsPrincipal PrincipalFor(StaffUser user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(StampClaim, user.SecurityStamp),
        };
        if (user.MustChangePassword) claims.Add(new Claim(MustChangePasswordClaim, "true"));
        foreach (var role in Enum.GetValues<StaffRoles>().Where(r => r != StaffRoles.None && user.HasRole(r)))
            claims.Add(new Claim(ClaimTypes.Role, role.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}

/// <summary>
/// Rejects a cookie whose security stamp is no longer the user's (password changed, "sign out everywhere", disabled).
/// Checked at most once a minute per cookie, so a sign-out everywhere takes effect within a minute.
/// </summary>
public sealed class StaffCookieEvents(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time) : CookieAuthenticationEvents
{
    private const string CheckedClaim = "helpdesk:checked";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var idText = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(StaffSignIn.StampClaim);
        if (principal is null || !long.TryParse(idText, out var id) || stamp is null)
        {
            context.RejectPrincipal();
            return;
        }
        var now = time.GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedClaim, out var checkedText)
            && long.TryParse(checkedText, out var checkedAt) && now.ToUnixTimeSeconds() - checkedAt < 60)
            return;

        await using var db = await factory.CreateDbContextAsync(context.HttpContext.RequestAborted);
        var user = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, context.HttpContext.RequestAborted);
        if (user is null || user.IsDisabled || user.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.Properties.Items[CheckedClaim] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
