using System.Globalization;
using System.Security.Claims;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Queue;
using Helpdesk.Web.Answer;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace Helpdesk.Web.Components.Pages;

/// <summary>
/// The answering console: one claimed ticket at a time, its suggestions and an editor; send and the next ticket opens.
/// What the agent does with the ticket (claim, draft, send, skip, hand on) lives in <see cref="AnswerSession"/>; this page
/// renders it, turns keys from answer.js into calls, renews the claim by a heartbeat while it is open, and shows a change
/// to the ticket (the customer wrote again) as soon as it is pushed in.
/// </summary>
public sealed partial class AnswerPage : IAsyncDisposable
{
    [Inject] private AnswerSession Session { get; set; } = default!;
    [Inject] private InProcessDeskNotifier Notifier { get; set; } = default!;
    [Inject] private QueueOptions QueueOptions { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Auth { get; set; }

    /// <summary>Only tickets of this intent (from the queue page's filter).</summary>
    [SupplyParameterFromQuery(Name = "intent")] public string? Intent { get; set; }

    /// <summary>Open this ticket (from the queue or search) instead of the next one.</summary>
    [SupplyParameterFromQuery(Name = "ticket")] public long? TicketNumber { get; set; }

    /// <summary>"escalated": a lead works the tickets agents escalated (ignored for anybody else).</summary>
    [SupplyParameterFromQuery(Name = "lane")] public string? Lane { get; set; }

    /// <summary>
    /// What must outlive this circuit (<see cref="AnswerState"/>). .NET 10 persists it when the circuit is paused (a
    /// hidden tab, <c>Blazor.pauseCircuit</c>) or evicted after a long disconnection, and hands it to the page of the
    /// resumed circuit (<c>Blazor.resumeCircuit</c>), which opens the same ticket with the same words. Read only at those
    /// moments, so it costs the live circuit nothing.
    /// </summary>
    [PersistentState]
    public AnswerState? Kept
    {
        get => Session.Kept;
        set => _restored = value;
    }

    private readonly CancellationTokenSource _stop = new();
    private AnswerState? _restored;
    private bool _helpVisible;
    private IJSObjectReference? _module;
    private DotNetObjectReference<AnswerPage>? _self;
    private PeriodicTimer? _heartbeat;

    private AnsweringView? View => Session.View;

    protected override async Task OnInitializedAsync()
    {
        // Prerendering shows "taking the next ticket"; the claim happens once, on the live circuit.
        if (!RendererInfo.IsInteractive) return;
        var user = Auth is null ? null : (await Auth).User;
        var staffId = long.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
        var isLead = user is not null && (user.IsInRole("Lead") || user.IsInRole("Admin"));
        Session.DraftFinished = ForgetDraftAsync;
        Notifier.Changed += OnTicketsChanged;
        var restored = _restored;
        _restored = null;
        await Session.StartAsync(staffId, isLead, Intent, Lane, TicketNumber, restored, _stop.Token);
        var beat = QueueOptions.LeaseDuration / 5;
        _heartbeat = new PeriodicTimer(beat < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : beat);
        _ = HeartbeatLoopAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        bool announce;
        if (firstRender)
        {
            try
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", _stop.Token, "./js/answer.js");
                _self = DotNetObjectReference.Create(this);
                await _module.InvokeVoidAsync("attach", _stop.Token, _self);
                Session.TakeNewTicket();
                announce = Session.View is not null;
            }
            catch (JSDisconnectedException) { return; }
            catch (OperationCanceledException) { return; }
        }
        else announce = _module is not null && Session.TakeNewTicket();
        if (announce && _module is not null && Session.View is { } v)
        {
            try
            {
                // Numbers go to answer.js as strings: a boxed long costs every circuit its own JSON type descriptions.
                var ticket = v.Ticket.Number.ToString(CultureInfo.InvariantCulture);
                await _module.InvokeVoidAsync("showing", _stop.Token, ticket); // also marks it rendered
                // A reload after a lost connection: the claim survived (NextAsync resumes it) and so did the draft. A draft
                // over the limit stays in the browser: answer.js puts it back in the box and sends only its length.
                if (Session.Text.Length == 0 && await _module.InvokeAsync<int>("keptLength", _stop.Token, ticket) is var length and > 0)
                {
                    var over = length > ReplyLimits.MaxCharacters;
                    var text = over ? null : await _module.InvokeAsync<string?>("keptDraft", _stop.Token, ticket);
                    if ((over || text is { Length: > 0 }) && Session.View?.Ticket.Number == v.Ticket.Number
                        && Session.RestoreBrowserDraft(text, over ? length : text!.Length))
                        StateHasChanged();
                }
            }
            catch (JSDisconnectedException) { }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>From answer.js: the box holds more than a reply may be; that text stays in the browser.</summary>
    [JSInvokable]
    public void DraftTooLong(int length)
    {
        if (Session.DraftTooLong(length)) StateHasChanged();
    }

    /// <summary>Keys from answer.js.</summary>
    [JSInvokable]
    public async Task OnKey(string action, string? editorText)
    {
        switch (action)
        {
            case "pick1": Session.Pick(0); break;
            case "pick2": Session.Pick(1); break;
            case "pick3": Session.Pick(2); break;
            case "send": await SendAndNextAsync(); break;
            case "skip": await SkipAsync(); break;
            case "help": _helpVisible = !_helpVisible; break;
            case "escape": _helpVisible = false; break;
            default: return;
        }
        StateHasChanged();
    }

    private Task TakeNextAsync() => Session.TakeNextAsync(_stop.Token);

    private Task RetrySkippedAsync() => Session.RetrySkippedAsync(_stop.Token);

    private Task PickAsync(int index)
    {
        Session.Pick(index);
        return Task.CompletedTask;
    }

    private void Acknowledge((string Key, bool Checked) change) => Session.Acknowledge(change.Key, change.Checked);

    private void ToggleHelp() => _helpVisible = !_helpVisible;

    private void Toggle(AnswerPanel panel) => Session.Panel = Session.Panel == panel ? AnswerPanel.None : panel;

    private Task SendAndNextAsync() => Session.SendAndNextAsync(_stop.Token);

    private Task SkipAsync() => Session.SkipAsync(_stop.Token);

    private Task EscalateAsync() => Session.EscalateAsync(_stop.Token);

    private Task ReturnToAgentsAsync() => Session.ReturnToAgentsAsync(_stop.Token);

    private Task MarkSpamAsync() => Session.MarkSpamAsync(_stop.Token);

    private Task AddNoteAsync() => Session.AddNoteAsync(_stop.Token);

    private Task ChangeIntentAsync(ChangeEventArgs e) => Session.ChangeIntentAsync(e.Value?.ToString(), _stop.Token);

    private async Task HeartbeatLoopAsync()
    {
        try
        {
            while (_heartbeat is not null && await _heartbeat.WaitForNextTickAsync(_stop.Token))
            {
                if (await Session.RenewClaimAsync(_stop.Token) is { } lost)
                    await InvokeAsync(() =>
                    {
                        if (Session.LoseClaim(lost)) StateHasChanged();
                    });
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    // Pushed by intake, replies and other agents' actions: a new customer message on the open ticket is shown at once.
    private void OnTicketsChanged(IReadOnlyCollection<long> numbers)
    {
        if (!Session.Shows(numbers)) return;
        _ = InvokeAsync(async () =>
        {
            if (await Session.RefreshAsync(numbers, _stop.Token)) StateHasChanged();
        });
    }

    private async Task ForgetDraftAsync(long number)
    {
        if (_module is null) return;
        try { await _module.InvokeVoidAsync("forgetDraft", _stop.Token, number.ToString(CultureInfo.InvariantCulture)); }
        catch (JSDisconnectedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        Notifier.Changed -= OnTicketsChanged;
        Session.DraftFinished = null;
        _stop.Cancel();
        _heartbeat?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("detach");
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException) { }
        }
        _self?.Dispose();
        _stop.Dispose();
    }
}
