using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ModelRollout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommuneModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LaunchedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LaunchPlace = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    LaunchGuests = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LaunchMinutes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    BoardName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DecisionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecisionSigner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Regulation = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    PilotUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommuneModels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommuneModels_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BoardMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BoardMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BoardMembers_CommuneModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "CommuneModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommitmentTexts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitmentTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitmentTexts_CommuneModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "CommuneModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Progress = table.Column<int>(type: "INTEGER", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanTasks_CommuneModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "CommuneModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Proposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReadinessItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RaisedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecisionDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AnsweringUnit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Proposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Proposals_CommuneModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "CommuneModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReadinessItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Group = table.Column<int>(type: "INTEGER", nullable: false),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Gap = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Needs = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReadinessItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReadinessItems_CommuneModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "CommuneModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommitmentSignatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    TextId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TypedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitmentSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitmentSignatures_CommitmentTexts_TextId",
                        column: x => x.TextId,
                        principalTable: "CommitmentTexts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BoardMembers_ModelId",
                table: "BoardMembers",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_BoardMembers_UnitId",
                table: "BoardMembers",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentSignatures_TextId_UserId",
                table: "CommitmentSignatures",
                columns: new[] { "TextId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentSignatures_UnitId",
                table: "CommitmentSignatures",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentTexts_ModelId_Number",
                table: "CommitmentTexts",
                columns: new[] { "ModelId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentTexts_UnitId",
                table: "CommitmentTexts",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CommuneModels_UnitId",
                table: "CommuneModels",
                column: "UnitId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanTasks_ModelId",
                table: "PlanTasks",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanTasks_UnitId",
                table: "PlanTasks",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_ModelId",
                table: "Proposals",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_UnitId",
                table: "Proposals",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_UnitId_Status",
                table: "Proposals",
                columns: new[] { "UnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReadinessItems_ModelId",
                table: "ReadinessItems",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_ReadinessItems_UnitId",
                table: "ReadinessItems",
                column: "UnitId");
            // Signatures are never changed once given: the database refuses too.
            migrationBuilder.Sql("CREATE TRIGGER \"CommitmentSignatures_no_update\" BEFORE UPDATE ON \"CommitmentSignatures\" BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"CommitmentSignatures_no_delete\" BEFORE DELETE ON \"CommitmentSignatures\" BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"CommitmentSignatures_no_update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"CommitmentSignatures_no_delete\";");
            migrationBuilder.DropTable(
                name: "BoardMembers");

            migrationBuilder.DropTable(
                name: "CommitmentSignatures");

            migrationBuilder.DropTable(
                name: "PlanTasks");

            migrationBuilder.DropTable(
                name: "Proposals");

            migrationBuilder.DropTable(
                name: "ReadinessItems");

            migrationBuilder.DropTable(
                name: "CommitmentTexts");

            migrationBuilder.DropTable(
                name: "CommuneModels");
        }
    }
}
