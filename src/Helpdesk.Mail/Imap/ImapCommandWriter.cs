using System.Buffers;
using System.Globalization;
using System.Text;

namespace Helpdesk.Mail.Imap;

/// <summary>
/// One command ready to send. <see cref="Parts"/> has more than one element only when a synchronizing literal
/// forces the client to wait for the server's "+" between them.
/// </summary>
internal sealed class ImapCommand(string tag, string name, IReadOnlyList<ReadOnlyMemory<byte>> parts)
{
    public string Tag { get; } = tag;

    /// <summary>The command word(s) for error messages; never the arguments (a LOGIN carries a password).</summary>
    public string Name { get; } = name;

    public IReadOnlyList<ReadOnlyMemory<byte>> Parts { get; } = parts;
}

/// <summary>Builds a command's bytes: atoms as given, strings quoted or sent as literals as the server allows.</summary>
internal sealed class ImapCommandBuilder
{
    private const int LiteralMinusLimit = 4096;
    private readonly ArrayBufferWriter<byte> _current = new(128);
    private readonly List<ReadOnlyMemory<byte>> _parts = [];
    private readonly ImapCapabilities _capabilities;
    private readonly string _tag;
    private readonly string _name;

    public ImapCommandBuilder(string tag, string name, ImapCapabilities capabilities)
    {
        _tag = tag;
        _name = name;
        _capabilities = capabilities;
        Ascii(tag).Ascii(" ").Ascii(name);
    }

    /// <summary>Appends text the caller built from safe parts (atoms, numbers, UID sets, fetch items).</summary>
    public ImapCommandBuilder Ascii(string text)
    {
        var span = _current.GetSpan(text.Length);
        var n = Encoding.ASCII.GetBytes(text, span);
        _current.Advance(n);
        return this;
    }

    public ImapCommandBuilder Space() => Ascii(" ");

    public ImapCommandBuilder Number(ulong value) => Ascii(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Appends an astring: a quoted string, or a literal when the value holds line ends or 8-bit text.</summary>
    public ImapCommandBuilder String(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("IMAP strings cannot contain NUL.", nameof(value));
        }

        var needsLiteral = false;
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or > '~')
            {
                needsLiteral = true;
                break;
            }
        }

        if (!needsLiteral)
        {
            var quoted = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                quoted.Append(c is '"' or '\\' ? "\\" + c : c);
            }

            return Ascii(quoted.Append('"').ToString());
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var nonSynchronizing = _capabilities.LiteralPlus || (_capabilities.LiteralMinus && bytes.Length <= LiteralMinusLimit);
        Ascii("{").Number((ulong)bytes.Length).Ascii(nonSynchronizing ? "+}\r\n" : "}\r\n");
        if (!nonSynchronizing)
        {
            _parts.Add(_current.WrittenMemory.ToArray());
            _current.Clear();
        }

        _current.Write(bytes);
        return this;
    }

    /// <summary>Appends a mailbox name, encoded in modified UTF-7 when it is not plain ASCII.</summary>
    public ImapCommandBuilder Mailbox(string name) => String(ImapMailboxName.Encode(name));

    public ImapCommand Build()
    {
        Ascii("\r\n");
        _parts.Add(_current.WrittenMemory.ToArray());
        return new ImapCommand(_tag, _name, _parts);
    }
}
