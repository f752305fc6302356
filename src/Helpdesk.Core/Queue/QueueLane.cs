namespace Helpdesk.Core.Queue;

/// <summary>Which tickets "take the next" draws from.</summary>
public enum QueueLane
{
    /// <summary>The agents' queue: every waiting ticket except those escalated to a lead.</summary>
    Agents,

    /// <summary>Tickets an agent escalated: the leads' lane, oldest and most urgent first.</summary>
    Escalated,
}
