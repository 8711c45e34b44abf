using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "KioskSessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OfficerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OfficerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OfficerTitle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KioskSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Ratings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    DossierId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ProcedureName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    OfficialId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    OfficialName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    KioskSessionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ClientKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Overall = table.Column<int>(type: "INTEGER", nullable: false),
                    Aspects = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    WantsReply = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClientHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    RatingId = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ContactNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Changes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
            migrationBuilder.Sql("CREATE TRIGGER \"Ratings_no_update\" BEFORE UPDATE ON \"Ratings\" BEGIN SELECT RAISE(ABORT, 'ratings are immutable'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"Ratings_no_delete\" BEFORE DELETE ON \"Ratings\" BEGIN SELECT RAISE(ABORT, 'ratings are immutable'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Ratings_no_update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Ratings_no_delete\";");

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
