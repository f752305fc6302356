using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Helpdesk.Data.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The rollup trigger on Tickets runs at commit instead of at each row change. Every ticket written adds to the same
    /// row, the hour's line of DeskHourlyFlow (and DeskBacklog per intent and hour); run at each change, that row stayed
    /// locked from intake's first ticket to the end of its batch, and every agent's send of the hour waited behind it
    /// (the breach-week drill on PostgreSQL: intake at 13 mails/s with 300 agents answering, 65/s with 60). A deferred
    /// constraint trigger sees the same OLD and NEW rows and adds the same amounts, only at the end of the transaction,
    /// so the row is held while the transaction commits. Same function, same name (SurgeCopy disables it by name).
    /// </summary>
    public partial class RollupTriggersAtCommit : Migration
    {
        private const string Columns = "\"Status\", \"Intent\", \"WaitingSince\", \"NeedsTriage\", \"IntentChangedByAgent\", \"FirstResponseAt\"";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DROP TRIGGER IF EXISTS "TR_Tickets_Figures" ON "Tickets";
                CREATE CONSTRAINT TRIGGER "TR_Tickets_Figures" AFTER INSERT OR DELETE OR UPDATE OF {Columns} ON "Tickets"
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION desk_tickets_figures();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DROP TRIGGER IF EXISTS "TR_Tickets_Figures" ON "Tickets";
                CREATE TRIGGER "TR_Tickets_Figures" AFTER INSERT OR DELETE OR UPDATE OF {Columns} ON "Tickets"
                    FOR EACH ROW EXECUTE FUNCTION desk_tickets_figures();
                """);
        }
    }
}
