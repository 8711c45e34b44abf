using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DossierAssignment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ToUserId",
                table: "DossierSteps",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeId",
                table: "Dossiers",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_UnitId_AssigneeId",
                table: "Dossiers",
                columns: new[] { "UnitId", "AssigneeId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_UnitId_AssigneeId",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "ToUserId",
                table: "DossierSteps");

            migrationBuilder.DropColumn(
                name: "AssigneeId",
                table: "Dossiers");
        }
    }
}
