using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Postgres.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnswerApprovedBy",
                table: "Petitions",
                type: "character varying(220)",
                maxLength: 220,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DraftAnswer",
                table: "Petitions",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DraftedByName",
                table: "Petitions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PetitionAnswersWithoutApproval",
                table: "CommuneProfiles",
                type: "boolean",
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
