using System.Security.Claims;

namespace Helpdesk.Web.Account;

/// <summary>
/// While a person's password is a temporary one (handed out by an admin, seen by at least two people), every page and
/// the Blazor circuit lead to the password form. Assets the form itself needs stay reachable.
/// </summary>
public sealed class MustChangePasswordGate(RequestDelegate next)
{
    public const string PasswordPath = "/account/password";

    /// <summary>Where the form posts; a separate path because the page's own route also answers POST (Blazor forms).</summary>
    public const string ChangePasswordPath = "/account/change-password";

    private static readonly string[] Open = [PasswordPath, ChangePasswordPath, "/account/signout", "/signin", "/denied", "/error"];
    private static readonly string[] Assets = ["/_framework/", "/_content/", "/css/", "/js/"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!NeedsNewPassword(context.User)) return next(context);
        var path = context.Request.Path.Value ?? "/";
        if (Open.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)) || Assets.Any(a => path.StartsWith(a, StringComparison.OrdinalIgnoreCase)))
            return next(context);
        context.Response.Redirect(PasswordPath);
        return Task.CompletedTask;
    }

    public static bool NeedsNewPassword(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(c => c.Type == StaffSignIn.MustChangePasswordClaim);
}
