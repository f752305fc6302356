using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Staff;

/// <summary>One staff account as the admin page lists it.</summary>
public sealed record StaffRow(long Id, string UserName, string DisplayName, string Email, StaffRoles Roles, bool IsDisabled,
    bool MustChangePassword, bool IsLockedOut, bool IsDemo, DateTimeOffset CreatedAt, bool TwoFactorEnabled = false, DateTimeOffset? EndsAt = null);

/// <summary>
/// What admins do to staff accounts, and what each person does to their own: every change is audited in the same
/// SaveChanges, and every change that should end existing sessions rotates the security stamp.
/// </summary>
public sealed class StaffDirectory(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time, IEndedAccountClaims claims)
{
    private readonly StaffPasswords _passwords = new();

    /// <summary>Matches user name, display name or email (case-insensitive contains); enabled first, then by user name.</summary>
    public async Task<IReadOnlyList<StaffRow>> ListAsync(string? search = null, int take = 200, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Staff.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLowerInvariant();
            query = query.Where(u => u.UserName.Contains(s) || u.Email.Contains(s) || u.DisplayName.ToLower().Contains(s));
        }
        var users = await query.OrderBy(u => u.IsDisabled).ThenBy(u => u.UserName).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return users.Select(u => new StaffRow(u.Id, u.UserName, u.DisplayName, u.Email, u.Roles, u.IsDisabled, u.MustChangePassword,
            u.IsLockedOut(now), u.IsDemo, u.CreatedAt, u.TwoFactorEnabled, u.EndsAt)).ToList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Staff.CountAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task ChangeRolesAsync(long actorId, long userId, StaffRoles roles, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, userId, "staff.roles", async (db, user) =>
        {
            if ((roles & StaffRoles.Admin) == 0 && user.HasRole(StaffRoles.Admin)) await EnsureNotLastAdminAsync(db, user, cancellationToken).ConfigureAwait(false);
            var before = user.Roles;
            user.ChangeRoles(roles);
            return $"{before} -> {roles}";
        }, cancellationToken);

    public Task DisableAsync(long actorId, long userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, userId, "staff.disable", async (db, user) =>
        {
            if (user.HasRole(StaffRoles.Admin)) await EnsureNotLastAdminAsync(db, user, cancellationToken).ConfigureAwait(false);
            user.Disable();
            return null;
        }, cancellationToken);

