using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Helpdesk.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PhishingReportsAndIncidentMode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IncidentSwitch",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    IsOn = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentSwitch", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PhishingReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReporterAddress = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    TicketNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    RawMessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    SenderAddress = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    SenderDomain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LinkHosts = table.Column<string>(type: "TEXT", nullable: false),
                    Attachments = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhishingReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportedIndicators",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    SeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportedIndicators", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SecurityAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    WindowStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Reports = table.Column<int>(type: "INTEGER", nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityAlerts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PhishingReports_ReportedAt",
                table: "PhishingReports",
                column: "ReportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PhishingReports_TicketNumber",
                table: "PhishingReports",
                column: "TicketNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ReportedIndicators_Kind_Value_SeenAt_CustomerId",
                table: "ReportedIndicators",
                columns: new[] { "Kind", "Value", "SeenAt", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportedIndicators_ReportId",
                table: "ReportedIndicators",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityAlerts_DeliveredAt",
                table: "SecurityAlerts",
                column: "DeliveredAt");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityAlerts_Domain_WindowStart",
                table: "SecurityAlerts",
                columns: new[] { "Domain", "WindowStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentSwitch");

            migrationBuilder.DropTable(
                name: "PhishingReports");

            migrationBuilder.DropTable(
                name: "ReportedIndicators");

            migrationBuilder.DropTable(
                name: "SecurityAlerts");
        }
    }
}
