using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Core.Staff;

/// <summary>Staff accounts: the first admin, the admins' directory and CSV import. Identity itself is the web host's (AddStaffIdentity).</summary>
public static class StaffRegistration
{
    public static IServiceCollection AddHelpdeskStaff(this IServiceCollection services)
    {
        services.AddOptions<FirstAdminOptions>().BindConfiguration(FirstAdminOptions.Section);
        services.AddSingleton<FirstAdmin>();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<StaffImport>();
        return services;
    }
}
