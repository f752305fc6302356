using System.Security.Claims;

namespace Helpdesk.Web.Account;

/// <summary>
/// A Lead or Admin (or anyone, when the desk requires it) without an authenticator app sees the enrolment page before
/// any other: every page and the Blazor circuit lead there. Runs after <see cref="MustChangePasswordGate"/>, so a
/// temporary password is replaced first.
/// </summary>
public sealed class TwoFactorEnrolmentGate(RequestDelegate next)
{
    public const string EnrolPath = "/account/two-factor";

    private static readonly string[] Open = [EnrolPath, "/account/signout", "/signin", "/denied", "/error"];
    private static readonly string[] Assets = ["/_framework/", "/_content/", "/css/", "/js/"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!MustEnrol(context.User)) return next(context);
        var path = context.Request.Path.Value ?? "/";
        if (Open.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)) || Assets.Any(a => path.StartsWith(a, StringComparison.OrdinalIgnoreCase)))
            return next(context);
        context.Response.Redirect(EnrolPath);
        return Task.CompletedTask;
    }

    public static bool MustEnrol(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(c => c.Type == StaffSignIn.MustEnrolClaim);
}
