using Helpdesk.Core.Classification;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpdesk.Demo;

/// <summary>
/// Fills an empty database with three days of a surge, from the files under data/samples, so a newcomer sees a
/// real-looking desk: a backlog oldest-first, earlier tickets answered, some customers writing again, machine mail
/// filtered out, and demo accounts for each role. Deterministic (fixed seed). Runs only in demo mode.
/// </summary>
public sealed class DemoDataSeeder(
    IDbContextFactory<HelpdeskDbContext> factory,
    IOptions<DemoOptions> demoOptions,
    IConfiguration configuration,
    DatabaseTarget database,
    TimeProvider time,
    ITicketClassifier classifier,
    ILogger<DemoDataSeeder> logger)
{
    public static readonly string[] DemoAccounts = ["agent", "lead", "trainer", "admin", "security"];

    private readonly DemoOptions _options = demoOptions.Value;

    /// <summary>Demo mode: forced on, forced off, or (Auto) on when no mailbox is configured.</summary>
    public bool IsDemoMode => _options.Mode switch
    {
        DemoMode.On => true,
        DemoMode.Off => false,
        _ => !configuration.GetSection("Helpdesk:Mailboxes").GetChildren().Any(),
    };

    public string SamplesDirectory => _options.SamplesDirectory is { Length: > 0 } d
        ? Path.GetFullPath(d)
        : Path.Combine(database.DataDirectory, "samples");

    public string DemoPassword => _options.Password;

    /// <summary>
    /// The authenticator key every demo account that needs two-factor sign-in (Leads, Admins) is enrolled with; the
    /// sign-in page and README show it, so anyone trying the demo can add it to an authenticator app. Demo data only.
    /// </summary>
    public const string DemoAuthenticatorKey = "DEMODESKDEMODESKDEMODESKDEMODESK";

    /// <summary>Seeds when in demo mode and the database is empty; outside demo mode, disables any demo accounts.</summary>
    public async Task<int> SeedIfNeededAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!IsDemoMode)
        {
            var demo = await db.Staff.Where(s => s.IsDemo && !s.IsDisabled).ToListAsync(cancellationToken);
            foreach (var s in demo) s.Disable();
            if (demo.Count > 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("Not in demo mode: disabled {Count} demo accounts", demo.Count);
            }
            return 0;
        }
        if (await db.Tickets.AnyAsync(cancellationToken) || await db.Staff.AnyAsync(cancellationToken)) return 0;
        return await SeedAsync(SampleFiles.Load(SamplesDirectory), cancellationToken);
    }

    public async Task<int> SeedAsync(SampleFiles samples, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var random = new Random(_options.Seed);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        foreach (var (id, name, description) in SeedIntents.All)
            if (!await db.Intents.AnyAsync(i => i.Id == id, cancellationToken))
                db.Intents.Add(new Intent(id, name, description, now));

        var staff = CreateStaff(samples, now);
        db.Staff.AddRange(staff);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var user in staff.Where(u => u.TwoFactorEnabled))
            db.UserTokens.Add(new Microsoft.AspNetCore.Identity.IdentityUserToken<long>
            {
                UserId = user.Id, LoginProvider = StaffTokenNames.Provider, Name = StaffTokenNames.AuthenticatorKey, Value = DemoAuthenticatorKey,
            });
        await db.SaveChangesAsync(cancellationToken);

        var customers = samples.Customers
            .GroupBy(c => Customer.NormalizeAddress(c.Email)).Select(g => g.First())
            .Select(c => new Customer(c.Email, c.Name, now.AddDays(-3))).ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync(cancellationToken);

        // The demo tickets carry real intents, so the model must exist first: on a fresh clone this is the one-time training.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await classifier.WarmUpAsync(cancellationToken);
        if (clock.Elapsed > TimeSpan.FromSeconds(1))
            logger.LogInformation("Demo data waited {Seconds:0.0} s for the intent model", clock.Elapsed.TotalSeconds);
        var plan = new SurgePlan(samples, customers, staff.Where(s => s.HasRole(StaffRoles.Agent)).ToList(), now, _options.EmailCount, random);
        var tickets = plan.Build(classifier);
        db.Tickets.AddRange(tickets);
        db.RawMessages.AddRange(plan.MachineMail);
        await db.SaveChangesAsync(cancellationToken);
        plan.AnswerOldestFirst(tickets);
        await db.SaveChangesAsync(cancellationToken);

        logger.LogInformation("Demo data: {Tickets} tickets, {Machine} machine mails, {Staff} staff accounts",
            tickets.Count, plan.MachineMail.Count, staff.Count);
        return tickets.Count;
    }

    private List<StaffUser> CreateStaff(SampleFiles samples, DateTimeOffset now)
    {
        var passwords = new StaffPasswords();
        var users = new List<StaffUser>
        {
            new("agent", "Alex Agent", "agent@meridian.example", StaffRoles.Agent, now),
            new("lead", "Lee Lead", "lead@meridian.example", StaffRoles.Agent | StaffRoles.Lead, now),
            new("trainer", "Tara Trainer", "trainer@meridian.example", StaffRoles.Agent | StaffRoles.Trainer, now),
            new("admin", "Ada Admin", "admin@meridian.example", StaffRoles.Admin, now),
            new("security", "Sam Security", "security@meridian.example", StaffRoles.Security, now),
        };
        foreach (var s in samples.Staff)
        {
            if (users.Any(u => u.UserName == s.UserName.Trim().ToLowerInvariant())) continue;
            users.Add(new StaffUser(s.UserName, s.DisplayName, s.Email, StaffPasswords.ParseRoles(s.Roles), now));
        }
        // One hash for all: the demo accounts share a password by design, and PBKDF2 per user would slow first start.
        var hash = passwords.Hash(users[0], _options.Password);
        foreach (var u in users)
        {
            u.SetPassword(hash, temporary: false);
            u.MarkDemo();
            // Leads and Admins always sign in with a second step; the demo ones come enrolled with the documented key.
            if (u.HasRole(StaffRoles.Lead)) u.TwoFactorEnabled = true;
        }
        return users;
    }
}
