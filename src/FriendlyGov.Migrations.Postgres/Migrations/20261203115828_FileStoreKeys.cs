using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FileStoreKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StoreKey",
                table: "ProcedureForms",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreKey",
                table: "PetitionPhotos",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreKey",
                table: "ModelFiles",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreKey",
                table: "DossierFiles",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreKey",
                table: "DisclosureFiles",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StoreKey",
                table: "ProcedureForms");

            migrationBuilder.DropColumn(
                name: "StoreKey",
                table: "PetitionPhotos");

            migrationBuilder.DropColumn(
                name: "StoreKey",
                table: "ModelFiles");

            migrationBuilder.DropColumn(
                name: "StoreKey",
                table: "DossierFiles");

            migrationBuilder.DropColumn(
                name: "StoreKey",
                table: "DisclosureFiles");
        }
    }
}
