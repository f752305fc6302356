using System.Globalization;
using System.Text;

namespace Helpdesk.Core.Reporting;

/// <summary>CSV (RFC 4180, UTC ISO 8601 times) of the figures and of the tickets behind them, for leads' spreadsheets.</summary>
public static class FigureCsv
{
    public static string Tickets(IEnumerable<LeadTicketRow> rows)
    {
        var csv = new StringBuilder("number,subject,customer,status,priority,intent,needs_triage,intent_changed,received_at,waiting_since,first_response_at,held_by\r\n");
        foreach (var r in rows)
            Line(csv, r.Number, r.Subject, r.CustomerAddress, r.Status, r.Priority, r.Intent, r.NeedsTriage, r.IntentChangedByAgent,
                r.ReceivedAt, r.WaitingSince, r.FirstResponseAt, r.ClaimedByName);
        return csv.ToString();
    }

    /// <summary>One row per figure: section, name, value (a count, minutes, or a time), so one sheet holds them all.</summary>
    public static string Figures(DeskSnapshot s)
    {
        var csv = new StringBuilder("section,figure,value\r\n");
        void Row(string section, string figure, object? value) => Line(csv, section, figure, value);
        Row("desk", "now", s.Now);
        Row("desk", "incident_start", s.IncidentStart);
        Row("desk", "incident_mode_since", s.IncidentModeSince);
        foreach (var h in s.SinceStart)
        {
            Row("arrived_per_hour", Iso(h.Hour), h.Arrived);
            Row("reopened_per_hour", Iso(h.Hour), h.Reopened);
            Row("answered_per_hour", Iso(h.Hour), h.Answered);
        }
        Row("backlog", "total", s.Backlog.Total);
        foreach (var i in s.Backlog.ByIntent) Row("backlog_by_intent", i.Intent ?? "none", i.Tickets);
        foreach (var a in s.Backlog.ByAge) Row("backlog_by_age", AgeBands.Label(a.Band), a.Tickets);
        Row("oldest_waiting", "ticket", s.Oldest?.Number);
        Row("oldest_waiting", "waiting_since", s.Oldest?.WaitingSince);
        Row("first_response_last_24h", "answered", s.FirstResponseLast24Hours.Answered);
        Row("first_response_last_24h", "median_minutes", s.FirstResponseLast24Hours.Median?.TotalMinutes);
        Row("first_response_last_24h", "p90_minutes", s.FirstResponseLast24Hours.P90?.TotalMinutes);
        Row("first_response_since_start", "answered", s.FirstResponseSinceStart.Answered);
        Row("first_response_since_start", "median_minutes", s.FirstResponseSinceStart.Median?.TotalMinutes);
        Row("first_response_since_start", "p90_minutes", s.FirstResponseSinceStart.P90?.TotalMinutes);
        Row("forecast", "in_per_hour", Math.Round(s.Forecast.InPerHour, 1));
        Row("forecast", "answered_per_hour", Math.Round(s.Forecast.AnsweredPerHour, 1));
        Row("forecast", "drained_at", s.Forecast.DrainedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "not draining");
        foreach (var a in s.Agents)
        {
            Row("agent_answers_today", a.Name, a.AnswersToday);
            Row("agent_online", a.Name, a.Online ? 1 : 0);
        }
        Row("triage", "tickets", s.Triage.Tickets);
        Row("triage", "needs_triage", s.Triage.NeedsTriage);
        Row("triage", "intent_changed", s.Triage.IntentChanged);
        Row("outbox", "queued", s.Outbox.Queued);
        Row("outbox", "failed", s.Outbox.Failed);
        Row("outbox", "bounced", s.Outbox.Bounced);
        Row("intake", "pending_emails", s.Intake.PendingEmails);
        foreach (var m in s.Intake.Mailboxes) Row("intake_lag_minutes", m.Mailbox, m.Lag is { } lag ? Math.Round(lag.TotalMinutes, 1) : null);
        return csv.ToString();
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) csv.Append(',');
            var text = values[i] switch
            {
                null => "",
                DateTimeOffset t => Iso(t),
                bool b => b ? "1" : "0",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString() ?? "",
            };
            // Leading = + - @ would run as a formula in a spreadsheet: a customer's subject must stay text.
            if (text.Length > 0 && "=+-@".Contains(text[0]) && values[i] is string) text = "'" + text;
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0) text = "\"" + text.Replace("\"", "\"\"") + "\"";
            csv.Append(text);
        }
        csv.Append("\r\n");
    }
}
