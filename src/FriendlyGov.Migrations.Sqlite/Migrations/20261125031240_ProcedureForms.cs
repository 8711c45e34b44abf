using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProcedureForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProcedureForms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcedureId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcedureForms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProcedureForms_Procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "Procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureForms_ProcedureId",
                table: "ProcedureForms",
                column: "ProcedureId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureForms_UnitId",
                table: "ProcedureForms",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureForms_UnitId_ProcedureId",
                table: "ProcedureForms",
                columns: new[] { "UnitId", "ProcedureId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProcedureForms");
        }
    }
}
