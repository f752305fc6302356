namespace Helpdesk.Mail.Imap;

/// <summary>What the server said it can do (CAPABILITY), as of the last time it said so.</summary>
public sealed class ImapCapabilities
{
    private readonly HashSet<string> _names;

    internal ImapCapabilities(IEnumerable<string> names) =>
        _names = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);

    internal static ImapCapabilities None { get; } = new([]);

    public IReadOnlyCollection<string> Names => _names;

    public bool Has(string name) => _names.Contains(name);

    public bool Idle => Has("IDLE");

    public bool Move => Has("MOVE");

    public bool UidPlus => Has("UIDPLUS");

    /// <summary>Non-synchronizing literals of any size (RFC 7888).</summary>
    public bool LiteralPlus => Has("LITERAL+");

    /// <summary>Non-synchronizing literals up to 4096 bytes (RFC 7888; Gmail).</summary>
    public bool LiteralMinus => Has("LITERAL-");

    public bool StartTls => Has("STARTTLS");

    public bool LoginDisabled => Has("LOGINDISABLED");

    /// <summary>AUTHENTICATE may carry the first client message on the command line (RFC 4959).</summary>
    public bool SaslInitialResponse => Has("SASL-IR");

    public bool SupportsAuthentication(string mechanism) => Has("AUTH=" + mechanism);

    public override string ToString() => string.Join(' ', _names);
}
