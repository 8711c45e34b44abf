using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledRunClaim : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScheduledRuns_Job_ScheduledFor",
                table: "ScheduledRuns");

            // A firing recorded twice (two instances ran it before this claim existed) keeps its first run record.
            migrationBuilder.Sql("""
                DELETE FROM "ScheduledRuns" WHERE "Id" NOT IN (SELECT MIN("Id") FROM "ScheduledRuns" GROUP BY "Job", "ScheduledFor");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ScheduledRuns_Job_ScheduledFor",
                table: "ScheduledRuns",
                columns: new[] { "Job", "ScheduledFor" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScheduledRuns_Job_ScheduledFor",
                table: "ScheduledRuns");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduledRuns_Job_ScheduledFor",
                table: "ScheduledRuns",
                columns: new[] { "Job", "ScheduledFor" });
        }
    }
}
