using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SatisfactionFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SatisfactionFigures",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Span = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Slice = table.Column<string>(type: "TEXT", maxLength: 480, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Ratings = table.Column<int>(type: "INTEGER", nullable: false),
                    Level1 = table.Column<int>(type: "INTEGER", nullable: false),
                    Level2 = table.Column<int>(type: "INTEGER", nullable: false),
                    Level3 = table.Column<int>(type: "INTEGER", nullable: false),
                    Level4 = table.Column<int>(type: "INTEGER", nullable: false),
                    Level5 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes01 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes02 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes03 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes04 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes05 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes06 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes07 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes08 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes09 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes10 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes11 = table.Column<int>(type: "INTEGER", nullable: false),
                    Yes12 = table.Column<int>(type: "INTEGER", nullable: false),
                    No01 = table.Column<int>(type: "INTEGER", nullable: false),
                    No02 = table.Column<int>(type: "INTEGER", nullable: false),
                    No03 = table.Column<int>(type: "INTEGER", nullable: false),
                    No04 = table.Column<int>(type: "INTEGER", nullable: false),
                    No05 = table.Column<int>(type: "INTEGER", nullable: false),
                    No06 = table.Column<int>(type: "INTEGER", nullable: false),
                    No07 = table.Column<int>(type: "INTEGER", nullable: false),
                    No08 = table.Column<int>(type: "INTEGER", nullable: false),
                    No09 = table.Column<int>(type: "INTEGER", nullable: false),
                    No10 = table.Column<int>(type: "INTEGER", nullable: false),
                    No11 = table.Column<int>(type: "INTEGER", nullable: false),
                    No12 = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUps = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenFollowUps = table.Column<int>(type: "INTEGER", nullable: false),
                    Ended = table.Column<int>(type: "INTEGER", nullable: false),
                    Late = table.Column<int>(type: "INTEGER", nullable: false),
                    Dissatisfied = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionFigures", x => new { x.UnitId, x.Span, x.Day, x.Slice });
                    table.ForeignKey(
                        name: "FK_SatisfactionFigures_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SatisfactionFigures");
        }
    }
}
