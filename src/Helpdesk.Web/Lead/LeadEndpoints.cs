using System.Text;
using Helpdesk.Core.Reporting;

namespace Helpdesk.Web.Lead;

/// <summary>CSV downloads for leads: the figures as the dashboard shows them, and the tickets behind any figure.</summary>
public static class LeadEndpoints
{
    /// <summary>A spreadsheet is the usual destination; more rows than this is a database export, not a lead's job.</summary>
    public const int MaxTicketRows = 200_000;

    public static void MapLeadEndpoints(this WebApplication app)
    {
        var lead = app.MapGroup("/lead/export").RequireAuthorization(Policies.Lead);
        lead.MapGet("/figures.csv", async (DeskFigures figures, TimeProvider time, CancellationToken ct) =>
        {
            var snapshot = await figures.ReadAsync(ct);
            return Csv(FigureCsv.Figures(snapshot), $"desk-figures-{time.GetUtcNow():yyyyMMdd-HHmm}.csv");
        });
        lead.MapGet("/tickets.csv", async (HttpRequest request, LeadTickets tickets, TimeProvider time, CancellationToken ct) =>
        {
            var filter = LeadTicketFilter.Parse(k => request.Query.TryGetValue(k, out var v) ? v.ToString() : null);
            var (rows, _) = await tickets.ListAsync(filter, 0, MaxTicketRows, ct);
            return Csv(FigureCsv.Tickets(rows), $"desk-tickets-{time.GetUtcNow():yyyyMMdd-HHmm}.csv");
        });
    }

    private static IResult Csv(string text, string fileName) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8", fileName);
}
