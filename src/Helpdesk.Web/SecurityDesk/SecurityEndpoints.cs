using System.Text;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Security;

namespace Helpdesk.Web.SecurityDesk;

/// <summary>
/// Takedown exports (every reported domain, sender and link host with counts, CSV or JSON) and the raw forwarded
/// mail behind one report, for the Security role, Leads and Admins.
/// </summary>
public static class SecurityEndpoints
{
    public static void MapSecurityEndpoints(this WebApplication app)
    {
        var security = app.MapGroup("/security").RequireAuthorization(Policies.Security);
        security.MapGet("/export/indicators.csv", async (SecurityFigures figures, TimeProvider time, CancellationToken ct) =>
        {
            var text = TakedownExport.Csv(await figures.AllCountsAsync(ct));
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8",
                $"phishing-indicators-{time.GetUtcNow():yyyyMMdd-HHmm}.csv");
        });
        security.MapGet("/export/indicators.json", async (SecurityFigures figures, TimeProvider time, CancellationToken ct) =>
        {
            var text = TakedownExport.Json(await figures.AllCountsAsync(ct), time.GetUtcNow());
            return Results.File(Encoding.UTF8.GetBytes(text), "application/json; charset=utf-8", $"phishing-indicators-{time.GetUtcNow():yyyyMMdd-HHmm}.json");
        });
        // The customer's mail as received, as a download: never rendered in the console (it carries the attacker's HTML).
        security.MapGet("/reports/{id:long}/source", async (long id, StoredEmails emails, CancellationToken ct) =>
            await emails.OfPhishingReportAsync(id, ct) is { } bytes
                ? Results.File(bytes, "message/rfc822", $"report-{id}.eml")
                : Results.NotFound());
    }
}
