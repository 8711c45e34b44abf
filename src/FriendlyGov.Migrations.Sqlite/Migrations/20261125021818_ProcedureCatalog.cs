using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProcedureCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Procedures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", nullable: true),
                    ApplicantSteps = table.Column<string>(type: "TEXT", nullable: true),
                    InPerson = table.Column<bool>(type: "INTEGER", nullable: false),
                    Online = table.Column<bool>(type: "INTEGER", nullable: false),
                    ByPost = table.Column<bool>(type: "INTEGER", nullable: false),
                    TimeLimitDays = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: true),
                    Fee = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Result = table.Column<string>(type: "TEXT", nullable: true),
                    WhoMayApply = table.Column<string>(type: "TEXT", nullable: true),
                    OnlineLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false),
                    DocumentsJson = table.Column<string>(type: "TEXT", nullable: false),
                    WorkflowJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Procedures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Procedures_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_UnitId",
                table: "Procedures",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_UnitId_Code",
                table: "Procedures",
                columns: new[] { "UnitId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_UnitId_Field",
                table: "Procedures",
                columns: new[] { "UnitId", "Field" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Procedures");
        }
    }
}
