using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FriendlyGov.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreKey",
                table: "PetitionPhotos",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreKey",
                table: "ModelFiles",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreKey",
                table: "DossierFiles",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreKey",
                table: "DisclosureFiles",
                type: "TEXT",
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
