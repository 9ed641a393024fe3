using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndependentLayers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AnnotationMode",
                table: "Projects",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Shared");

            migrationBuilder.AddColumn<int>(
                name: "AnnotatorsPerArticle",
                table: "Projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<string>(
                name: "Layer",
                table: "Operations",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Layer",
                table: "Entities",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Layers",
                table: "Articles",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnnotationMode",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "AnnotatorsPerArticle",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Layer",
                table: "Operations");

            migrationBuilder.DropColumn(
                name: "Layer",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "Layers",
                table: "Articles");
        }
    }
}
