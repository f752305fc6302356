using System.Security.Claims;
using Helpdesk.Core.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Helpdesk.Web.Account;

/// <summary>Form posts that set and clear the sign-in cookie (a Blazor circuit cannot write cookies).</summary>
public static class AccountEndpoints
{
    /// <summary>The second sign-in step's page; its form posts to <see cref="CodePostPath"/>.</summary>
    public const string CodePath = "/signin/code";

    public const string CodePostPath = "/account/signin-code";

    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/signin", async (HttpContext http, StaffSignIn signIn, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var returnUrl = SafeReturnUrl(form["returnUrl"]);
            var (outcome, principal) = await signIn.SignInAsync(form["username"].ToString(), form["password"].ToString(), ct);
            if (outcome == SignInOutcome.NeedsCode && principal is not null)
            {
                await http.SignInAsync(StaffSignIn.SecondStepScheme, principal);
                return Results.Redirect($"{CodePath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            }
            if (outcome != SignInOutcome.Success || principal is null)
                return Results.Redirect($"/signin?error={ErrorName(outcome)}&returnUrl={Uri.EscapeDataString(returnUrl)}");
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.Redirect(returnUrl);
        });

        app.MapPost(CodePostPath, async (HttpContext http, StaffSignIn signIn, StaffTwoFactor twoFactor, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var form = await http.Request.ReadFormAsync(ct);
            var returnUrl = SafeReturnUrl(form["returnUrl"]);
            var pending = await http.AuthenticateAsync(StaffSignIn.SecondStepScheme);
            if (pending.Principal is not { } first
                || !long.TryParse(first.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
                || first.FindFirstValue(StaffSignIn.StampClaim) is not { } stamp)
                return Results.Redirect($"/signin?error=expired&returnUrl={Uri.EscapeDataString(returnUrl)}");

            var (outcome, user) = await twoFactor.VerifyAsync(userId, stamp, form["code"].ToString(),
                StaffSignIn.MaxFailedAttempts, StaffSignIn.LockoutDuration, ct);
            if (outcome == SecondStepOutcome.LockedOut)
            {
                await http.SignOutAsync(StaffSignIn.SecondStepScheme);
                return Results.Redirect($"/signin?error=locked&returnUrl={Uri.EscapeDataString(returnUrl)}");
            }
            if (outcome != SecondStepOutcome.Success || user is null)
                return Results.Redirect($"{CodePath}?error=code&returnUrl={Uri.EscapeDataString(returnUrl)}");
            await http.SignOutAsync(StaffSignIn.SecondStepScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, signIn.PrincipalFor(user));
            return Results.Redirect(returnUrl);
        });

        app.MapPost("/account/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        });
    }

    private static string ErrorName(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.LockedOut => "locked",
        SignInOutcome.Ended => "ended",
        _ => "failed",
    };

    /// <summary>Only a local path: an attacker's link must not bounce a signed-in agent to another site.</summary>
    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
