using System.Globalization;
using System.Security.Claims;
using Helpdesk.Core.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Helpdesk.Web.Account;

/// <summary>What a signed-in person does to their own account: change the password, sign out everywhere (form posts, they set cookies).</summary>
public static class OwnAccountEndpoints
{
    public static void MapOwnAccountEndpoints(this WebApplication app)
    {
        app.MapPost(MustChangePasswordGate.ChangePasswordPath, async (HttpContext http, StaffDirectory staff, StaffSignIn signIn, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var id = StaffId(http.User);
            var form = await http.Request.ReadFormAsync(ct);
            var wasForced = MustChangePasswordGate.NeedsNewPassword(http.User);
            var next = form["new"].ToString();
            if (next != form["confirm"].ToString()) return Problem(PasswordProblem.Mismatch);
            var (user, problem) = await staff.ChangePasswordAsync(id, form["current"].ToString(), next, ct);
            if (user is null) return Problem(problem);
            // The change rotated the stamp, which ends every other session; this browser gets a cookie with the new one.
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, signIn.PrincipalFor(user));
            return Results.Redirect(wasForced ? "/" : $"{MustChangePasswordGate.PasswordPath}?changed=1");
        }).RequireAuthorization();

        app.MapPost("/account/signout-everywhere", async (HttpContext http, StaffDirectory staff, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var id = StaffId(http.User);
            await staff.SignOutEverywhereAsync(id, id, ct);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin?info=everywhere");
        }).RequireAuthorization();
    }

    private static IResult Problem(PasswordProblem problem) =>
        Results.Redirect($"{MustChangePasswordGate.PasswordPath}?problem={problem}");

    internal static long StaffId(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user without an id."), CultureInfo.InvariantCulture);
}
