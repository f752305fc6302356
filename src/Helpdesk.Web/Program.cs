using Helpdesk.Core;
using Helpdesk.Core.Intake;
using Helpdesk.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddHelpdeskCore();
builder.AddHelpdeskIntake();
builder.AddHelpdeskWeb();

var app = builder.Build();
app.MapHelpdesk();
app.Run();

/// <summary>Visible to WebApplicationFactory in the browser tests.</summary>
public partial class Program;
