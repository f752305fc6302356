using System.Globalization;
using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Staff;

public enum SecondStepOutcome
{
    Success,
    Failed,
    LockedOut,
}

/// <summary>
/// Enrolment and the second sign-in step, on Identity's authenticator token provider and its recovery-code store
/// (both keep their secrets in StaffTokens). Wrong codes count towards the same lockout as wrong passwords, on the
/// desk's clock (Identity's own lockout reads the wall clock).
/// </summary>
public sealed class StaffTwoFactor(UserManager<StaffUser> users, HelpdeskDbContext db, TimeProvider time, IOptions<TwoFactorOptions> options)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The key the person's app holds; made on first call, without ending the session that asks.</summary>
    public async Task<string> AuthenticatorKeyAsync(StaffUser user)
    {
        if (await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false) is { Length: > 0 } key) return key;
        key = users.GenerateNewAuthenticatorKey();
        // ResetAuthenticatorKeyAsync would also rotate the security stamp and sign the enrolling person out.
        var result = await users.SetAuthenticationTokenAsync(user, StaffTokenNames.Provider, StaffTokenNames.AuthenticatorKey, key).ConfigureAwait(false);
        if (!result.Succeeded) throw new DomainException("The authenticator key could not be stored: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        return key;
    }

    /// <summary>The otpauth:// address the QR code carries (Key Uri Format, SHA-1, 6 digits, 30 s).</summary>
    public string AuthenticatorUri(StaffUser user, string key) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(options.Value.Issuer)}:{Uri.EscapeDataString(user.UserName)}?secret={key}&issuer={Uri.EscapeDataString(options.Value.Issuer)}&digits=6");

    /// <summary>Turns two-factor on when the code matches the key; returns the recovery codes (shown once), or null.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(StaffUser user, string code)
    {
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Normalize(code)).ConfigureAwait(false)) return null;
        user.TwoFactorEnabled = true;
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount).ConfigureAwait(false)
            ?? throw new DomainException("No recovery codes were made.");
        db.AuditEvents.Add(new AuditEvent(time.GetUtcNow(), user.Id, user.UserName, "staff.two_factor_enabled", null, null));
        await db.SaveChangesAsync().ConfigureAwait(false);
        return codes.ToList();
    }

    /// <summary>
    /// The second step: a 6-digit code from the app, or one unused recovery code (used up by this call). The stamp is
    /// the one the first step saw: a password change or sign-out-everywhere in between ends the attempt.
    /// </summary>
    public async Task<(SecondStepOutcome Outcome, StaffUser? User)> VerifyAsync(long userId, string stamp, string code,
        int maxFailedAttempts, TimeSpan lockout, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var user = await db.Staff.SingleOrDefaultAsync(s => s.Id == userId, cancellationToken).ConfigureAwait(false);
        if (user is null || user.IsDisabled || user.HasEnded(now) || user.SecurityStamp != stamp || !user.TwoFactorEnabled)
            return (SecondStepOutcome.Failed, null);
        if (user.IsLockedOut(now)) return (SecondStepOutcome.LockedOut, null);

        var text = Normalize(code);
        var ok = text.Length == 6 && text.All(char.IsAsciiDigit)
            ? await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, text).ConfigureAwait(false)
            : text.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, (code ?? "").Trim().ToUpperInvariant()).ConfigureAwait(false)).Succeeded;
        if (!ok)
        {
            user.RecordFailedSignIn(now, maxFailedAttempts, lockout);
            db.AuditEvents.Add(new AuditEvent(now, user.Id, user.UserName, "staff.two_factor_failed", null, null));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return (user.IsLockedOut(now) ? SecondStepOutcome.LockedOut : SecondStepOutcome.Failed, null);
        }
        user.RecordSignIn();
        var action = text.Length == 6 ? "staff.sign_in" : "staff.sign_in_recovery_code";
        db.AuditEvents.Add(new AuditEvent(now, user.Id, user.UserName, action, null, null));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (SecondStepOutcome.Success, user);
    }

    public Task<int> RecoveryCodesLeftAsync(StaffUser user) => users.CountRecoveryCodesAsync(user);

    /// <summary>Apps show "123 456"; the spaces are not part of the code.</summary>
    private static string Normalize(string? code) => new((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
}

/// <summary>Where Identity's user store keeps a person's authenticator key and recovery codes (rows of StaffTokens).</summary>
public static class StaffTokenNames
{
    public const string Provider = "[AspNetUserStore]";
    public const string AuthenticatorKey = "AuthenticatorKey";
    public const string RecoveryCodes = "RecoveryCodes";
}
