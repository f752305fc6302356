namespace Helpdesk.Core.Abstractions;

/// <summary>An illegal move on a domain object (e.g. replying to a closed ticket). The message says what and why.</summary>
public sealed class DomainException(string message) : Exception(message);
