namespace Helpdesk.Core.Staff;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP). Leads and Admins always need it: a stolen password must not
/// be enough to read every customer's mail. <c>Helpdesk:TwoFactor:RequireForEveryone</c> extends it to every account.
/// </summary>
public sealed class TwoFactorOptions
{
    public const string Section = "Helpdesk:TwoFactor";

    public bool RequireForEveryone { get; set; }

    /// <summary>Shown as the account's issuer in the authenticator app.</summary>
    public string Issuer { get; set; } = "Helpdesk";

    public bool IsRequired(StaffUser user) => RequireForEveryone || user.HasRole(StaffRoles.Lead);
}
