namespace Helpdesk.Core.Staff;

/// <summary>
/// Gives back the tickets held by accounts whose end date has passed, the moment an admin sets such a date. The queue
/// does it (Queue/TicketQueue.cs); Staff names only this, so the queue may know staff and not the other way round.
/// </summary>
public interface IEndedAccountClaims
{
    /// <summary>The tickets released and the accounts that held them; idempotent.</summary>
    Task<IReadOnlyList<(long Ticket, long StaffId)>> ReleaseEndedAccountsAsync(CancellationToken cancellationToken = default);
}
