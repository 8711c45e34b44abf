using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HouseholdVisitCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LastVisitOn",
                table: "AffectedHouseholds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VisitCount",
                table: "AffectedHouseholds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The counters start from the visits already recorded (derived values, checked by check-figures; not audited).
            migrationBuilder.Sql("""
                UPDATE "AffectedHouseholds" SET
                    "VisitCount" = (SELECT count(*) FROM "HouseholdVisits" v WHERE v."HouseholdId" = "AffectedHouseholds"."Id"),
                    "LastVisitOn" = (SELECT max(v."Date") FROM "HouseholdVisits" v WHERE v."HouseholdId" = "AffectedHouseholds"."Id")
                WHERE EXISTS (SELECT 1 FROM "HouseholdVisits" v WHERE v."HouseholdId" = "AffectedHouseholds"."Id")
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AffectedHouseholds_UnitId_Status_LastVisitOn",
                table: "AffectedHouseholds",
                columns: new[] { "UnitId", "Status", "LastVisitOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AffectedHouseholds_UnitId_Status_LastVisitOn",
                table: "AffectedHouseholds");

            migrationBuilder.DropColumn(
                name: "LastVisitOn",
                table: "AffectedHouseholds");

            migrationBuilder.DropColumn(
                name: "VisitCount",
                table: "AffectedHouseholds");
        }
    }
}
