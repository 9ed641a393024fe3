using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContinuedArticles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IssueKey",
                table: "Pages",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Segmentation",
                table: "Pages",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Articles",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ArticleLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromPageId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromArticleKey = table.Column<int>(type: "INTEGER", nullable: false),
                    ToPageId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToArticleKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleLinks_Pages_FromPageId",
                        column: x => x.FromPageId,
                        principalTable: "Pages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ArticleLinks_Pages_ToPageId",
                        column: x => x.ToPageId,
                        principalTable: "Pages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Pages_ProjectId_IssueDate_PageNumber",
                table: "Pages",
                columns: new[] { "ProjectId", "IssueDate", "PageNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleLinks_FromPageId_FromArticleKey_ToPageId_ToArticleKey",
                table: "ArticleLinks",
                columns: new[] { "FromPageId", "FromArticleKey", "ToPageId", "ToArticleKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArticleLinks_ProjectId",
                table: "ArticleLinks",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleLinks_ToPageId_ToArticleKey",
                table: "ArticleLinks",
                columns: new[] { "ToPageId", "ToArticleKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleLinks");

            migrationBuilder.DropIndex(
                name: "IX_Pages_ProjectId_IssueDate_PageNumber",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "IssueKey",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "Segmentation",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Articles");
        }
    }
}
