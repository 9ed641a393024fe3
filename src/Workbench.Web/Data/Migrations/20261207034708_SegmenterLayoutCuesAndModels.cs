using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Web.Data.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FontSize",
                table: "Lines",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Lines",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegionRole",
                table: "Lines",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SegmenterModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    TrainingPages = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingLines = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingArticles = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOutPages = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelF1 = table.Column<double>(type: "REAL", nullable: false),
                    RulesF1 = table.Column<double>(type: "REAL", nullable: false),
                    BaseF1 = table.Column<double>(type: "REAL", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    TrainingMilliseconds = table.Column<long>(type: "INTEGER", nullable: false)
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
