using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class YearFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Year buckets (span 3) beside the day and month ones: each year's from its months, which already add up its days
            // (derived values, checked by check-figures and rebuilt by rebuild-figures; not audited).
            migrationBuilder.Sql("""
                INSERT INTO "SatisfactionFigures" ("UnitId", "Span", "Day", "Slice", "Label", "Ratings", "Level1", "Level2", "Level3", "Level4", "Level5", "Yes01", "Yes02", "Yes03", "Yes04", "Yes05", "Yes06", "Yes07", "Yes08", "Yes09", "Yes10", "Yes11", "Yes12", "No01", "No02", "No03", "No04", "No05", "No06", "No07", "No08", "No09", "No10", "No11", "No12", "FollowUps", "OpenFollowUps", "Ended", "Late", "Dissatisfied")
                SELECT "UnitId", 3, substr("Day", 1, 4) || '-01-01', "Slice", max("Label"), sum("Ratings"), sum("Level1"), sum("Level2"), sum("Level3"), sum("Level4"), sum("Level5"), sum("Yes01"), sum("Yes02"), sum("Yes03"), sum("Yes04"), sum("Yes05"), sum("Yes06"), sum("Yes07"), sum("Yes08"), sum("Yes09"), sum("Yes10"), sum("Yes11"), sum("Yes12"), sum("No01"), sum("No02"), sum("No03"), sum("No04"), sum("No05"), sum("No06"), sum("No07"), sum("No08"), sum("No09"), sum("No10"), sum("No11"), sum("No12"), sum("FollowUps"), sum("OpenFollowUps"), sum("Ended"), sum("Late"), sum("Dissatisfied")
                FROM "SatisfactionFigures" WHERE "Span" = 2
                GROUP BY "UnitId", substr("Day", 1, 4) || '-01-01', "Slice"
                """);
            migrationBuilder.Sql("""
                INSERT INTO "PetitionFigures" ("UnitId", "Span", "Day", "Slice", "Total", "Open", "Answered", "AnsweredOnTime", "Confirmed", "Satisfied", "Repeated")
                SELECT "UnitId", 3, substr("Day", 1, 4) || '-01-01', "Slice", sum("Total"), sum("Open"), sum("Answered"), sum("AnsweredOnTime"), sum("Confirmed"), sum("Satisfied"), sum("Repeated")
                FROM "PetitionFigures" WHERE "Span" = 2
                GROUP BY "UnitId", substr("Day", 1, 4) || '-01-01', "Slice"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"SatisfactionFigures\" WHERE \"Span\" = 3");
            migrationBuilder.Sql("DELETE FROM \"PetitionFigures\" WHERE \"Span\" = 3");
        }
    }
}
