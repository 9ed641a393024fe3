using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Web.Data.Migrations.PostgreSql
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
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Shared");

            migrationBuilder.AddColumn<int>(
                name: "AnnotatorsPerArticle",
                table: "Projects",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<string>(
                name: "Layer",
                table: "Operations",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Layer",
                table: "Entities",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Layers",
                table: "Articles",
                type: "character varying(8000)",
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
