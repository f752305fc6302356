using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Helpdesk.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SenderAuthenticity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ForwardedFinding",
                table: "Messages",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LookalikeHost",
                table: "Messages",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LookalikeOf",
                table: "Messages",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SenderClaimsOwnDomain",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SenderDomain",
                table: "Messages",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SenderReason",
                table: "Messages",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SenderVerdict",
                table: "Messages",
                type: "TEXT",
                maxLength: 8,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ForwardedFinding",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "LookalikeHost",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "LookalikeOf",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SenderClaimsOwnDomain",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SenderDomain",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SenderReason",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SenderVerdict",
                table: "Messages");
        }
    }
}
