using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workbench.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SegmenterLayoutCuesAndModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Graphics",
                table: "Pages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FontSize",
                table: "Lines",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Lines",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegionRole",
                table: "Lines",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SegmenterModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    TrainingPages = table.Column<int>(type: "integer", nullable: false),
                    TrainingLines = table.Column<int>(type: "integer", nullable: false),
                    TrainingArticles = table.Column<int>(type: "integer", nullable: false),
                    HeldOutPages = table.Column<int>(type: "integer", nullable: false),
                    ModelF1 = table.Column<double>(type: "double precision", nullable: false),
                    RulesF1 = table.Column<double>(type: "double precision", nullable: false),
                    BaseF1 = table.Column<double>(type: "double precision", nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    TrainingMilliseconds = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SegmenterModels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SegmenterModels_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SegmenterModels_ProjectId_Version",
                table: "SegmenterModels",
                columns: new[] { "ProjectId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SegmenterModels");

            migrationBuilder.DropColumn(
                name: "Graphics",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "FontSize",
                table: "Lines");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "Lines");

            migrationBuilder.DropColumn(
                name: "RegionRole",
                table: "Lines");
        }
    }
}
