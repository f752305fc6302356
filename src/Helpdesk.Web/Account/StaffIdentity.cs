using Helpdesk.Core.Data;
using Helpdesk.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Helpdesk.Web.Account;

/// <summary>ASP.NET Core Identity's user manager over the desk's Staff table, with the authenticator (TOTP) provider.</summary>
public static class StaffIdentity
{
    public static IServiceCollection AddStaffIdentity(this IServiceCollection services)
    {
        services.AddOptions<TwoFactorOptions>().BindConfiguration(TwoFactorOptions.Section);
        // Identity's store works on a context per request (or circuit), made by the desk's factory.
        services.TryAddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<HelpdeskDbContext>>().CreateDbContext());
        services.AddIdentityCore<StaffUser>(options =>
            {
                // The schema the migrations describe (HelpdeskDbContext.IdentitySchema): Identity shapes its tables from this.
                options.Stores.SchemaVersion = HelpdeskDbContext.IdentitySchema;
                // User names come from imports and the first-admin setting, checked there; Identity must not refuse
                // an update (a recovery code used up) over a character it would not have chosen.
                options.User.AllowedUserNameCharacters = "";
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = StaffSignIn.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = StaffSignIn.LockoutDuration;
            })
            .AddEntityFrameworkStores<HelpdeskDbContext>()
            .AddTokenProvider<AuthenticatorTokenProvider<StaffUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<StaffTwoFactor>();
        return services;
    }
}
