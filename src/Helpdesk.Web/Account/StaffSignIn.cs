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

    /// <summary>The password was right; the account has two-factor sign-in on, so a code comes next.</summary>
    NeedsCode,

    /// <summary>The account's end date has passed (a responder account after an incident).</summary>
    Ended,
}

/// <summary>Checks a staff member's password, with lockout after repeated failures; every attempt is audited.</summary>
public sealed class StaffSignIn(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time, Microsoft.Extensions.Options.IOptions<TwoFactorOptions> twoFactor)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const string StampClaim = "helpdesk:stamp";

    /// <summary>Present while the person signed in with a temporary password: every page leads to the password form.</summary>
    public const string MustChangePasswordClaim = "helpdesk:must_change_password";

    /// <summary>Present while a person who must use two-factor sign-in has no authenticator yet: every page leads to enrolment.</summary>
    public const string MustEnrolClaim = "helpdesk:must_enrol_two_factor";

    private readonly StaffPasswords _passwords = new();

    /// <summary>
    /// The first step. <see cref="SignInOutcome.NeedsCode"/> carries a principal for the short-lived second-step cookie
    /// (id and stamp only), not a signed-in one.
    /// </summary>
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
        // Only after the password: whoever does not know it learns nothing about the account, not even that it ended.
        if (user.HasEnded(now))
        {
            db.AuditEvents.Add(new AuditEvent(now, user.Id, user.UserName, "staff.sign_in_failed", null, "account ended"));
            await db.SaveChangesAsync(cancellationToken);
            return (SignInOutcome.Ended, null);
        }

        if (user.TwoFactorEnabled)
        {
            // Failures so far stay counted until the code is right too: a known password must not reset the lockout.
            db.AuditEvents.Add(new AuditEvent(now, user.Id, user.UserName, "staff.sign_in_password_ok", null, "code asked"));
            await db.SaveChangesAsync(cancellationToken);
            return (SignInOutcome.NeedsCode, SecondStepPrincipal(user));
        }

        user.RecordSignIn();
        db.AuditEvents.Add(new AuditEvent(now, user.Id, user.UserName, "staff.sign_in", null, null));
        await db.SaveChangesAsync(cancellationToken);
        return (SignInOutcome.Success, PrincipalFor(user));
    }

    public ClaimsPrincipal PrincipalFor(StaffUser user) => PrincipalFor(user, !user.TwoFactorEnabled && twoFactor.Value.IsRequired(user));

    private static ClaimsPrincipal SecondStepPrincipal(StaffUser user) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(StampClaim, user.SecurityStamp),
        ], SecondStepScheme));

    /// <summary>The cookie that remembers, for five minutes, who passed the password step.</summary>
    public const string SecondStepScheme = "Helpdesk.SecondStep";

    public static ClaimsPrincipal PrincipalFor(StaffUser user, bool mustEnrol)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(StampClaim, user.SecurityStamp),
        };
        if (user.MustChangePassword) claims.Add(new Claim(MustChangePasswordClaim, "true"));
        if (mustEnrol) claims.Add(new Claim(MustEnrolClaim, "true"));
        foreach (var role in Enum.GetValues<StaffRoles>().Where(r => r != StaffRoles.None && user.HasRole(r)))
            claims.Add(new Claim(ClaimTypes.Role, role.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}

/// <summary>
/// Rejects a cookie whose security stamp is no longer the user's (password changed, "sign out everywhere", disabled).
/// Checked at most once a minute per cookie, so a sign-out everywhere takes effect within a minute.
/// </summary>
public sealed class StaffCookieEvents(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<TwoFactorOptions> twoFactor) : CookieAuthenticationEvents
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
        // A session from before two-factor became required (role change, the everyone setting, an upgrade) without the
        // enrolment claim ends: the next sign-in leads to enrolment. So does an account past its end date.
        var unenrolled = user is not null && !user.TwoFactorEnabled && twoFactor.Value.IsRequired(user)
            && !principal.HasClaim(c => c.Type == StaffSignIn.MustEnrolClaim);
        if (user is null || user.IsDisabled || user.SecurityStamp != stamp || unenrolled || user.HasEnded(now))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.Properties.Items[CheckedClaim] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
