using System.Globalization;
using System.Text;

namespace Helpdesk.Mail.Imap;

internal abstract record ImapResponse;

/// <summary>"+ text": the server waits for a literal, an AUTHENTICATE answer or confirms IDLE.</summary>
internal sealed record ImapContinuation(string Text) : ImapResponse;

/// <summary>OK/NO/BAD/BYE/PREAUTH, tagged (Tag set) or untagged, with its optional [CODE args].</summary>
internal sealed record ImapStatusResponse(string? Tag, ImapStatus Status, string? Code, string? CodeArgs, string Text)
    : ImapResponse
{
    public string? CodeWithArgs => Code is null ? null : CodeArgs is null ? Code : Code + " " + CodeArgs;
}

/// <summary>"* n EXISTS", "* n EXPUNGE", "* n RECENT".</summary>
internal sealed record ImapCountResponse(string Name, uint Number) : ImapResponse;

internal sealed record ImapCapabilityResponse(IReadOnlyList<string> Capabilities) : ImapResponse;

internal sealed record ImapSearchResponse(IReadOnlyList<uint> Uids) : ImapResponse;

/// <summary>"* n FETCH (...)": only the items this client asks for are kept.</summary>
internal sealed record ImapFetchResponse(uint Sequence, uint? Uid, long? Size, IReadOnlyList<string>? Flags,
    DateTimeOffset? InternalDate, byte[]? Body, bool HasBody) : ImapResponse;

/// <summary>Any other untagged response (LIST, FLAGS, ENABLED...), already skipped to its end.</summary>
internal sealed record ImapOtherResponse(string Name) : ImapResponse;

/// <summary>Turns tokens into responses. Stateless: the client decides what each response means for it.</summary>
internal static class ImapResponseParser
{
    public static async ValueTask<ImapResponse> ReadAsync(ImapTokenReader reader, CancellationToken cancellationToken)
    {
        var first = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (first != ImapTokenKind.Atom)
        {
            throw new ImapProtocolException($"response starts with {first}, not a tag");
        }

        if (reader.IsAtom("+"u8))
        {
            return new ImapContinuation(await reader.ReadTextToEndOfLineAsync(cancellationToken).ConfigureAwait(false));
        }

        if (!reader.IsAtom("*"u8))
        {
            var tag = reader.TokenText;
            await ExpectAtomAsync(reader, cancellationToken).ConfigureAwait(false);
            var status = ParseStatus(reader) ?? throw new ImapProtocolException($"tagged response '{tag} {reader.TokenText}'");
            return await ReadStatusRestAsync(reader, tag, status, cancellationToken).ConfigureAwait(false);
        }

        await ExpectAtomAsync(reader, cancellationToken).ConfigureAwait(false);
        if (reader.TryGetNumber(out var number))
        {
            await ExpectAtomAsync(reader, cancellationToken).ConfigureAwait(false);
            if (reader.IsAtom("FETCH"u8))
            {
                return await ReadFetchAsync(reader, (uint)number, cancellationToken).ConfigureAwait(false);
            }

            var name = reader.TokenText.ToUpperInvariant();
            await SkipToEndOfLineAsync(reader, cancellationToken).ConfigureAwait(false);
            return new ImapCountResponse(name, (uint)number);
        }

        if (ParseStatus(reader) is { } untagged)
        {
            return await ReadStatusRestAsync(reader, null, untagged, cancellationToken).ConfigureAwait(false);
        }

        if (reader.IsAtom("CAPABILITY"u8))
        {
            var capabilities = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) == ImapTokenKind.Atom)
            {
                capabilities.Add(reader.TokenText);
            }

