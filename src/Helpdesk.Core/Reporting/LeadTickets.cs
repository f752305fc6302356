using System.Globalization;
using Helpdesk.Core.Data;
using Helpdesk.Core.Data.Sql;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Reporting;

/// <summary>
/// The tickets behind a dashboard figure. Every figure links to one of these filters; the query string of
/// /lead/tickets is exactly <see cref="ToQueryString"/> so links, the list and its CSV export agree.
/// </summary>
public sealed record LeadTicketFilter
{
    /// <summary>Only tickets in the queue (New or Open).</summary>
    public bool Waiting { get; init; }

    /// <summary>Intent id; "none" means no intent yet.</summary>
    public string? Intent { get; init; }

    public AgeBand? Age { get; init; }

    /// <summary>Arrived in the hour starting here (UTC).</summary>
    public DateTimeOffset? ArrivedHour { get; init; }

    /// <summary>First answered in the hour starting here (UTC).</summary>
    public DateTimeOffset? AnsweredHour { get; init; }

    /// <summary>First answered at or after this time, and took at least <see cref="MinResponseMinutes"/>.</summary>
    public DateTimeOffset? AnsweredSince { get; init; }

    public int? MinResponseMinutes { get; init; }

    public bool NeedsTriage { get; init; }

    public bool IntentChanged { get; init; }

    /// <summary>Waiting in the leads' lane: escalated by an agent, not answered yet.</summary>
    public bool Escalated { get; init; }

    /// <summary>Held (live claim) by this staff member.</summary>
    public long? HeldBy { get; init; }

    /// <summary>Every live claim: what leads release when an agent has walked away.</summary>
    public bool Held { get; init; }

    public OutboxState? Outbox { get; init; }

    public string Describe()
    {
        var parts = new List<string>();
        if (Waiting) parts.Add("waiting");
        if (Intent is not null) parts.Add(Intent == "none" ? "no intent yet" : $"intent {Intent}");
        if (Age is { } a) parts.Add($"waiting {AgeBands.Label(a)}");
        if (ArrivedHour is { } h) parts.Add($"arrived {h:yyyy-MM-dd HH}:00–{h.AddHours(1):HH}:00 UTC");
        if (AnsweredHour is { } ah) parts.Add($"first answered {ah:yyyy-MM-dd HH}:00–{ah.AddHours(1):HH}:00 UTC");
        if (AnsweredSince is { } s) parts.Add($"answered since {s:yyyy-MM-dd HH:mm} UTC");
        if (MinResponseMinutes is { } m) parts.Add($"first answer took {m} min or more");
        if (NeedsTriage) parts.Add("needs triage");
        if (IntentChanged) parts.Add("intent changed by an agent");
        if (Escalated) parts.Add("escalated to a lead");
        if (HeldBy is { } by) parts.Add($"held by staff {by}");
        if (Held) parts.Add("held by an agent");
        if (Outbox is { } o) parts.Add($"reply {o.ToString().ToLowerInvariant()} in the outbox");
        return parts.Count == 0 ? "all tickets" : string.Join(", ", parts);
    }