    public Task EnableAsync(long actorId, long userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, userId, "staff.enable", (_, user) =>
        {
            user.Enable();
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>Sets a new temporary password (returned, to be handed over once), lifts any lockout, ends every session.</summary>
    public async Task<string> ResetPasswordAsync(long actorId, long userId, CancellationToken cancellationToken = default)
    {
        var password = PasswordRules.NewTemporaryPassword();
        await ChangeAsync(actorId, userId, "staff.reset_password", (_, user) =>
        {
            user.SetPassword(_passwords.HashTemporary(user, password), temporary: true);
            user.Unlock();
            return Task.FromResult<string?>(null);
        }, cancellationToken).ConfigureAwait(false);
        return password;
    }

    /// <summary>
    /// An Admin turns off someone's two-factor sign-in (lost phone): the authenticator key and recovery codes go, every
    /// session ends, and a Lead or Admin enrols a new app at the next sign-in.
    /// </summary>
    public Task ResetTwoFactorAsync(long actorId, long userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, userId, "staff.reset_two_factor", async (db, user) =>
        {
            var tokens = await db.UserTokens.Where(t => t.UserId == userId).ToListAsync(cancellationToken).ConfigureAwait(false);
            db.UserTokens.RemoveRange(tokens);
            user.ResetTwoFactor();
            return null;
        }, cancellationToken);

    /// <summary>
    /// Sets, moves or clears the moment an account ends (responder accounts opened for an incident); after it the
    /// account cannot sign in and its sessions end at their next check.
    /// </summary>
    public async Task SetEndsAtAsync(long actorId, long userId, DateTimeOffset? endsAt, CancellationToken cancellationToken = default)
    {
        await ChangeAsync(actorId, userId, "staff.ends_at", (_, user) =>
        {
            var before = user.EndsAt;
            user.EndAt(endsAt);
            return Task.FromResult<string?>($"{Describe(before)} -> {Describe(endsAt)}");
        }, cancellationToken).ConfigureAwait(false);
        // Ended now: its tickets go back to the queue at once, not when the leases lapse (the sweep does it for ends that pass later).
        if (endsAt is { } end && end <= time.GetUtcNow()) await claims.ReleaseEndedAccountsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The accounts that end (or have ended), soonest first: what a Lead sees on the responders page.</summary>
    public async Task<IReadOnlyList<StaffRow>> ListEndingAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var users = await db.Staff.AsNoTracking().Where(u => u.EndsAt != null && !u.IsDisabled).ToListAsync(cancellationToken).ConfigureAwait(false);
        return users.OrderBy(u => u.EndsAt).ThenBy(u => u.UserName, StringComparer.Ordinal).Select(u => new StaffRow(u.Id, u.UserName, u.DisplayName, u.Email,
            u.Roles, u.IsDisabled, u.MustChangePassword, u.IsLockedOut(now), u.IsDemo, u.CreatedAt, u.TwoFactorEnabled, u.EndsAt)).ToList();
    }

    /// <summary>
    /// A Lead (or Admin) moves an account's end later, also after it has passed, so the responder can sign in again.
    /// Only later: shortening or removing an end date stays an Admin's change (<see cref="SetEndsAtAsync"/>). Audited.
    /// </summary>
    public Task ExtendAsync(long actorId, long userId, DateTimeOffset newEnd, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, userId, "staff.extend", (_, user) =>
        {
            if (user.EndsAt is not { } before)
                throw new DomainException($"{user.UserName} has no end date to extend.");
            if (newEnd <= before || newEnd <= time.GetUtcNow())
                throw new DomainException($"The new end for {user.UserName} must be later than {Describe(before)} and in the future.");
            user.EndAt(newEnd);
            return Task.FromResult<string?>($"{Describe(before)} -> {Describe(newEnd)}");
        }, cancellationToken);

    private static string Describe(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "no end";

    /// <summary>Rotates the security stamp: every signed-in browser of that person is signed out within a minute.</summary>
    public Task SignOutEverywhereAsync(long actorId, long userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, userId, "staff.sign_out_everywhere", (_, user) =>
        {
            user.SignOutEverywhere();
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>
    /// A person changes their own password. Returns the updated account (its new stamp goes into the new cookie), or a
    /// rule it breaks (<see cref="PasswordRules.Explain"/> says it in words). Clears <see cref="StaffUser.MustChangePassword"/>.
    /// </summary>
    public async Task<(StaffUser? User, PasswordProblem Problem)> ChangePasswordAsync(long userId, string currentPassword, string newPassword,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var user = await db.Staff.SingleOrDefaultAsync(s => s.Id == userId, cancellationToken).ConfigureAwait(false);
        if (user is null || user.IsDisabled) return (null, PasswordProblem.Disabled);
        if (!_passwords.Verify(user, currentPassword ?? "")) return (null, PasswordProblem.WrongCurrent);
        var problem = PasswordRules.Find(newPassword, user.UserName, currentPassword);
        if (problem != PasswordProblem.None) return (null, problem);
        user.SetPassword(_passwords.Hash(user, newPassword), temporary: false);
        db.AuditEvents.Add(new AuditEvent(time.GetUtcNow(), user.Id, user.UserName, "staff.change_password", null, null));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (user, PasswordProblem.None);
    }

    private async Task ChangeAsync(long actorId, long userId, string action, Func<HelpdeskDbContext, StaffUser, Task<string?>> change,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var user = await db.Staff.SingleOrDefaultAsync(s => s.Id == userId, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException($"Staff account {userId} does not exist.");
        var actor = actorId == userId ? user.UserName
            : await db.Staff.Where(s => s.Id == actorId).Select(s => s.UserName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? $"staff {actorId}";
        var details = await change(db, user).ConfigureAwait(false);
        db.AuditEvents.Add(new AuditEvent(time.GetUtcNow(), actorId, actor, action, null, details is null ? user.UserName : $"{user.UserName}: {details}"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureNotLastAdminAsync(HelpdeskDbContext db, StaffUser user, CancellationToken cancellationToken)
    {
        var others = await db.Staff.AnyAsync(s => s.Id != user.Id && !s.IsDisabled && (s.Roles & StaffRoles.Admin) != 0, cancellationToken).ConfigureAwait(false);
        if (!others) throw new DomainException($"{user.UserName} is the last enabled Admin; make somebody else Admin first.");
    }
}
