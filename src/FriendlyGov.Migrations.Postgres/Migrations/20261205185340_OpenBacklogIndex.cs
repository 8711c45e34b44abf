using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OpenBacklogIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Petitions_Open_UnitId_AssigneeId",
                table: "Petitions",
                columns: new[] { "UnitId", "AssigneeId" },
                filter: "\"Status\" IN (1, 2, 3, 4, 9)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_Open_UnitId_AssigneeId",
                table: "Petitions");
        }
    }
}
