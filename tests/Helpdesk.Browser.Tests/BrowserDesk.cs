using Helpdesk.Core.Data;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>
/// The whole desk on a real loopback port (Kestrel, not TestServer: the browser needs a socket and WebSockets), on its
/// own SQLite file in demo mode, with helpers to open signed-in pages. Dispose it to stop the desk and close its pages.
/// </summary>
public sealed class BrowserDesk : IAsyncDisposable
{
    public const string DemoPassword = "demo-desk";
    public const int ViewportWidth = 1366;
    public const int ViewportHeight = 900;

    private readonly DeskFactory _factory;
    private readonly List<IBrowserContext> _contexts = [];

    private BrowserDesk(DeskFactory factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    /// <summary>http://127.0.0.1:PORT/ of this desk.</summary>
    public Uri Address { get; }

    /// <summary>The desk's services, for arranging data and checking what the browser did (tickets, outbox...).</summary>
    public IServiceProvider Services => _factory.Services;

    public static Task<BrowserDesk> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var factory = new DeskFactory(settings);
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        var address = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return Task.FromResult(new BrowserDesk(factory, address));
    }

    /// <summary>A fresh browser context (its own cookies) with a page that is not signed in.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = ViewportWidth, Height = ViewportHeight },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as one of the staff (the demo accounts: agent, lead, trainer, admin, or agent01...).</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string password = DemoPassword)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/signin");
        await SignInOnPageAsync(page, userName, password);
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>
    /// Signs in on a page already showing /signin: the password, then for demo Leads and Admins the code step with the
    /// documented authenticator key; returns once the page has left /signin.
    /// </summary>
    public static async Task SignInOnPageAsync(IPage page, string userName, string password = DemoPassword)
    {
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/signin");
        if (new Uri(page.Url).AbsolutePath == Helpdesk.Web.Account.AccountEndpoints.CodePath)
        {
            // The test is their authenticator app (the documented demo key).
            await page.FillAsync("#code", Helpdesk.Web.Tests.AuthenticatorApp.CodeNow(Helpdesk.Demo.DemoDataSeeder.DemoAuthenticatorKey));
            await page.ClickAsync("form:has(#code) button[type=submit]");
        }
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/signin", StringComparison.Ordinal));
    }

    /// <summary>
    /// An agent working elsewhere (through this desk's services, not a browser): claims the next ticket and sends a
    /// reply to it, as the answering console does. Returns the ticket's number.
    /// </summary>
    public async Task<long> AnswerNextTicketAsync(string agentUserName = "agent",
        string text = "Hello, your card was not affected. Please create a new password on our site.")
    {
        var factory = Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>();
        long agentId;
        await using (var db = await factory.CreateDbContextAsync())
            agentId = await db.Staff.Where(s => s.UserName == agentUserName).Select(s => s.Id).SingleAsync();
        var number = await Services.GetRequiredService<TicketQueue>().NextAsync(agentId) ?? throw new InvalidOperationException("nothing to claim");
        int version;
        await using (var db = await factory.CreateDbContextAsync())
            version = await db.Tickets.Where(t => t.Number == number).Select(t => t.Version).SingleAsync();
        await Services.GetRequiredService<ReplyService>().SendAsync(agentId, new ReplyDraft(number, version, text));
        return number;
    }

    /// <summary>The lead dashboard's backlog figure as the page shows it now.</summary>
    public static async Task<int> BacklogOnDashboardAsync(IPage page) =>
        int.Parse((await page.Locator("[data-figure=backlog] .count-value").InnerTextAsync()).Replace(",", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until the page's Blazor circuit is up, so clicks reach the server.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>
    /// Saves a screenshot as NAME.png: into docs/screenshots (the desk's pictures, kept and looked at) when the run sets
    /// HELPDESK_SCREENSHOTS=docs, otherwise into TestResults/screenshots so that a test run leaves the tree clean.
    /// </summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("HELPDESK_SCREENSHOTS") == "docs"
            ? Path.Combine(DeskFactory.RepositoryRoot, "docs", "screenshots")
            : Path.Combine(DeskFactory.RepositoryRoot, "TestResults", "screenshots");
        var path = Path.Combine(folder, name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
        await _factory.DisposeAsync();
    }
}
