using System.Globalization;
using System.Security.Claims;
using Helpdesk.Core;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Tickets;
using Helpdesk.Web.Answer;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace Helpdesk.Web.Components.Pages;

/// <summary>
/// The answering console: one claimed ticket at a time, its suggestions and an editor; send and the next ticket opens.
/// The claim is renewed by a heartbeat while the page is open; a change to the ticket (the customer wrote again) is
/// pushed in and shown; the server refuses a send on a lost claim or a stale view, and the page says why.
/// </summary>
public sealed partial class AnswerPage : IAsyncDisposable
{
    private const int SkippedRemembered = 50;

    [Inject] private AnsweringDesk Desk { get; set; } = default!;
    [Inject] private ReplyService Replies { get; set; } = default!;
    [Inject] private ReplyGuardrails Guardrails { get; set; } = default!;
    [Inject] private AgentActions Actions { get; set; } = default!;
    [Inject] private LearningSignals Learning { get; set; } = default!;
    [Inject] private InProcessDeskNotifier Notifier { get; set; } = default!;
    [Inject] private QueueOptions QueueOptions { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Auth { get; set; }

    /// <summary>Only tickets of this intent (from the queue page's filter).</summary>
    [SupplyParameterFromQuery(Name = "intent")] public string? Intent { get; set; }

    /// <summary>Open this ticket (from the queue or search) instead of the next one.</summary>
    [SupplyParameterFromQuery(Name = "ticket")] public long? TicketNumber { get; set; }

    /// <summary>"escalated": a lead works the tickets agents escalated (ignored for anybody else).</summary>
    [SupplyParameterFromQuery(Name = "lane")] public string? Lane { get; set; }

    /// <summary>
    /// What must outlive this circuit: the ticket the agent holds, the reply typed so far and the tickets skipped. .NET 10
    /// persists it when the circuit is paused (a hidden tab, <c>Blazor.pauseCircuit</c>) or evicted after a long
    /// disconnection, and hands it to the page of the resumed circuit (<c>Blazor.resumeCircuit</c>), which opens the same
    /// ticket with the same words. Read only at those moments, so it costs the live circuit nothing.
    /// </summary>
    [PersistentState]
    public AnswerState? Kept
    {
        get => _view is { } v ? new AnswerState(v.Ticket.Number, _text, [.. _skipped]) : null;
        set => _restored = value;
    }

    /// <summary>The persisted part of the answering page (see <see cref="Kept"/>).</summary>
    public sealed record AnswerState(long Ticket, string Text, long[] Skipped);

    private enum Panel { None, Note, Escalate, Spam, ReturnToAgents }

    private readonly CancellationTokenSource _stop = new();
    private AnswerState? _restored;
    // A reply brought back with a ticket the agent no longer holds: shown to copy, never lost silently.
    private string? _orphanDraft;
    private readonly List<long> _skipped = [];
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private long _staffId;
    private AnsweringView? _view;
    private string _text = "";
    // The length of a reply over ReplyLimits.MaxCharacters: the browser keeps such text and does not send it here.
    private int? _tooLong;
    private int? _picked;
    private IReadOnlyList<GuardrailFinding> _findings = [];
    private string? _problem;
    private string? _notice;
    private bool _claimLost;
    private bool _busy;
    private bool _loading = true;
    private bool _helpVisible;
    private Panel _panel;
    private string _noteText = "";
    private string _escalateReason = "";
    private string _returnReason = "";
    private bool _isLead;
    private DateTimeOffset _now;
    private bool _announce;
    private IJSObjectReference? _module;
    private DotNetObjectReference<AnswerPage>? _self;
    private PeriodicTimer? _heartbeat;

    private string Text
    {
        get => _text;
        set
        {
            _text = value ?? "";
            _tooLong = _text.Length > ReplyLimits.MaxCharacters ? _text.Length : null;
            _findings = _text.Length == 0 || _tooLong is not null ? [] : Guardrails.Check(_text);
        }
    }

    private bool EscalatedLane => _isLead && string.Equals(Lane, "escalated", StringComparison.OrdinalIgnoreCase);

    private string State => _view is null ? (_loading ? "loading" : "empty") : _claimLost ? "claim-lost" : "working";

    private bool CanSend => SendEnabled && !_claimLost && _tooLong is null;

    // Whenever the box has text the button says so; pressing it on a reply that cannot go says why (lost claim, length).
    // Guardrail findings are marked in red beside the box, and keep it disabled until fixed or ticked.
    private bool SendEnabled => !_busy && _view is not null && (_tooLong is not null || (_text.Trim().Length > 0
        && _findings.All(f => f.Severity == GuardrailSeverity.Warning && _acknowledged.Contains(f.Key))));

    private string? LengthProblem => _tooLong is { } n ? ReplyLimits.TooLong(n) : null;

    protected override async Task OnInitializedAsync()
    {
        // Prerendering shows "taking the next ticket"; the claim happens once, on the live circuit.
        if (!RendererInfo.IsInteractive) return;
        var user = Auth is null ? null : (await Auth).User;
        _staffId = long.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
        _isLead = user is not null && (user.IsInRole("Lead") || user.IsInRole("Admin"));
        Notifier.Changed += OnTicketsChanged;
        var restored = _restored;
        _restored = null;
        if (restored is not null)
        {
            // A resumed circuit (paused or evicted before): the same ticket and the same words.
            _skipped.AddRange(restored.Skipped.TakeLast(SkippedRemembered));
            if (await OpenAsync(restored.Ticket) && _view?.Ticket.Number == restored.Ticket)
            {
                Text = restored.Text;
                _notice = $"Welcome back: #{restored.Ticket} is still yours{(restored.Text.Length > 0 ? " and your unsent reply is in the box" : "")}.";
            }
            else if (restored.Text.Trim().Length > 0)
            {
                _orphanDraft = restored.Text;
            }
        }
        else if (TicketNumber is { } wanted) await OpenAsync(wanted);
        else await TakeNextAsync();
        var beat = QueueOptions.LeaseDuration / 5;
        _heartbeat = new PeriodicTimer(beat < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : beat);
        _ = HeartbeatLoopAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            try
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", _stop.Token, "./js/answer.js");
                _self = DotNetObjectReference.Create(this);
                await _module.InvokeVoidAsync("attach", _stop.Token, _self, ReplyLimits.MaxCharacters);
                _announce = _view is not null;
            }
            catch (JSDisconnectedException) { return; }
            catch (OperationCanceledException) { return; }
        }
        if (_announce && _module is not null && _view is { } v)
        {
            _announce = false;
            try
            {
                // A draft over the limit stays in the browser: answer.js puts it back in the box and sends only its length.
                var kept = await _module.InvokeAsync<KeptDraft?>("showing", _stop.Token, v.Ticket.Number, _text.Length == 0);
                await _module.InvokeVoidAsync("markRendered", _stop.Token, v.Ticket.Number);
                if (kept is { Length: > 0 } && _text.Length == 0)
                {
                    // A reload after a lost connection: the claim survived (NextAsync resumes it) and so did the draft.
                    if (kept.Text is { Length: > 0 } words) Text = words;
                    else _tooLong = kept.Length;
                    _notice = $"You still hold #{v.Ticket.Number}; your unsent reply was restored.";
                    StateHasChanged();
                }
            }
            catch (JSDisconnectedException) { }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>The draft answer.js kept for a ticket: its text, or only its length when it is over the limit.</summary>
    public sealed record KeptDraft(string? Text, int Length);

    /// <summary>From answer.js: the box holds more than a reply may be; that text stays in the browser.</summary>
    [JSInvokable]
    public void DraftTooLong(int length)
    {
        if (length <= ReplyLimits.MaxCharacters) return;
        _tooLong = length;
        _notice = null;
        StateHasChanged();
    }

    /// <summary>Keys from answer.js.</summary>
    [JSInvokable]
    public async Task OnKey(string action, string? editorText)
    {
        switch (action)
        {
            case "pick1": await PickAsync(0); break;
            case "pick2": await PickAsync(1); break;
            case "pick3": await PickAsync(2); break;
            case "send": await SendAndNextAsync(); break;
            case "skip": await SkipAsync(); break;
            case "help": _helpVisible = !_helpVisible; break;
            case "escape": _helpVisible = false; break;
            default: return;
        }
        StateHasChanged();
    }

    private async Task TakeNextAsync()
    {
        _loading = true;
        ClearWork();
        _view = null;
        try
        {
            var number = await Desk.TakeNextAsync(_staffId, Intent is { Length: > 0 } i ? i : null,
                EscalatedLane ? QueueLane.Escalated : QueueLane.Agents, _skipped, _stop.Token);
            if (number is { } n) await ReadAsync(n);
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task<bool> OpenAsync(long number)
    {
        _loading = true;
        ClearWork();
        try
        {
            if (await Desk.TakeAsync(_staffId, number, _stop.Token))
            {
                await ReadAsync(number);
                return true;
            }
            var holder = await Desk.HolderAsync(number, _stop.Token);
            _problem = holder is not null
                ? $"#{number} is being answered by {holder}; nobody else can take it while they hold it. Here is the next ticket instead."
                : $"#{number} is not waiting for an answer (answered, closed or not found). Here is the next ticket instead.";
            var problem = _problem;
            await TakeNextAsync();
            _problem = problem;
            return false;
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task RetrySkippedAsync()
    {
        _skipped.Clear();
        await TakeNextAsync();
    }

    private async Task ReadAsync(long number)
    {
        _now = Time.GetUtcNow();
        var previous = _view?.Ticket.Number;
        _view = await Desk.ReadAsync(number, _staffId, _stop.Token);
        if (_view is not null && previous != number) _announce = true;
    }

    private void ClearWork()
    {
        Text = "";
        _picked = null;
        _acknowledged.Clear();
        _problem = null;
        _notice = null;
        _claimLost = false;
        _panel = Panel.None;
        _noteText = "";
        _escalateReason = "";
        _returnReason = "";
    }

    private Task PickAsync(int index)
    {
        if (_view is null || index < 0 || index >= _view.Suggestions.Count) return Task.CompletedTask;
        _picked = index;
        Text = _view.Suggestions[index].Text;
        _acknowledged.Clear();
        return Task.CompletedTask;
    }

    private void Acknowledge((string Key, bool Checked) change)
    {
        if (change.Checked) _acknowledged.Add(change.Key);
        else _acknowledged.Remove(change.Key);
    }

    private void ToggleHelp() => _helpVisible = !_helpVisible;

    private IReadOnlyList<AttachmentInfo> AttachmentsOf(long messageId) =>
        _view is null ? [] : _view.Attachments.Where(a => a.MessageId == messageId).ToList();

    private async Task SendAndNextAsync()
    {
        if (_busy || _view is null) return;
        if (_claimLost)
        {
            _notice = null;
            _problem = LostClaimWords(_view.Ticket.Number);
            return;
        }
        if (_tooLong is not null)
        {
            _notice = null; // the length sentence is already on the page
            return;
        }
        if (!CanSend)
        {
            _notice = null;
            _problem = _text.Trim().Length == 0
                ? "The reply is empty: pick a suggestion (1, 2, 3) or write one."
                : "Not sent yet: fix what is marked in red, or tick each warning you checked.";
            return;
        }
        _busy = true;
        var ticket = _view.Ticket;
        var suggestion = _picked is { } p && p < _view.Suggestions.Count ? _view.Suggestions[p] : null;
        try
        {
            await Replies.SendAsync(_staffId, new ReplyDraft(ticket.Number, ticket.Version, _text, suggestion?.VersionId,
                SentUnedited: suggestion is not null && suggestion.Text == _text, AcknowledgedWarnings: [.. _acknowledged]), _stop.Token);
            await ForgetDraftAsync(ticket.Number);
            await TakeNextAsync();
            _notice = $"Reply to #{ticket.Number} is on its way.";
        }
        catch (ClaimLostException)
        {
            _claimLost = true;
            _problem = LostClaimWords(ticket.Number);
        }
        catch (StaleTicketException)
        {
            await ReadAsync(ticket.Number);
            _problem = $"Not sent: ticket #{ticket.Number} changed since you opened it (the customer wrote again, or a colleague added a note). "
                + "The conversation below is now up to date and your reply is still in the editor: read it, then send again.";
        }
        catch (GuardrailException ex)
        {
            _findings = Guardrails.Check(_text);
            _problem = ex.Message;
        }
        catch (DomainException ex)
        {
            _problem = "Not sent: " + ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private static string LostClaimWords(long number) =>
        $"Not sent: you no longer hold ticket #{number}. Your claim ran out (the page lost its connection for a while, "
        + "or a lead released it), and another agent may be answering it now. Copy your text if you need it, then take the next ticket.";

    private async Task SkipAsync()
    {
        if (_busy || _view is null) return;
        _busy = true;
        var number = _view.Ticket.Number;
        try
        {
            await Desk.SkipAsync(_staffId, number, _stop.Token);
            _skipped.Add(number);
            if (_skipped.Count > SkippedRemembered) _skipped.RemoveAt(0);
            await ForgetDraftAsync(number);
            await TakeNextAsync();
            _notice = $"#{number} went back to the queue for somebody else.";
        }
        finally
        {
            _busy = false;
        }
    }

    private Task EscalateAsync() => ActAndNextAsync(n => Actions.EscalateAsync(_staffId, n, _escalateReason, _stop.Token),
        n => $"#{n} went to the leads.");

    private Task ReturnToAgentsAsync() => ActAndNextAsync(n => Actions.ReturnToAgentsAsync(_staffId, n, _returnReason, _stop.Token),
        n => $"#{n} went back to the agents' queue.");

    private Task MarkSpamAsync() => ActAndNextAsync(n => Actions.MarkSpamAsync(_staffId, n, _stop.Token),
        n => $"#{n} was closed as spam.");

    private async Task ActAndNextAsync(Func<long, Task> act, Func<long, string> done)
    {
        if (_busy || _view is null) return;
        _busy = true;
        var number = _view.Ticket.Number;
        try
        {
            await act(number);
            await ForgetDraftAsync(number);
            await TakeNextAsync();
            _notice = done(number);
        }
        catch (DomainException ex)
        {
            _problem = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task AddNoteAsync()
    {
        if (_busy || _view is null || string.IsNullOrWhiteSpace(_noteText)) return;
        _busy = true;
        try
        {
            await Actions.AddNoteAsync(_staffId, _view.Ticket.Number, _noteText, _stop.Token);
            await ReadAsync(_view.Ticket.Number);
            _noteText = "";
            _panel = Panel.None;
            _notice = "Note added.";
        }
        catch (DomainException ex)
        {
            _problem = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ChangeIntentAsync(ChangeEventArgs e)
    {
        if (_view is null || e.Value?.ToString() is not { Length: > 0 } intent || intent == _view.Ticket.Intent) return;
        try
        {
            await Learning.RecordIntentCorrectionAsync(_view.Ticket.Number, intent, _staffId, _stop.Token);
            await ReadAsync(_view.Ticket.Number);
            _picked = null;
            _notice = $"Intent changed to {intent}; the trainers will see it as a correction. Suggestions follow the new intent.";
        }
        catch (DomainException ex)
        {
            _problem = ex.Message;
        }
    }

    private async Task HeartbeatLoopAsync()
    {
        try
        {
            while (_heartbeat is not null && await _heartbeat.WaitForNextTickAsync(_stop.Token))
            {
                if (_view is not { } v || _claimLost || _busy) continue;
                var kept = await Desk.KeepAsync(_staffId, v.Ticket.Number, _stop.Token);
                if (!kept && _view?.Ticket.Number == v.Ticket.Number)
                    await InvokeAsync(() =>
                    {
                        _claimLost = true;
                        _problem = LostClaimWords(v.Ticket.Number);
                        StateHasChanged();
                    });
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    // Pushed by intake, replies and other agents' actions: a new customer message on the open ticket is shown at once.
    private void OnTicketsChanged(IReadOnlyCollection<long> numbers)
    {
        if (_view is not { } v || !numbers.Contains(v.Ticket.Number)) return;
        _ = InvokeAsync(async () =>
        {
            if (_busy || _view?.Ticket.Number != v.Ticket.Number) return;
            var before = v.Ticket.Version;
            var inboundBefore = v.Ticket.InboundCount;
            await ReadAsync(v.Ticket.Number);
            if (_view is { } now && now.Ticket.Version != before)
            {
                if (now.Ticket.InboundCount > inboundBefore) _notice = "The customer wrote again: the new message is shown below.";
                if (!now.Ticket.IsHeldBy(_staffId, Time.GetUtcNow()))
                {
                    _claimLost = true;
                    _problem = LostClaimWords(now.Ticket.Number);
                }
                StateHasChanged();
            }
        });
    }

    private async Task ForgetDraftAsync(long number)
    {
        if (_module is null) return;
        try { await _module.InvokeVoidAsync("forgetDraft", _stop.Token, number); }
        catch (JSDisconnectedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        Notifier.Changed -= OnTicketsChanged;
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
