using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PetitionAnswerApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AnswerApprovedAt",
                table: "Petitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnswerApprovedBy",
                table: "Petitions",
                type: "TEXT",
                maxLength: 220,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DraftAnswer",
                table: "Petitions",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DraftedByName",
                table: "Petitions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PetitionAnswersWithoutApproval",
                table: "CommuneProfiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnswerApprovedAt",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "AnswerApprovedBy",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "DraftAnswer",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "DraftedByName",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "PetitionAnswersWithoutApproval",
                table: "CommuneProfiles");
        }
    }
}
