using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Helpdesk.Data.Migrations.Sqlite;

/// <summary>
/// What dotnet-ef builds the model with when it adds a migration here. It never connects: the connection string only
/// names the provider, whose type mapping (and, on SQLite, the integer times) shape the generated code.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<HelpdeskDbContext>
{
    public HelpdeskDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<HelpdeskDbContext>();
        DatabaseRegistration.Configure(builder, new DatabaseTarget(DatabaseProvider.Sqlite, DesignConnectionString, ""), new DatabaseOptions());
        return new HelpdeskDbContext(builder.Options);
    }

    private const string DesignConnectionString = "Data Source=design-time.db";
}
