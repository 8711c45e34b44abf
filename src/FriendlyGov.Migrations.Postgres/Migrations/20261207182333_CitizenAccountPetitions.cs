using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CitizenAccountPetitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CitizenUserId",
                table: "Petitions",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_CitizenUserId",
                table: "Petitions",
                column: "CitizenUserId",
                filter: "\"CitizenUserId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_CitizenUserId",
                table: "Dossiers",
                column: "CitizenUserId",
                filter: "\"CitizenUserId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_CitizenUserId",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_CitizenUserId",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "CitizenUserId",
                table: "Petitions");
        }
    }
}
