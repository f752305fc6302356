using System.Text;
using Helpdesk.Core;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;

namespace Helpdesk.Web.Trainer;

/// <summary>Downloads for trainers: who received a template version, as CSV for the incident team's spreadsheet.</summary>
public static class TrainerEndpoints
{
    public static IEndpointRouteBuilder MapTrainerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/trainer/templates/{id}/versions/{number:int}/recipients.csv",
                async (string id, int number, TemplateReports reports, CancellationToken cancellationToken) =>
                {
                    IReadOnlyList<TemplateRecipient> rows;
                    try
                    {
                        rows = await reports.RecipientsAsync(id, number, cancellationToken);
                    }
                    catch (DomainException e)
                    {
                        return Results.NotFound(e.Message);
                    }
                    var csv = Encoding.UTF8.GetBytes(TemplateReports.RecipientsCsv(rows));
                    return Results.File(csv, "text/csv; charset=utf-8", $"{id}.v{number}.recipients.csv");
                })
            .RequireAuthorization(Policies.Trainer);
        return app;
    }
}
