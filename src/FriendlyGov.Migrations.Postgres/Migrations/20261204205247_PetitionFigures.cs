using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PetitionFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PetitionFigures",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Span = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Slice = table.Column<string>(type: "character varying(480)", maxLength: 480, nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Open = table.Column<int>(type: "integer", nullable: false),
                    Answered = table.Column<int>(type: "integer", nullable: false),
                    AnsweredOnTime = table.Column<int>(type: "integer", nullable: false),
                    Confirmed = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<int>(type: "integer", nullable: false),
                    Repeated = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionFigures", x => new { x.UnitId, x.Span, x.Day, x.Slice });
                    table.ForeignKey(
                        name: "FK_PetitionFigures_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionFigures_Span_Day_Slice",
                table: "PetitionFigures",
                columns: new[] { "Span", "Day", "Slice" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PetitionFigures");
        }
    }
}
