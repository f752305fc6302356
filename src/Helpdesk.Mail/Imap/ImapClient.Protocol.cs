namespace Helpdesk.Mail.Imap;

// The command/response loop: send, read until the tagged answer, apply the server's untagged news on the way.
public sealed partial class ImapClient
{
    private delegate Task ContinuationHandler(ImapContinuation continuation, CancellationToken cancellationToken);

    private async Task<ImapStatusResponse> RunAsync(ImapCommand command, Func<ImapResponse, bool>? onUntagged,
        ContinuationHandler? onContinuation, CancellationToken cancellationToken)
    {
        using var busy = EnterCommand();
        try
        {
            return await SendAsync(command, onUntagged, cancellationToken).ConfigureAwait(false)
                ?? await ReadUntilTaggedAsync(command.Tag, onUntagged, onContinuation, cancellationToken).ConfigureAwait(false);
        }
        catch (ImapProtocolException e)
        {
            throw Break(e);
        }
        catch (OperationCanceledException)
        {
            // The answer is half read: nothing can tell where the next response starts.
            _brokenReason ??= "a command was cancelled before the server answered it";
            throw;
        }
    }

    /// <summary>Writes a command; returns the tagged answer early if the server refused a literal.</summary>
    private async Task<ImapStatusResponse?> SendAsync(ImapCommand command, Func<ImapResponse, bool>? onUntagged,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < command.Parts.Count; i++)
        {
            await WriteAsync(command.Parts[i], cancellationToken).ConfigureAwait(false);
            if (i == command.Parts.Count - 1)
            {
                break;
            }

            // A synchronizing literal: the server must say "+" before it gets the bytes.
            while (true)
            {
                var response = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
                if (response is ImapContinuation)
                {
                    break;
                }

                if (response is ImapStatusResponse { Tag: not null } tagged)
                {
                    if (tagged.Tag != command.Tag) throw UnexpectedTag(tagged);
                    ApplyResponseCode(tagged);
                    return tagged;
                }

                Dispatch(response, onUntagged);
            }
        }

        return null;
    }

    private async Task<ImapStatusResponse> ReadUntilTaggedAsync(string tag, Func<ImapResponse, bool>? onUntagged,
        ContinuationHandler? onContinuation, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
            switch (response)
            {
                case ImapStatusResponse { Tag: not null } tagged when tagged.Tag == tag:
                    ApplyResponseCode(tagged);
                    return tagged;
                case ImapStatusResponse { Tag: not null } tagged:
                    throw UnexpectedTag(tagged);
                case ImapContinuation continuation when onContinuation is not null:
                    await onContinuation(continuation, cancellationToken).ConfigureAwait(false);
                    break;
                case ImapContinuation continuation:
                    throw new ImapProtocolException("unexpected continuation request: " + continuation.Text);
                default:
                    Dispatch(response, onUntagged);
                    break;
            }
        }
    }

    private ValueTask<ImapResponse> ReadResponseAsync(CancellationToken cancellationToken) =>
        ImapResponseParser.ReadAsync(_reader!, cancellationToken);

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await _stream!.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw new ImapProtocolException("connection lost while sending: " + e.Message, e);
        }
    }

    private Task WriteLineAsync(string line, CancellationToken cancellationToken) =>
        WriteAsync(System.Text.Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken);

    private void Dispatch(ImapResponse response, Func<ImapResponse, bool>? onUntagged)
    {
        ApplyUntagged(response);
        onUntagged?.Invoke(response);
    }

    /// <summary>Keeps capabilities and the selected mailbox's state in step with what the server says.</summary>
    private void ApplyUntagged(ImapResponse response)
    {
        switch (response)
        {
            case ImapCapabilityResponse capability:
                Capabilities = new ImapCapabilities(capability.Capabilities);
                break;
            case ImapCountResponse { Name: "EXISTS" } exists when _selected is not null:
                _selected.Exists = (int)Math.Min(exists.Number, int.MaxValue);
                break;
            case ImapCountResponse { Name: "EXPUNGE" } when _selected is not null:
                _selected.Exists = Math.Max(0, _selected.Exists - 1);
                _selected.Expunged++;
                break;
            case ImapStatusResponse { Status: ImapStatus.Bye } bye when !_loggingOut:
                throw new ImapProtocolException("the server ended the session: " + bye.Text) { ServerText = bye.Text };
            case ImapStatusResponse status:
                ApplyResponseCode(status);
                break;
        }
    }

    private void ApplyResponseCode(ImapStatusResponse status)
    {
        switch (status.Code)
        {
            case "CAPABILITY" when status.CodeArgs is not null:
                Capabilities = new ImapCapabilities(status.CodeArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                break;
            case "UIDVALIDITY" when _selected is not null && TryParseNumber(status.CodeArgs, out var validity):
                _selected.UidValidityChanged |= _selected.UidValidity != 0 && _selected.UidValidity != validity;
                _selected.UidValidity = validity;
                break;
            case "UIDNEXT" when _selected is not null && TryParseNumber(status.CodeArgs, out var next):
                _selected.UidNext = next;
                break;
            case "READ-ONLY" when _selected is not null:
                _selected.ReadOnly = true;
                break;
            case "READ-WRITE" when _selected is not null:
                _selected.ReadOnly = false;
                break;
            case "ALERT":
                Alert?.Invoke(this, new ImapAlertEventArgs(status.Status, status.Text));
                break;
        }
    }

    private static bool TryParseNumber(string? text, out uint value)
    {
        value = 0;
        var first = text?.Split(' ', 2)[0];
        return first is not null && uint.TryParse(first, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static ImapProtocolException UnexpectedTag(ImapStatusResponse tagged) =>
        new($"answer for unknown command tag {tagged.Tag}: {tagged.Status} {tagged.Text}");
}
