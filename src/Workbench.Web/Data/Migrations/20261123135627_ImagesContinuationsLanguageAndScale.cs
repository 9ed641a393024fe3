using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImagesContinuationsLanguageAndScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Status",
                table: "Articles");

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

            migrationBuilder.AddColumn<string>(
                name: "IssueKey",
                table: "Pages",
                type: "TEXT",
                maxLength: 100,
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

            migrationBuilder.AddColumn<string>(
                name: "Segmentation",
                table: "Pages",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Automatic"); // pages imported before this migration were segmented automatically

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

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Articles",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SubmittedAt",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedBy",
                table: "Articles",
                type: "TEXT",
                maxLength: 450,
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
                name: "IX_Pages_ProjectId_Publication_IssueDate_PageNumber_SourceName_Id",
                table: "Pages",
                columns: new[] { "ProjectId", "Publication", "IssueDate", "PageNumber", "SourceName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_AssigneeId",
                table: "Articles",
                column: "AssigneeId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_PageId",
                table: "Articles",
                columns: new[] { "Status", "PageId" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_SubmittedAt_PageId_Key",
                table: "Articles",
                columns: new[] { "Status", "SubmittedAt", "PageId", "Key" });

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

            // Articles submitted before this migration: when and by whom, from their latest status change in the log.
            migrationBuilder.Sql(@"UPDATE Articles SET
    SubmittedAt = (SELECT o.At FROM Operations o WHERE o.PageId = Articles.PageId AND o.ArticleKey = Articles.Key AND o.Kind = 'setStatus' ORDER BY o.Sequence DESC LIMIT 1),
    SubmittedBy = (SELECT o.AuthorId FROM Operations o WHERE o.PageId = Articles.PageId AND o.ArticleKey = Articles.Key AND o.Kind = 'setStatus' ORDER BY o.Sequence DESC LIMIT 1)
WHERE Status = 'Submitted';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleLinks");

            migrationBuilder.DropIndex(
                name: "IX_Pages_ProjectId_IssueDate_PageNumber",
                table: "Pages");

            migrationBuilder.DropIndex(
                name: "IX_Pages_ProjectId_Publication_IssueDate_PageNumber_SourceName_Id",
                table: "Pages");

            migrationBuilder.DropIndex(
                name: "IX_Articles_AssigneeId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PageId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_SubmittedAt_PageId_Key",
                table: "Articles");

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
                name: "IssueKey",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "OcrHeight",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "OcrWidth",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "Segmentation",
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

            migrationBuilder.DropColumn(
                name: "Language",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "SubmittedBy",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status",
                table: "Articles",
                column: "Status");
        }
    }
}
