namespace Helpdesk.Mail.Mime;

/// <summary>A mailbox: the display name (decoded, or null) and the address as written (no angle brackets).</summary>
public sealed record EmailAddress(string? Name, string Address)
{
    public override string ToString() => Name is null ? Address : $"{Name} <{Address}>";
}
