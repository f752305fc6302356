namespace Helpdesk.Drill.Mail;

/// <summary>What a drill mail is, as the checks and the report count it.</summary>
public enum DrillMailKind
{
    /// <summary>A customer's first mail: a question of some intent, in some language.</summary>
    Question,

    /// <summary>The same customer writing again on their thread.</summary>
    FollowUp,

    /// <summary>A customer forwarding a phishing mail they received, asking whether it is ours.</summary>
    ForwardedPhishing,

    /// <summary>An out-of-office or other automatic reply from a customer's mailbox (machine mail: no work).</summary>
    AutoReply,
}

/// <summary>A customer of the drill; undeliverable ones have an address the mail server refuses, so our mail bounces.</summary>
public sealed record DrillCustomer(int Index, string Address, string Name, string Language, int Zone, bool Deliverable);

/// <summary>One mail a customer writes, when (simulated time after the notice) and its exact bytes.</summary>
public sealed record DrillMail(string MessageId, DrillMailKind Kind, DrillCustomer Customer, string Intent, TimeSpan At, bool QuotesNotice, byte[] Bytes)
{
    public bool IsMachine => Kind == DrillMailKind.AutoReply;
}
