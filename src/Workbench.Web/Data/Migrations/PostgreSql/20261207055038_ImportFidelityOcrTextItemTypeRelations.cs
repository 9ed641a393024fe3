using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ImportFidelityOcrTextItemTypeRelations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RelationsNotImported",
                table: "Pages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "OcrText",
                table: "Lines",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ItemType",
                table: "Articles",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RelationsNotImported",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "OcrText",
                table: "Lines");

            migrationBuilder.DropColumn(
                name: "ItemType",
                table: "Articles");
        }
    }
}
