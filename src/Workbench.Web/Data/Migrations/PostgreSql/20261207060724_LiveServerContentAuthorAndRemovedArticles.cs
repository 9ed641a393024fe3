using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class LiveServerContentAuthorAndRemovedArticles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContentChangedBy",
                table: "Articles",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RemovedArticles",
                columns: table => new
                {
                    PageId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<int>(type: "integer", nullable: false),
                    RemovedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AssigneeId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemovedArticles", x => new { x.PageId, x.Key });
                    table.ForeignKey(
                        name: "FK_RemovedArticles_Pages_PageId",
                        column: x => x.PageId,
                        principalTable: "Pages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Articles edited before this migration: the author of their latest content change logged under the article
            // (an operation that changed several articles was logged without one and cannot be attributed afterwards).
            migrationBuilder.Sql(@"UPDATE ""Articles"" SET
    ""ContentChangedBy"" = (SELECT o.""AuthorId"" FROM ""Operations"" o WHERE o.""PageId"" = ""Articles"".""PageId"" AND o.""ArticleKey"" = ""Articles"".""Key"" AND o.""ChangesContent"" ORDER BY o.""Sequence"" DESC LIMIT 1);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RemovedArticles");

            migrationBuilder.DropColumn(
                name: "ContentChangedBy",
                table: "Articles");
        }
    }
}
