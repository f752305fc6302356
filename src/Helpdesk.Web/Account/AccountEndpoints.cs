using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Helpdesk.Web.Account;

/// <summary>Form posts that set and clear the sign-in cookie (a Blazor circuit cannot write cookies).</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/signin", async (HttpContext http, StaffSignIn signIn, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var returnUrl = SafeReturnUrl(form["returnUrl"]);
            var (outcome, principal) = await signIn.SignInAsync(form["username"].ToString(), form["password"].ToString(), ct);
            if (outcome != SignInOutcome.Success || principal is null)
            {
                var error = outcome == SignInOutcome.LockedOut ? "locked" : "failed";
                return Results.Redirect($"/signin?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");
            }
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.Redirect(returnUrl);
        });

        app.MapPost("/account/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        });
    }

    /// <summary>Only a local path: an attacker's link must not bounce a signed-in agent to another site.</summary>
    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
