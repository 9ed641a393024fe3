using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PageImagesAndLineBoxes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Image_ContentType",
                table: "Pages",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Image_Height",
                table: "Pages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Image_OriginalName",
                table: "Pages",
                type: "TEXT",
                maxLength: 260,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Image_Path",
                table: "Pages",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Image_Sha256",
                table: "Pages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Image_Width",
                table: "Pages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OcrHeight",
                table: "Pages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OcrWidth",
                table: "Pages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Height",
                table: "Lines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Width",
                table: "Lines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "X",
                table: "Lines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Y",
                table: "Lines",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Image_ContentType",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "Image_Height",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "Image_OriginalName",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "Image_Path",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "Image_Sha256",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "Image_Width",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "OcrHeight",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "OcrWidth",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "Height",
                table: "Lines");

            migrationBuilder.DropColumn(
                name: "Width",
                table: "Lines");

            migrationBuilder.DropColumn(
                name: "X",
                table: "Lines");

            migrationBuilder.DropColumn(
                name: "Y",
                table: "Lines");
        }
    }
}
