using System.Globalization;
using System.Security.Claims;

namespace Helpdesk.Web.Trainer;

/// <summary>The signed-in staff member's id, as the sign-in put it in the cookie.</summary>
public static class StaffIdentity
{
    public static long Id(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidOperationException("The signed-in user carries no staff id.");
}
