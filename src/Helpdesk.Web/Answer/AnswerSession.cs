using Helpdesk.Core;
using Helpdesk.Core.Queue;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tickets;

namespace Helpdesk.Web.Answer;

/// <summary>The panel open under the reply box: an internal note, an escalation, spam, or giving an escalated ticket back.</summary>
public enum AnswerPanel { None, Note, Escalate, Spam, ReturnToAgents }

/// <summary>What must outlive a circuit: the ticket the agent holds, the reply typed so far and the tickets skipped.</summary>
public sealed record AnswerState(long Ticket, string Text, long[] Skipped);

/// <summary>
/// One agent answering tickets in one console page: the claimed ticket, the reply being written and what the page says
/// about it. Claims, sends, skips and the other actions go through here, with the sentences the agent reads when one is
/// refused; the page renders this state and turns keys into calls. One per page (transient): a page opened again starts
/// clean, as it did when the page held this itself. Not thread-safe: call it from the page's renderer, as the page does.
/// </summary>
public sealed class AnswerSession(
    AnsweringDesk desk, ReplyService replies, ReplyGuardrails guardrails, AgentActions actions, LearningSignals learning, TimeProvider time)
{
    /// <summary>How many skipped tickets are remembered (and kept from this agent) at most.</summary>
    public const int SkippedRemembered = 50;

    private readonly List<long> _skipped = [];
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private string _text = "";
    private long _staffId;
    private string? _intent;
    private QueueLane _lane;
    private bool _newTicket;

    /// <summary>The ticket on screen with its suggestions, or null (loading, or nothing waiting).</summary>
    public AnsweringView? View { get; private set; }

    /// <summary>When <see cref="View"/> was read: ages on the page count from here.</summary>
    public DateTimeOffset ReadAt { get; private set; }

    public bool IsLead { get; private set; }

    /// <summary>This page works the escalated tickets (leads only).</summary>
    public bool EscalatedLane => _lane == QueueLane.Escalated;

    public string? Intent => _intent;

    public IReadOnlyList<long> Skipped => _skipped;

    /// <summary>The length of a reply over <see cref="ReplyLimits.MaxCharacters"/>: such text stays in the browser.</summary>
    public int? TooLong { get; private set; }

    /// <summary>The suggestion the reply started from (index into the view's suggestions).</summary>
    public int? Picked { get; private set; }

    public IReadOnlyList<GuardrailFinding> Findings { get; private set; } = [];

    public IReadOnlySet<string> Acknowledged => _acknowledged;

    public string? Problem { get; private set; }

    public string? Notice { get; private set; }

    public bool ClaimLost { get; private set; }

    public bool Busy { get; private set; }

    public bool Loading { get; private set; } = true;

    /// <summary>A reply brought back with a ticket the agent no longer holds: shown to copy, never lost silently.</summary>
    public string? OrphanDraft { get; set; }

    public AnswerPanel Panel { get; set; }

    public string NoteText { get; set; } = "";

    public string EscalateReason { get; set; } = "";

    public string ReturnReason { get; set; } = "";

    /// <summary>Called with a ticket's number when its reply is done with (sent, skipped, handed on): the browser's copy goes.</summary>
    public Func<long, Task>? DraftFinished { get; set; }

    /// <summary>The reply in the box. Setting it checks the length and the guardrails.</summary>
    public string Text
    {
        get => _text;
        set
        {
            _text = value ?? "";
            TooLong = _text.Length > ReplyLimits.MaxCharacters ? _text.Length : null;
            Findings = _text.Length == 0 || TooLong is not null ? [] : guardrails.Check(_text);
        }
    }

    /// <summary>What persists when the circuit pauses; null when no ticket is held.</summary>
    public AnswerState? Kept => View is { } v ? new AnswerState(v.Ticket.Number, _text, [.. _skipped]) : null;

    public string State => View is null ? (Loading ? "loading" : "empty") : ClaimLost ? "claim-lost" : "working";

    // Whenever the box has text the button says so; pressing it on a reply that cannot go says why (lost claim, length).
    // Guardrail findings are marked in red beside the box, and keep it disabled until fixed or ticked.
    public bool SendEnabled => !Busy && View is not null && (TooLong is not null || (_text.Trim().Length > 0
        && Findings.All(f => f.Severity == GuardrailSeverity.Warning && _acknowledged.Contains(f.Key))));

    public bool CanSend => SendEnabled && !ClaimLost && TooLong is null;

    /// <summary>The sentence for a reply over the limit, or null.</summary>
    public string? LengthProblem => TooLong is { } n ? ReplyLimits.TooLong(n) : null;

    /// <summary>True once after a different ticket came on screen (the page tells the browser then).</summary>
    public bool TakeNewTicket()
    {
        var shown = _newTicket;
        _newTicket = false;
        return shown;
    }

    /// <summary>
    /// Opens the page's first ticket: the one a resumed circuit held (same words back), the one asked for, or the next.
    /// </summary>
    public async Task StartAsync(long staffId, bool isLead, string? intent, string? lane, long? ticket, AnswerState? restored,
        CancellationToken cancellationToken)
    {
        _staffId = staffId;
        IsLead = isLead;
        _intent = intent is { Length: > 0 } ? intent : null;
        _lane = isLead && string.Equals(lane, "escalated", StringComparison.OrdinalIgnoreCase) ? QueueLane.Escalated : QueueLane.Agents;
        if (restored is not null)
        {
            // A resumed circuit (paused or evicted before): the same ticket and the same words.
            _skipped.AddRange(restored.Skipped.TakeLast(SkippedRemembered));
            if (await OpenAsync(restored.Ticket, cancellationToken) && View?.Ticket.Number == restored.Ticket)
            {
                Text = restored.Text;
                Notice = $"Welcome back: #{restored.Ticket} is still yours{(restored.Text.Length > 0 ? " and your unsent reply is in the box" : "")}.";
            }
            else if (restored.Text.Trim().Length > 0)
            {
                OrphanDraft = restored.Text;
            }
        }
        else if (ticket is { } wanted) await OpenAsync(wanted, cancellationToken);
        else await TakeNextAsync(cancellationToken);
    }

    /// <summary>Claims the next ticket of this page's lane and intent, passing over the ones this agent skipped.</summary>
    public async Task TakeNextAsync(CancellationToken cancellationToken)
    {
        Loading = true;
        ClearWork();
        View = null;
        try
        {
            var number = await desk.TakeNextAsync(_staffId, _intent, _lane, _skipped, cancellationToken);
            if (number is { } n) await ReadAsync(n, cancellationToken);
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>Claims one ticket by number; when somebody else holds it (or it is done), says so and takes the next.</summary>
    public async Task<bool> OpenAsync(long number, CancellationToken cancellationToken)
    {
        Loading = true;
        ClearWork();
        try
        {
            if (await desk.TakeAsync(_staffId, number, cancellationToken))
            {
                await ReadAsync(number, cancellationToken);
                return true;
            }
            var holder = await desk.HolderAsync(number, cancellationToken);
            var problem = holder is not null
                ? $"#{number} is being answered by {holder}; nobody else can take it while they hold it. Here is the next ticket instead."
                : $"#{number} is not waiting for an answer (answered, closed or not found). Here is the next ticket instead.";
            await TakeNextAsync(cancellationToken);
            Problem = problem;
            return false;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>Forgets the skipped tickets and looks again.</summary>
    public Task RetrySkippedAsync(CancellationToken cancellationToken)
    {
        _skipped.Clear();
        return TakeNextAsync(cancellationToken);
    }

    /// <summary>Puts a suggestion in the box (index 0 to 2); nothing when there is no such suggestion.</summary>
    public void Pick(int index)
    {
        if (View is null || index < 0 || index >= View.Suggestions.Count) return;
        Picked = index;
        Text = View.Suggestions[index].Text;
        _acknowledged.Clear();
    }

    /// <summary>The agent ticked (or unticked) a guardrail warning as checked.</summary>
    public void Acknowledge(string key, bool isChecked)
    {
        if (isChecked) _acknowledged.Add(key);
        else _acknowledged.Remove(key);
    }

    /// <summary>The browser holds a reply over the limit (only its length came here).</summary>
    public bool DraftTooLong(int length)
    {
        if (length <= ReplyLimits.MaxCharacters) return false;
        TooLong = length;
        Notice = null;
        return true;
    }

    /// <summary>
    /// The browser kept a draft for the ticket on screen (a reload after a lost connection): its text, or only its length
    /// when it is over the limit. False when the box already has words or nothing was kept.
    /// </summary>
    public bool RestoreBrowserDraft(string? text, int length)
    {
        if (View is not { } v || length <= 0 || _text.Length > 0) return false;
        if (text is { Length: > 0 }) Text = text;
        else TooLong = length;
        Notice = $"You still hold #{v.Ticket.Number}; your unsent reply was restored.";
        return true;
    }

    /// <summary>
    /// Sends the reply and takes the next ticket. A reply that cannot go (lost claim, too long, empty, guardrails, stale
    /// view) stays in the box and <see cref="Problem"/> says why.
    /// </summary>
    public async Task SendAndNextAsync(CancellationToken cancellationToken)
    {
        if (Busy || View is null) return;
        if (ClaimLost)
        {
            Notice = null;
            Problem = LostClaimWords(View.Ticket.Number);
            return;
        }
        if (TooLong is not null)
        {
            Notice = null; // the length sentence is already on the page
            return;
        }
        if (!CanSend)
        {
            Notice = null;
            Problem = _text.Trim().Length == 0
                ? "The reply is empty: pick a suggestion (1, 2, 3) or write one."
                : "Not sent yet: fix what is marked in red, or tick each warning you checked.";
            return;
        }
        Busy = true;
        var ticket = View.Ticket;
        var suggestion = Picked is { } p && p < View.Suggestions.Count ? View.Suggestions[p] : null;
        try
        {
            await replies.SendAsync(_staffId, new ReplyDraft(ticket.Number, ticket.Version, _text, suggestion?.VersionId,
                SentUnedited: suggestion is not null && suggestion.Text == _text, AcknowledgedWarnings: [.. _acknowledged]), cancellationToken);
            await FinishDraftAsync(ticket.Number);
            await TakeNextAsync(cancellationToken);
            Notice = $"Reply to #{ticket.Number} is on its way.";
        }
        catch (ClaimLostException)
        {
            ClaimLost = true;
            Problem = LostClaimWords(ticket.Number);
        }
        catch (StaleTicketException)
        {
            await ReadAsync(ticket.Number, cancellationToken);
            Problem = $"Not sent: ticket #{ticket.Number} changed since you opened it (the customer wrote again, or a colleague added a note). "
                + "The conversation below is now up to date and your reply is still in the editor: read it, then send again.";
        }
        catch (GuardrailException ex)
        {
            Findings = guardrails.Check(_text);
            Problem = ex.Message;
        }
        catch (DomainException ex)
        {
            Problem = "Not sent: " + ex.Message;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Gives the ticket back to the queue for somebody else, remembers it as skipped, and takes the next.</summary>
    public async Task SkipAsync(CancellationToken cancellationToken)
    {
        if (Busy || View is null) return;
        Busy = true;
        var number = View.Ticket.Number;
        try
        {
            await desk.SkipAsync(_staffId, number, cancellationToken);
            _skipped.Add(number);
            if (_skipped.Count > SkippedRemembered) _skipped.RemoveAt(0);
            await FinishDraftAsync(number);
            await TakeNextAsync(cancellationToken);
            Notice = $"#{number} went back to the queue for somebody else.";
        }
        finally
        {
            Busy = false;
        }
    }

    public Task EscalateAsync(CancellationToken cancellationToken) =>
        ActAndNextAsync(n => actions.EscalateAsync(_staffId, n, EscalateReason, cancellationToken), n => $"#{n} went to the leads.", cancellationToken);

    public Task ReturnToAgentsAsync(CancellationToken cancellationToken) =>
        ActAndNextAsync(n => actions.ReturnToAgentsAsync(_staffId, n, ReturnReason, cancellationToken),
            n => $"#{n} went back to the agents' queue.", cancellationToken);

    public Task MarkSpamAsync(CancellationToken cancellationToken) =>
        ActAndNextAsync(n => actions.MarkSpamAsync(_staffId, n, cancellationToken), n => $"#{n} was closed as spam.", cancellationToken);

    private async Task ActAndNextAsync(Func<long, Task> act, Func<long, string> done, CancellationToken cancellationToken)
    {
        if (Busy || View is null) return;
        Busy = true;
        var number = View.Ticket.Number;
        try
        {
            await act(number);
            await FinishDraftAsync(number);
            await TakeNextAsync(cancellationToken);
            Notice = done(number);
        }
        catch (DomainException ex)
        {
            Problem = ex.Message;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Adds <see cref="NoteText"/> as an internal note on the ticket on screen.</summary>
    public async Task AddNoteAsync(CancellationToken cancellationToken)
    {
        if (Busy || View is null || string.IsNullOrWhiteSpace(NoteText)) return;
        Busy = true;
        try
        {
            await actions.AddNoteAsync(_staffId, View.Ticket.Number, NoteText, cancellationToken);
            await ReadAsync(View.Ticket.Number, cancellationToken);
            NoteText = "";
            Panel = AnswerPanel.None;
            Notice = "Note added.";
        }
        catch (DomainException ex)
        {
            Problem = ex.Message;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>The agent corrects the ticket's intent: recorded for the trainers, and the suggestions follow it.</summary>
    public async Task ChangeIntentAsync(string? intent, CancellationToken cancellationToken)
    {
        if (View is null || intent is not { Length: > 0 } || intent == View.Ticket.Intent) return;
        try
        {
            await learning.RecordIntentCorrectionAsync(View.Ticket.Number, intent, _staffId, cancellationToken);
            await ReadAsync(View.Ticket.Number, cancellationToken);
            Picked = null;
            Notice = $"Intent changed to {intent}; the trainers will see it as a correction. Suggestions follow the new intent.";
        }
        catch (DomainException ex)
        {
            Problem = ex.Message;
        }
    }

    /// <summary>
    /// Renews the claim on the ticket on screen (the page's heartbeat). Returns the ticket's number when the claim is gone,
    /// for <see cref="LoseClaim"/> on the renderer; null when it was kept or there is nothing to keep. Changes no state.
    /// </summary>
    public async Task<long?> RenewClaimAsync(CancellationToken cancellationToken)
    {
        if (View is not { } v || ClaimLost || Busy) return null;
        return await desk.KeepAsync(_staffId, v.Ticket.Number, cancellationToken) ? null : v.Ticket.Number;
    }

    /// <summary>The claim on this ticket ran out: the reply cannot go, and the page says so. False: another ticket is on screen.</summary>
    public bool LoseClaim(long number)
    {
        if (View?.Ticket.Number != number) return false;
        ClaimLost = true;
        Problem = LostClaimWords(number);
        return true;
    }

    /// <summary>Whether the ticket on screen is among these changed tickets.</summary>
    public bool Shows(IReadOnlyCollection<long> numbers) => View is { } v && numbers.Contains(v.Ticket.Number);

    /// <summary>
    /// Reads the ticket on screen again after a change was pushed (the customer wrote again, a lead took it). True when it
    /// changed and the page must render.
    /// </summary>
    public async Task<bool> RefreshAsync(IReadOnlyCollection<long> numbers, CancellationToken cancellationToken)
    {
        if (Busy || View is not { } v || !numbers.Contains(v.Ticket.Number)) return false;
        await ReadAsync(v.Ticket.Number, cancellationToken);
        if (View is not { } now || now.Ticket.Version == v.Ticket.Version) return false;
        if (now.Ticket.InboundCount > v.Ticket.InboundCount) Notice = "The customer wrote again: the new message is shown below.";
        if (!now.Ticket.IsHeldBy(_staffId, time.GetUtcNow()))
        {
            ClaimLost = true;
            Problem = LostClaimWords(now.Ticket.Number);
        }
        return true;
    }

    /// <summary>The attachments of one message of the ticket on screen.</summary>
    public IReadOnlyList<AttachmentInfo> AttachmentsOf(long messageId) =>
        View is null ? [] : View.Attachments.Where(a => a.MessageId == messageId).ToList();

    private async Task ReadAsync(long number, CancellationToken cancellationToken)
    {
        ReadAt = time.GetUtcNow();
        var previous = View?.Ticket.Number;
        View = await desk.ReadAsync(number, _staffId, cancellationToken);
        if (View is not null && previous != number) _newTicket = true;
    }

    private void ClearWork()
    {
        Text = "";
        Picked = null;
        _acknowledged.Clear();
        Problem = null;
        Notice = null;
        ClaimLost = false;
        Panel = AnswerPanel.None;
        NoteText = "";
        EscalateReason = "";
        ReturnReason = "";
    }

    private Task FinishDraftAsync(long number) => DraftFinished?.Invoke(number) ?? Task.CompletedTask;

    private static string LostClaimWords(long number) =>
        $"Not sent: you no longer hold ticket #{number}. Your claim ran out (the page lost its connection for a while, "
        + "or a lead released it), and another agent may be answering it now. Copy your text if you need it, then take the next ticket.";
}
