using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Postgres.Migrations
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
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Span = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Slice = table.Column<string>(type: "character varying(480)", maxLength: 480, nullable: false),
                    Label = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Ratings = table.Column<int>(type: "integer", nullable: false),
                    Level1 = table.Column<int>(type: "integer", nullable: false),
                    Level2 = table.Column<int>(type: "integer", nullable: false),
                    Level3 = table.Column<int>(type: "integer", nullable: false),
                    Level4 = table.Column<int>(type: "integer", nullable: false),
                    Level5 = table.Column<int>(type: "integer", nullable: false),
                    Yes01 = table.Column<int>(type: "integer", nullable: false),
                    Yes02 = table.Column<int>(type: "integer", nullable: false),
                    Yes03 = table.Column<int>(type: "integer", nullable: false),
                    Yes04 = table.Column<int>(type: "integer", nullable: false),
                    Yes05 = table.Column<int>(type: "integer", nullable: false),
                    Yes06 = table.Column<int>(type: "integer", nullable: false),
                    Yes07 = table.Column<int>(type: "integer", nullable: false),
                    Yes08 = table.Column<int>(type: "integer", nullable: false),
                    Yes09 = table.Column<int>(type: "integer", nullable: false),
                    Yes10 = table.Column<int>(type: "integer", nullable: false),
                    Yes11 = table.Column<int>(type: "integer", nullable: false),
                    Yes12 = table.Column<int>(type: "integer", nullable: false),
                    No01 = table.Column<int>(type: "integer", nullable: false),
                    No02 = table.Column<int>(type: "integer", nullable: false),
                    No03 = table.Column<int>(type: "integer", nullable: false),
                    No04 = table.Column<int>(type: "integer", nullable: false),
                    No05 = table.Column<int>(type: "integer", nullable: false),
                    No06 = table.Column<int>(type: "integer", nullable: false),
                    No07 = table.Column<int>(type: "integer", nullable: false),
                    No08 = table.Column<int>(type: "integer", nullable: false),
                    No09 = table.Column<int>(type: "integer", nullable: false),
                    No10 = table.Column<int>(type: "integer", nullable: false),
                    No11 = table.Column<int>(type: "integer", nullable: false),
                    No12 = table.Column<int>(type: "integer", nullable: false),
                    FollowUps = table.Column<int>(type: "integer", nullable: false),
                    OpenFollowUps = table.Column<int>(type: "integer", nullable: false),
                    Ended = table.Column<int>(type: "integer", nullable: false),
                    Late = table.Column<int>(type: "integer", nullable: false),
                    Dissatisfied = table.Column<int>(type: "integer", nullable: false)
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
