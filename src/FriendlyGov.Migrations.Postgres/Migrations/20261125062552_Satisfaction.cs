using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FriendlyGov.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Satisfaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ByUserId",
                table: "DossierSteps",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "KioskSessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OfficerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OfficerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OfficerTitle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KioskSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Ratings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    DossierId = table.Column<int>(type: "integer", nullable: true),
                    ProcedureCode = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ProcedureName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OfficialId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    OfficialName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    KioskSessionId = table.Column<long>(type: "bigint", nullable: true),
                    ClientKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Overall = table.Column<int>(type: "integer", nullable: false),
                    Aspects = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    WantsReply = table.Column<bool>(type: "boolean", nullable: false),
                    ClientHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ratings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Ratings_Dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "Dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Ratings_KioskSessions_KioskSessionId",
                        column: x => x.KioskSessionId,
                        principalTable: "KioskSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    RatingId = table.Column<long>(type: "bigint", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ContactedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ContactNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Explanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Changes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandledByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUps_Ratings_RatingId",
                        column: x => x.RatingId,
                        principalTable: "Ratings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_RatingId",
                table: "FollowUps",
                column: "RatingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_UnitId",
                table: "FollowUps",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_UnitId_Status_DueAt",
                table: "FollowUps",
                columns: new[] { "UnitId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_KioskSessions_Key",
                table: "KioskSessions",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KioskSessions_UnitId",
                table: "KioskSessions",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_DossierId",
                table: "Ratings",
                column: "DossierId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_KioskSessionId_ClientKey",
                table: "Ratings",
                columns: new[] { "KioskSessionId", "ClientKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_UnitId",
                table: "Ratings",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_UnitId_At",
                table: "Ratings",
                columns: new[] { "UnitId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_UnitId_ContentHash_At",
                table: "Ratings",
                columns: new[] { "UnitId", "ContentHash", "At" });

            // Ratings are immutable once sent: the database refuses changes too.
            migrationBuilder.Sql(@"CREATE FUNCTION ratings_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'ratings are immutable'; END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER ""Ratings_no_change"" BEFORE UPDATE OR DELETE ON ""Ratings""
FOR EACH ROW EXECUTE FUNCTION ratings_immutable();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""Ratings_no_change"" ON ""Ratings"";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS ratings_immutable();");

            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropTable(
                name: "Ratings");

            migrationBuilder.DropTable(
                name: "KioskSessions");

            migrationBuilder.DropColumn(
                name: "ByUserId",
                table: "DossierSteps");
        }
    }
}