    public string ToQueryString()
    {
        var q = new List<string>();
        void Add(string k, string? v) { if (v is not null) q.Add($"{k}={Uri.EscapeDataString(v)}"); }
        if (Waiting) Add("waiting", "1");
        Add("intent", Intent);
        Add("age", Age?.ToString());
        Add("arrived", ArrivedHour?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        Add("answered", AnsweredHour?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        Add("answeredSince", AnsweredSince?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        Add("minResponse", MinResponseMinutes?.ToString(CultureInfo.InvariantCulture));
        if (NeedsTriage) Add("triage", "1");
        if (IntentChanged) Add("changed", "1");
        if (Escalated) Add("escalated", "1");
        Add("heldBy", HeldBy?.ToString(CultureInfo.InvariantCulture));
        if (Held) Add("held", "1");
        Add("outbox", Outbox?.ToString());
        return string.Join('&', q);
    }

    /// <summary>Reads the query string of /lead/tickets; unknown or malformed values are ignored, not fatal.</summary>
    public static LeadTicketFilter Parse(Func<string, string?> get)
    {
        static DateTimeOffset? Seconds(string? v) =>
            long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
        static long? Long(string? v) => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new LeadTicketFilter
        {
            Waiting = get("waiting") == "1",
            Intent = string.IsNullOrWhiteSpace(get("intent")) ? null : get("intent"),
            Age = Enum.TryParse<AgeBand>(get("age"), out var age) && Enum.IsDefined(age) ? age : null,
            ArrivedHour = Seconds(get("arrived")),
            AnsweredHour = Seconds(get("answered")),
            AnsweredSince = Seconds(get("answeredSince")),
            MinResponseMinutes = Long(get("minResponse")) is { } m ? (int)Math.Clamp(m, 0, int.MaxValue) : null,
            NeedsTriage = get("triage") == "1",
            IntentChanged = get("changed") == "1",
            Escalated = get("escalated") == "1",
            HeldBy = Long(get("heldBy")),
            Held = get("held") == "1",
            Outbox = Enum.TryParse<OutboxState>(get("outbox"), out var o) && Enum.IsDefined(o) ? o : null,
        };
    }
}

public sealed record LeadTicketRow(long Number, string Subject, string CustomerAddress, TicketStatus Status, TicketPriority Priority,
    string? Intent, bool NeedsTriage, bool IntentChangedByAgent, DateTimeOffset ReceivedAt, DateTimeOffset WaitingSince,
    DateTimeOffset? FirstResponseAt, long? ClaimedBy, string? ClaimedByName, DateTimeOffset? ClaimExpiresAt);

/// <summary>Lists the tickets behind a figure, for the drill-down page and its CSV export.</summary>
public sealed class LeadTickets(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time)
{
    public async Task<(IReadOnlyList<LeadTicketRow> Rows, int Total)> ListAsync(LeadTicketFilter filter, int skip = 0, int take = 50,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var tickets = Apply(db, filter, now);
        var total = await tickets.CountAsync(cancellationToken).ConfigureAwait(false);
        var ordered = filter.Waiting || filter.Age is not null || filter.Escalated
            ? tickets.OrderBy(t => t.WaitingSince).ThenBy(t => t.Number)
            : tickets.OrderByDescending(t => t.Number);
        var rows = await ordered.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 100_000))
            .Select(t => new LeadTicketRow(t.Number, t.Subject, t.Customer!.Address, t.Status, t.Priority, t.Intent, t.NeedsTriage,
                t.IntentChangedByAgent, t.ReceivedAt, t.WaitingSince, t.FirstResponseAt,
                t.ClaimExpiresAt > now ? t.ClaimedBy : null,
                t.ClaimExpiresAt > now ? db.Staff.Where(s => s.Id == t.ClaimedBy).Select(s => s.DisplayName).FirstOrDefault() : null,
                t.ClaimExpiresAt > now ? t.ClaimExpiresAt : null))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (rows, total);
    }

    /// <summary>Who a lead can hand a ticket to: enabled staff with the Agent role, by name.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> AssignableAgentsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var staff = await db.Staff.AsNoTracking().Where(s => !s.IsDisabled && (s.Roles & Staff.StaffRoles.Agent) != 0)
            .OrderBy(s => s.DisplayName).Select(s => new { s.Id, s.DisplayName }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return staff.Select(s => (s.Id, s.DisplayName)).ToList();
    }

    private static readonly TicketStatus[] AllStatuses = Enum.GetValues<TicketStatus>();

    /// <summary>
    /// The tickets the filters that need raw SQL start from, in one statement through <see cref="ProviderSql"/>: SQLite's
    /// planner reaches for the (Status, ReceivedAt) index whenever Status is filtered, which sorts the whole queue for
    /// "oldest first" (a second at a million tickets), so the index that fits is named (PostgreSQL's planner picks it by
    /// itself); and how long a first response took is a subtraction of two stored times, which EF cannot write for
    /// SQLite's millisecond times. The LINQ filters after it repeat the index's condition, so the result is the same with
    /// or without the hint.
    /// </summary>
    private static IQueryable<Ticket> Base(HelpdeskDbContext db, LeadTicketFilter f)
    {
        var sql = ProviderSql.For(db);
        string? index = f.Escalated ? "IX_Tickets_Escalated"
            : f.Waiting || f.Age is not null ? "IX_Tickets_Waiting"
            : f.Held || f.HeldBy is not null ? "IX_Tickets_ClaimedBy"
            : null;
        var where = new List<string>();
        if (f.Escalated) where.Add("\"Escalated\" AND \"Status\" IN (0, 1)");
        else if (index == "IX_Tickets_Waiting") where.Add("\"Status\" IN (0, 1)");
        else if (index == "IX_Tickets_ClaimedBy") where.Add("\"ClaimedBy\" IS NOT NULL");
        if (f.MinResponseMinutes is not null) where.Add(ProviderSql.ResponseTookAtLeast);
        if (where.Count == 0) return db.Tickets;
        var statement = sql.TicketsWhere(index, string.Join(" AND ", where));
        return f.MinResponseMinutes is { } minutes
            ? db.Tickets.FromSqlRaw(statement, sql.Duration(TimeSpan.FromMinutes(minutes)))
            : db.Tickets.FromSqlRaw(statement);
    }

    private static IQueryable<Ticket> Apply(HelpdeskDbContext db, LeadTicketFilter f, DateTimeOffset now)
    {
        var q = Base(db, f).AsNoTracking();
        if (f.Waiting || f.Age is not null) q = q.Where(t => t.Status == TicketStatus.New || t.Status == TicketStatus.Open);
        if (f.Intent == "none") q = q.Where(t => t.Intent == null);
        else if (f.Intent is { } intent) q = q.Where(t => t.Intent == intent);
        if (f.Age is { } band)
        {
            // Same boundaries as the figure: waiting at least From, less than To.
            var newest = now - AgeBands.From(band);
            q = q.Where(t => t.WaitingSince <= newest);
            if (AgeBands.To(band) is { } to)
            {
                var oldest = now - to;
                q = q.Where(t => t.WaitingSince > oldest);
            }
        }
        if (f.ArrivedHour is { } ah)
        {
            var end = ah.AddHours(1);
            // Every status named, so the (Status, ReceivedAt) index serves the range instead of a scan.
            q = q.Where(t => AllStatuses.Contains(t.Status) && t.ReceivedAt >= ah && t.ReceivedAt < end);
        }
        if (f.AnsweredHour is { } fh)
        {
            var end = fh.AddHours(1);
            q = q.Where(t => t.FirstResponseAt >= fh && t.FirstResponseAt < end);
        }
        if (f.AnsweredSince is { } since) q = q.Where(t => t.FirstResponseAt >= since);
        // The response time itself is in Base's statement.
        if (f.MinResponseMinutes is not null) q = q.Where(t => t.FirstResponseAt != null);
        if (f.NeedsTriage) q = q.Where(t => t.NeedsTriage);
        if (f.IntentChanged) q = q.Where(t => t.IntentChangedByAgent);
        if (f.Escalated) q = q.Where(t => t.Escalated && (t.Status == TicketStatus.New || t.Status == TicketStatus.Open));
        if (f.HeldBy is { } by) q = q.Where(t => t.ClaimedBy == by && t.ClaimExpiresAt > now);
        if (f.Held) q = q.Where(t => t.ClaimedBy != null && t.ClaimExpiresAt > now);
        if (f.Outbox is { } state) q = q.Where(t => db.Outbox.Any(o => o.TicketNumber == t.Number && o.State == state));
        return q;
    }
}
