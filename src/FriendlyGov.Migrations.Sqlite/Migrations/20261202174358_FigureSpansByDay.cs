using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FigureSpansByDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionFigures_Span_Day_Slice",
                table: "SatisfactionFigures",
                columns: new[] { "Span", "Day", "Slice" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SatisfactionFigures_Span_Day_Slice",
                table: "SatisfactionFigures");
        }
    }
}
