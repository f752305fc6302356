using Helpdesk.Core.Data;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Tests.Data;

[TestClass]
public sealed class ConfigurationTests
{
    private static Exception StartWith(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        try
        {
            using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
                .AddHelpdeskCore(configuration).AddHelpdeskDemo().BuildServiceProvider();
            // What the host's ValidateOnStart does for every registered options class.
            services.GetRequiredService<IOptions<Helpdesk.Core.Queue.QueueOptions>>().Value.ToString();
            services.GetRequiredService<IOptions<Helpdesk.Demo.DemoOptions>>().Value.ToString();
            services.GetRequiredService<DatabaseTarget>();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new AssertFailedException("start-up accepted a bad setting");
    }

    [TestMethod]
    public void Start_LeaseDurationOutOfRange_MessageNamesTheSetting()
    {
        var e = StartWith(("Helpdesk:Queue:LeaseDuration", "12:00:00"), ("ConnectionStrings:Helpdesk", "Data Source=:memory:"));

        StringAssert.Contains(e.Message, "Helpdesk:Queue:LeaseDuration must be between");
    }

    [TestMethod]
    public void Start_LeaseDurationNotATime_MessageNamesTheSetting()
    {
        var e = StartWith(("Helpdesk:Queue:LeaseDuration", "five minutes"), ("ConnectionStrings:Helpdesk", "Data Source=:memory:"));

        StringAssert.Contains(e.ToString(), "Helpdesk:Queue:LeaseDuration");
    }

    [TestMethod]
    public void Start_UnknownProvider_MessageNamesTheSetting()
    {
        var e = StartWith(("Helpdesk:Database:Provider", "Oracle"));

        StringAssert.Contains(e.ToString(), "Helpdesk:Database:Provider");
    }

    [TestMethod]
    public void Start_BusyTimeoutTooSmall_MessageNamesTheSetting()
    {
        var e = StartWith(("Helpdesk:Database:BusyTimeoutMilliseconds", "5"), ("ConnectionStrings:Helpdesk", "Data Source=:memory:"));

        StringAssert.Contains(e.Message, "Helpdesk:Database:BusyTimeoutMilliseconds must be from 100");
    }

    [TestMethod]
    public void Start_MalformedSqliteConnectionString_MessageNamesTheSetting()
    {
        var e = StartWith(("ConnectionStrings:Helpdesk", "Data Source=x.db;Flavour=strawberry"));

        StringAssert.Contains(e.Message, "ConnectionStrings:Helpdesk is not a valid SQLite connection string");
    }

    [TestMethod]
    public async Task Migrate_DatabaseFromANewerBuild_StopsWithAClearMessage()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await using (var db = await desk.Factory.CreateDbContextAsync())
            // What a newer build leaves: a migration in the history that this build's assembly does not have.
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29991231000000_FromANewerBuild', '10.0.15')""");

        var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => desk.Get<SchemaMigrator>().MigrateAsync());

        StringAssert.Contains(e.Message, "The database was written by a newer build of the desk");
        StringAssert.Contains(e.Message, "29991231000000_FromANewerBuild");
    }

    [TestMethod]
    public async Task Model_ComparedWithTheLastMigration_HasNoChangeWithoutAMigration()
    {
        await using var desk = await TestDatabase.CreateAsync();

        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.IsFalse(db.Database.HasPendingModelChanges(),
            $"an entity configuration changed without a migration: add one for each provider (src/Helpdesk.Data.Migrations.Sqlite/README.md); {db.Database.ProviderName}");
    }

    [TestMethod]
    public async Task Migrate_NewDatabase_MarksSchemaVersionSoBuildsBeforeMigrationsRefuseIt()
    {
        await using var desk = await TestDatabase.CreateAsync();

        await using var db = await desk.Factory.CreateDbContextAsync();
        // A build from before migrations compares the highest SchemaVersion with its last step (11) and stops when newer.
        Assert.AreEqual(SchemaMigrator.MigrationsOwnTheSchema, await db.SchemaSteps.MaxAsync(v => v.Version));
        CollectionAssert.AreEqual(db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList());
    }

    [TestMethod]
    public async Task Migrate_Twice_KeepsDataAndOneVersionRow()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.AddTicketsAsync(3);

        var second = await desk.Get<SchemaMigrator>().MigrateAsync();

        Assert.AreEqual(0, second.Applied.Count);
        Assert.IsFalse(second.TookOverNumberedSteps);
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(3, await db.Tickets.CountAsync());
        Assert.AreEqual(1, await db.SchemaSteps.CountAsync());
        if (db.IsSqlite) Assert.AreEqual("wal", (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()).Single());
        else Assert.IsTrue(db.IsPostgres, $"the test database is SQLite or PostgreSQL, not {db.Database.ProviderName}");
    }
}
