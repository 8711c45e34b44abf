using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DossierProcessing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ToRole",
                table: "DossierSteps",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Verdict",
                table: "DossierSteps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ApologyApprovedAt",
                table: "Dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApologyApprovedBy",
                table: "Dossiers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApologyDraftedBy",
                table: "Dossiers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ApologyNewDate",
                table: "Dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApologyReason",
                table: "Dossiers",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnedTo",
                table: "Dossiers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ToRole",
                table: "DossierSteps");

            migrationBuilder.DropColumn(
                name: "Verdict",
                table: "DossierSteps");

            migrationBuilder.DropColumn(
                name: "ApologyApprovedAt",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "ApologyApprovedBy",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "ApologyDraftedBy",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "ApologyNewDate",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "ApologyReason",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "ReturnedTo",
                table: "Dossiers");
        }
    }
}