            await SkipToEndOfLineAsync(reader, cancellationToken).ConfigureAwait(false);
            return new ImapCapabilityResponse(capabilities);
        }

        if (reader.IsAtom("SEARCH"u8))
        {
            var uids = new List<uint>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) == ImapTokenKind.Atom)
            {
                if (reader.TryGetNumber(out var uid))
                {
                    uids.Add((uint)uid);
                }
            }

            // CONDSTORE servers may end the list with "(MODSEQ n)".
            await SkipToEndOfLineAsync(reader, cancellationToken).ConfigureAwait(false);
            return new ImapSearchResponse(uids);
        }

        var other = reader.TokenText.ToUpperInvariant();
        await SkipToEndOfLineAsync(reader, cancellationToken).ConfigureAwait(false);
        return new ImapOtherResponse(other);
    }

    private static async ValueTask ExpectAtomAsync(ImapTokenReader reader, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) != ImapTokenKind.Atom)
        {
            throw new ImapProtocolException($"expected a word in the response, got {reader.Kind}");
        }
    }

    private static ImapStatus? ParseStatus(ImapTokenReader reader) =>
        reader.IsAtom("OK"u8) ? ImapStatus.Ok
        : reader.IsAtom("NO"u8) ? ImapStatus.No
        : reader.IsAtom("BAD"u8) ? ImapStatus.Bad
        : reader.IsAtom("BYE"u8) ? ImapStatus.Bye
        : reader.IsAtom("PREAUTH"u8) ? ImapStatus.PreAuth
        : null;

    private static async ValueTask<ImapStatusResponse> ReadStatusRestAsync(ImapTokenReader reader, string? tag,
        ImapStatus status, CancellationToken cancellationToken)
    {
        string? code = null;
        string? args = null;
        if (reader.Kind != ImapTokenKind.EndOfLine && await reader.PeekIsAsync((byte)'[', cancellationToken).ConfigureAwait(false))
        {
            var content = await reader.ReadResponseCodeAsync(cancellationToken).ConfigureAwait(false);
            var space = content.IndexOf(' ', StringComparison.Ordinal);
            code = (space < 0 ? content : content[..space]).ToUpperInvariant();
            args = space < 0 ? null : content[(space + 1)..];
        }

        var text = await reader.ReadTextToEndOfLineAsync(cancellationToken).ConfigureAwait(false);
        return new ImapStatusResponse(tag, status, code, args, text);
    }

    private static async ValueTask<ImapFetchResponse> ReadFetchAsync(ImapTokenReader reader, uint sequence,
        CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) != ImapTokenKind.OpenParen)
        {
            throw new ImapProtocolException("FETCH response without '('");
        }

        uint? uid = null;
        long? size = null;
        List<string>? flags = null;
        DateTimeOffset? date = null;
        byte[]? body = null;
        var hasBody = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) != ImapTokenKind.CloseParen)
        {
            if (reader.Kind != ImapTokenKind.Atom)
            {
                throw new ImapProtocolException($"FETCH item name expected, got {reader.Kind}");
            }

            if (reader.IsAtom("UID"u8))
            {
                uid = (uint)await ReadNumberAsync(reader, "UID", cancellationToken).ConfigureAwait(false);
            }
            else if (reader.IsAtom("RFC822.SIZE"u8))
            {
                size = (long)await ReadNumberAsync(reader, "RFC822.SIZE", cancellationToken).ConfigureAwait(false);
            }
            else if (reader.IsAtom("FLAGS"u8))
            {
                flags = await ReadFlagListAsync(reader, cancellationToken).ConfigureAwait(false);
            }
            else if (reader.IsAtom("INTERNALDATE"u8))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                date = reader.Kind == ImapTokenKind.Quoted ? ParseInternalDate(reader.Token) : null;
            }
            else if (reader.IsAtom("BODY"u8) || reader.IsAtom("RFC822"u8) || reader.IsAtom("BINARY"u8))
            {
                var whole = await ReadSectionAsync(reader, cancellationToken).ConfigureAwait(false);
                var value = await ReadBodyValueAsync(reader, cancellationToken).ConfigureAwait(false);
                if (whole)
                {
                    body = value;
                    hasBody = true;
                }
            }
            else
            {
                // X-GM-MSGID, MODSEQ, ENVELOPE...: not asked for by this client, or harmless: skip the value.
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                await SkipValueAsync(reader, cancellationToken).ConfigureAwait(false);
            }
        }

        await SkipToEndOfLineAsync(reader, cancellationToken).ConfigureAwait(false);
        return new ImapFetchResponse(sequence, uid, size, flags, date, body, hasBody);
    }

    /// <summary>Reads "[section]&lt;origin&gt;" after BODY; true when it names the whole message ("BODY[]").</summary>
    private static async ValueTask<bool> ReadSectionAsync(ImapTokenReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.PeekIsAsync((byte)'[', cancellationToken).ConfigureAwait(false))
        {
            return true; // RFC822 / BODY without a section (BODY alone is a structure; never requested here)
        }

        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var empty = true;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) != ImapTokenKind.CloseBracket)
        {
            empty = false;
            await SkipValueAsync(reader, cancellationToken).ConfigureAwait(false);
        }

        if (await reader.PeekIsAsync((byte)'<', cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false); // "<0>" partial origin: not a whole body
            return false;
        }

        return empty;
    }

    private static async ValueTask<byte[]?> ReadBodyValueAsync(ImapTokenReader reader, CancellationToken cancellationToken)
    {
        switch (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            case ImapTokenKind.Literal:
                return await reader.ReadLiteralAsync(cancellationToken).ConfigureAwait(false);
            case ImapTokenKind.Quoted:
                return reader.Token.ToArray();
            case ImapTokenKind.Atom when reader.IsNil:
                return null;
            default:
                throw new ImapProtocolException($"FETCH body value is {reader.Kind}");
        }
    }

    private static async ValueTask<ulong> ReadNumberAsync(ImapTokenReader reader, string item, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.TryGetNumber(out var value) ? value : throw new ImapProtocolException($"{item} is not a number");
    }

    private static async ValueTask<List<string>> ReadFlagListAsync(ImapTokenReader reader, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) != ImapTokenKind.OpenParen)
        {
            throw new ImapProtocolException("FLAGS without '('");
        }

        var flags = new List<string>(2);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) == ImapTokenKind.Atom)
        {
            flags.Add(CommonFlag(reader.Token) ?? reader.TokenText);
        }

        return reader.Kind == ImapTokenKind.CloseParen ? flags : throw new ImapProtocolException("FLAGS list not closed");
    }

    // The system flags come back on every message: share one string each instead of allocating per message.
    private static string? CommonFlag(ReadOnlySpan<byte> flag) =>
        Ascii.EqualsIgnoreCase(flag, "\\Seen"u8) ? ImapFlags.Seen
        : Ascii.EqualsIgnoreCase(flag, "\\Recent"u8) ? ImapFlags.Recent
        : Ascii.EqualsIgnoreCase(flag, "\\Flagged"u8) ? ImapFlags.Flagged
        : Ascii.EqualsIgnoreCase(flag, "\\Answered"u8) ? ImapFlags.Answered
        : Ascii.EqualsIgnoreCase(flag, "\\Deleted"u8) ? ImapFlags.Deleted
        : Ascii.EqualsIgnoreCase(flag, "\\Draft"u8) ? ImapFlags.Draft
        : null;

    /// <summary>Skips the value whose first token is current (atoms, strings, literals, nested lists).</summary>
    public static async ValueTask SkipValueAsync(ImapTokenReader reader, CancellationToken cancellationToken)
    {
        var depth = 0;
        while (true)
        {
            switch (reader.Kind)
            {
                case ImapTokenKind.Literal:
                    await reader.SkipLiteralAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case ImapTokenKind.OpenParen or ImapTokenKind.OpenBracket:
                    depth++;
                    break;
                case ImapTokenKind.CloseParen or ImapTokenKind.CloseBracket:
                    depth--;
                    break;
                case ImapTokenKind.EndOfLine:
                    throw new ImapProtocolException("line ended inside a value");
            }

            if (depth <= 0)
            {
                return;
            }

            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async ValueTask SkipToEndOfLineAsync(ImapTokenReader reader, CancellationToken cancellationToken)
    {
        while (reader.Kind != ImapTokenKind.EndOfLine)
        {
            if (reader.Kind == ImapTokenKind.Literal)
            {
                await reader.SkipLiteralAsync(cancellationToken).ConfigureAwait(false);
            }

            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Parses "17-Jul-1996 02:44:25 -0700" (day may be space-padded); null when malformed.</summary>
    internal static DateTimeOffset? ParseInternalDate(ReadOnlySpan<byte> value)
    {
        Span<char> chars = stackalloc char[value.Length];
        if (Encoding.ASCII.GetChars(value, chars) != value.Length)
        {
            return null;
        }

        ReadOnlySpan<char> text = chars.Trim();
        var dash1 = text.IndexOf('-');
        if (dash1 < 1 || text.Length < dash1 + 25 - 2)
        {
            return null;
        }

        var month = 0;
        for (var i = 0; i < Months.Length && month == 0; i++)
        {
            month = text.Slice(dash1 + 1, 3).Equals(Months[i], StringComparison.OrdinalIgnoreCase) ? i + 1 : 0;
        }

        var rest = text[(dash1 + 5)..]; // "1996 02:44:25 -0700"
        if (month == 0 || rest.Length != 19
            || !int.TryParse(text[..dash1], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(rest[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !TimeOnly.TryParseExact(rest.Slice(5, 8), "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            || !int.TryParse(rest.Slice(15, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var zone)
            || rest[14] is not ('+' or '-'))
        {
            return null;
        }

        var offset = new TimeSpan(zone / 100, zone % 100, 0) * (rest[14] == '-' ? -1 : 1);
        try
        {
            return new DateTimeOffset(new DateOnly(year, month, day).ToDateTime(time), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
