using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Helpdesk.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RawMessageBodies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RawMessageBodies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RawMessageBodies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RawMessageBodies_RawMessages_Id",
                        column: x => x.Id,
                        principalTable: "RawMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The stored emails keep their bytes: copied to the new table before the column goes.
            migrationBuilder.Sql("""INSERT INTO "RawMessageBodies" ("Id", "Bytes") SELECT "Id", "Bytes" FROM "RawMessages";""");

            // SQLite's own DROP COLUMN, not EF's table rebuild: the rebuild reorders the columns and turns foreign keys off
            // outside the migration's transaction (EF warns on every new desk); dropping a plain column needs neither.
            migrationBuilder.Sql("""ALTER TABLE "RawMessages" DROP COLUMN "Bytes";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Bytes",
                table: "RawMessages",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.Sql("""UPDATE "RawMessages" SET "Bytes" = COALESCE((SELECT b."Bytes" FROM "RawMessageBodies" b WHERE b."Id" = "RawMessages"."Id"), X'');""");

            migrationBuilder.DropTable(
                name: "RawMessageBodies");
        }
    }
}
