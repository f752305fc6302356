using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Helpdesk.Data.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false)
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

            migrationBuilder.DropColumn(
                name: "Bytes",
                table: "RawMessages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Bytes",
                table: "RawMessages",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.Sql("""UPDATE "RawMessages" SET "Bytes" = COALESCE((SELECT b."Bytes" FROM "RawMessageBodies" b WHERE b."Id" = "RawMessages"."Id"), ''::bytea);""");

            migrationBuilder.DropTable(
                name: "RawMessageBodies");
        }
    }
}
