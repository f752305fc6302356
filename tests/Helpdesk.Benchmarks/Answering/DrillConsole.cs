using Helpdesk.Core;
using Helpdesk.Core.Intake;
using Helpdesk.Drill.Staff;
using Helpdesk.Web;
using Helpdesk.Web.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Helpdesk.Testing.Answering;

/// <summary>
/// The breach-week drill's real console: desk instance 1 built as src/Helpdesk.Web/Program.cs builds the desk (core,
/// intake, web) on a loopback Kestrel port with the drill's settings, and agents in Chromium answering on /answer as a
/// person does (read, key 1 for the first suggestion, Ctrl+Enter), each send→next timed in the page.
/// </summary>
public sealed class DrillConsole : IDrillConsole
{
    /// <summary>How long a send may take to show the next ticket (or the empty queue) before the agent calls it a failure and reloads.</summary>
    private const float SendTimeoutMs = 30_000;

    public IHost BuildHost(IReadOnlyDictionary<string, string?> settings, ILoggerProvider? log)
    {
        // Named as the web project so its static web assets (blazor.web.js, css, answer.js) are found from this process.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "Helpdesk.Web",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(settings);
        // A free loopback port, whatever appsettings.json or the environment say.
        builder.Configuration.AddInMemoryCollection([new("Urls", "http://127.0.0.1:0")]);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        if (log is not null) builder.Logging.AddProvider(log);
        builder.AddHelpdeskCore();
        builder.AddHelpdeskIntake();
        builder.AddHelpdeskWeb();
        var app = builder.Build();
        app.MapHelpdesk();
        return app;
    }

    public async Task<Uri> ReadyAsync(IHost host, CancellationToken cancellationToken)
    {
        // The console listens at once and prepares beside it (schema, templates, model, first Admin); the drill already did
        // the schema and the model, so this is short.
        await host.Services.GetRequiredService<DeskPreparation>().Ready.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address for the drill's console.");
        return new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)) + "/");
    }

    public async Task RunAgentsAsync(Uri console, ConsoleAgents agents, CancellationToken shiftEnds)
    {
        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await AnswerPage.LaunchAsync(playwright).ConfigureAwait(false);
        // One Chromium, a context (cookies, circuit) per agent; starts spread over a second so the sign-ins do not all collide.
        await Task.WhenAll(agents.UserNames.Select((user, i) => Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300 * i), shiftEnds).ConfigureAwait(false);
            await AgentAsync(browser, console, user, agents, new Random(20261207 + i), shiftEnds).ConfigureAwait(false);
        }, shiftEnds))).ConfigureAwait(false);
    }

    private static async Task AgentAsync(IBrowser browser, Uri console, string user, ConsoleAgents agents, Random random, CancellationToken shiftEnds)
    {
        await using var context = await AnswerPage.NewAgentContextAsync(browser, console).ConfigureAwait(false);
        var page = await context.NewPageAsync().ConfigureAwait(false);
        try
        {
            await AnswerPage.SignInAsync(page, user, agents.Password).ConfigureAwait(false);
            await AnswerPage.OpenAsync(page, mayBeEmpty: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException && !shiftEnds.IsCancellationRequested)
        {
            agents.Failed($"{user} could not sign in and open /answer: {e.Message}");
            return;
        }
        while (!shiftEnds.IsCancellationRequested)
        {
            try
            {
                await WorkOneAsync(page, agents, random, shiftEnds).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (shiftEnds.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                if (shiftEnds.IsCancellationRequested) return;
                // As a person would after a page that stopped answering: count it, reload and go on.
                agents.Failed($"{user}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                await ReopenAsync(page, shiftEnds).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One step of the agent's loop: wait for a ticket, read it, pick suggestion 1, send and time the next.</summary>
    private static async Task WorkOneAsync(IPage page, ConsoleAgents agents, Random random, CancellationToken shiftEnds)
    {
        var state = await AnswerPage.StateAsync(page).ConfigureAwait(false);
        if (state is "empty" or "loading" or "")
        {
            // Nothing waiting: look again a moment later, as the page asks.
            await Task.Delay(TimeSpan.FromMilliseconds(700 + random.Next(600)), shiftEnds).ConfigureAwait(false);
            var again = page.Locator(".queue-empty button.btn-primary");
            if (await again.CountAsync().ConfigureAwait(false) > 0) await again.ClickAsync().ConfigureAwait(false);
            return;
        }
        var problem = await AnswerPage.ProblemAsync(page).ConfigureAwait(false);
        if (state != "working" || problem.Length > 0)
        {
            agents.Failed(problem.Length > 0 ? problem : $"the console showed state '{state}'");
            await ReopenAsync(page, shiftEnds).ConfigureAwait(false);
            return;
        }
        var ticket = await AnswerPage.TicketAsync(page).ConfigureAwait(false);
        // Reading the ticket, as the simulated agents hold theirs.
        await Task.Delay(agents.ThinkTime * (0.5 + random.NextDouble()), shiftEnds).ConfigureAwait(false);
        if (await page.Locator("[data-suggestion='1']").CountAsync().ConfigureAwait(false) == 0)
        {
            await SkipAsync(page, ticket).ConfigureAwait(false);
            agents.Skipped();
            return;
        }
        await AnswerPage.PickFirstSuggestionAsync(page).ConfigureAwait(false);
        if (await page.Locator(".guardrail-block").CountAsync().ConfigureAwait(false) > 0)
        {
            await SkipAsync(page, ticket).ConfigureAwait(false);
            agents.Skipped();
            return;
        }
        // A warning the agent checked and sends anyway (the simulated agents acknowledge them too).
        var warnings = page.Locator(".guardrail-warning input[type=checkbox]");
        for (var i = 0; i < await warnings.CountAsync().ConfigureAwait(false); i++) await warnings.Nth(i).CheckAsync().ConfigureAwait(false);

        var (outcome, ms) = await AnswerPage.SendAndNextAsync(page, orEmptyOrProblem: true, SendTimeoutMs).ConfigureAwait(false);
        switch (outcome)
        {
            case AnswerPage.SendOutcome.NextTicket:
                agents.Sent(ms);
                break;
            case AnswerPage.SendOutcome.QueueEmpty:
                agents.Sent(null);
                break;
            case AnswerPage.SendOutcome.Problem:
                agents.Failed("not sent: " + await AnswerPage.ProblemAsync(page).ConfigureAwait(false));
                await ReopenAsync(page, shiftEnds).ConfigureAwait(false);
                break;
            default:
                agents.Failed($"no next ticket and no empty queue within {SendTimeoutMs / 1000:0} s of Ctrl+Enter on #{ticket}");
                await ReopenAsync(page, shiftEnds).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The Skip button; waits until another ticket or the empty queue shows.</summary>
    private static async Task SkipAsync(IPage page, string? ticket)
    {
        await page.ClickAsync("button.skip").ConfigureAwait(false);
        await page.WaitForFunctionAsync(
            "t => (document.querySelector('.ticket-number')?.dataset.ticket ?? null) !== t || document.querySelector('.answer-workspace')?.dataset.state === 'empty'",
            ticket, new PageWaitForFunctionOptions { Timeout = SendTimeoutMs }).ConfigureAwait(false);
    }

    private static async Task ReopenAsync(IPage page, CancellationToken shiftEnds)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), shiftEnds).ConfigureAwait(false);
            await AnswerPage.OpenAsync(page, mayBeEmpty: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // The next step finds the page as it is and tries again.
        }
        catch (OperationCanceledException) when (shiftEnds.IsCancellationRequested) { }
    }
}
