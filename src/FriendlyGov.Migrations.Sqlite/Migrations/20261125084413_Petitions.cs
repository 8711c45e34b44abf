using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Petitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PetitionId",
                table: "Ratings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PartnerApps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerApps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PetitionCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DefaultAssigneeId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionCategories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionCategories_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Petitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TrackingKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CategoryName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SenderName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SenderPhone = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    SenderEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SenderAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ShowName = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentPublish = table.Column<bool>(type: "INTEGER", nullable: false),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: true),
                    VillageName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Meeting = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClockStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PausedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PausedMinutes = table.Column<double>(type: "REAL", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RejectionGround = table.Column<int>(type: "INTEGER", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TransferredToUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    TransferredFromId = table.Column<int>(type: "INTEGER", nullable: true),
                    DuplicateOfId = table.Column<int>(type: "INTEGER", nullable: true),
                    SenderSatisfied = table.Column<bool>(type: "INTEGER", nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerAppId = table.Column<int>(type: "INTEGER", nullable: true),
                    MediaUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Petitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Petitions_PartnerApps_PartnerAppId",
                        column: x => x.PartnerAppId,
                        principalTable: "PartnerApps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Petitions_DuplicateOfId",
                        column: x => x.DuplicateOfId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Petitions_TransferredFromId",
                        column: x => x.TransferredFromId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Petitions_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PetitionEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionEvents_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PetitionPhotos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionPhotos_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_PetitionId",
                table: "Ratings",
                column: "PetitionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerApps_KeyHash",
                table: "PartnerApps",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionCategories_UnitId",
                table: "PetitionCategories",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionCategories_UnitId_Code",
                table: "PetitionCategories",
                columns: new[] { "UnitId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionEvents_PetitionId",
                table: "PetitionEvents",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionEvents_UnitId",
                table: "PetitionEvents",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionPhotos_PetitionId",
                table: "PetitionPhotos",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionPhotos_UnitId",
                table: "PetitionPhotos",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_Code",
                table: "Petitions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_DuplicateOfId",
                table: "Petitions",
                column: "DuplicateOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_PartnerAppId",
                table: "Petitions",
                column: "PartnerAppId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_TrackingKey",
                table: "Petitions",
                column: "TrackingKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_TransferredFromId",
                table: "Petitions",
                column: "TransferredFromId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_UnitId",
                table: "Petitions",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_UnitId_Status_DueAt",
                table: "Petitions",
                columns: new[] { "UnitId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_UnitId_SubmittedAt",
                table: "Petitions",
                columns: new[] { "UnitId", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PetitionCategories");

            migrationBuilder.DropTable(
                name: "PetitionEvents");

            migrationBuilder.DropTable(
                name: "PetitionPhotos");

            migrationBuilder.DropTable(
                name: "Petitions");

            migrationBuilder.DropTable(
                name: "PartnerApps");

            migrationBuilder.DropIndex(
                name: "IX_Ratings_PetitionId",
                table: "Ratings");

            migrationBuilder.DropColumn(
                name: "PetitionId",
                table: "Ratings");
        }
    }
}
