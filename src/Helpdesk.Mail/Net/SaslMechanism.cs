using System.Text;

namespace Helpdesk.Mail.Net;

/// <summary>
/// One SASL authentication exchange (RFC 4422), shared by IMAP AUTHENTICATE and SMTP AUTH. An instance is used for
/// one exchange. Providers add OAuth by deriving from this (see <see cref="SaslXOAuth2"/>).
/// </summary>
public abstract class SaslMechanism
{
    /// <summary>The mechanism name as servers advertise it (AUTH=PLAIN, AUTH PLAIN ...).</summary>
    public abstract string Name { get; }

    /// <summary>The user the exchange authenticates, for error messages (never the secret).</summary>
    public abstract string UserName { get; }

    /// <summary>
    /// The client's first message when the mechanism speaks first (PLAIN, XOAUTH2), sent with the command when the
    /// server allows an initial response; null when the server speaks first (LOGIN).
    /// </summary>
    public virtual byte[]? InitialResponse() => null;

    /// <summary>Answers one server challenge (already base64-decoded).</summary>
    public abstract byte[] Respond(ReadOnlySpan<byte> challenge);
}

/// <summary>PLAIN (RFC 4616): authorization id (empty), user and password in one message.</summary>
public sealed class SaslPlain(string userName, string password) : SaslMechanism
{
    public override string Name => "PLAIN";

    public override string UserName => userName;

    public override byte[] InitialResponse() => Encoding.UTF8.GetBytes("\0" + userName + "\0" + password);

    // A server that did not take the initial response asks with an empty challenge.
    public override byte[] Respond(ReadOnlySpan<byte> challenge) => InitialResponse();
}

/// <summary>LOGIN (obsolete but common in SMTP): the server asks for the user name, then for the password.</summary>
public sealed class SaslLogin(string userName, string password) : SaslMechanism
{
    private int _step;

    public override string Name => "LOGIN";

    public override string UserName => userName;

    public override byte[] Respond(ReadOnlySpan<byte> challenge) =>
        Encoding.UTF8.GetBytes(_step++ == 0 ? userName : password);
}

/// <summary>
/// XOAUTH2 (Google, Microsoft): user and bearer token in one message. On failure the server sends a JSON error as a
/// challenge and expects an empty answer before it says NO.
/// </summary>
public sealed class SaslXOAuth2(string userName, string accessToken) : SaslMechanism
{
    public override string Name => "XOAUTH2";

    public override string UserName => userName;

    public override byte[] InitialResponse() =>
        Encoding.UTF8.GetBytes("user=" + userName + "\u0001auth=Bearer " + accessToken + "\u0001\u0001");

    public override byte[] Respond(ReadOnlySpan<byte> challenge) => [];
}
