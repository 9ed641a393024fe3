using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Status",
                table: "Articles");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Pages_ProjectId_Publication_IssueDate_PageNumber_SourceName_Id",
                table: "Pages");

            migrationBuilder.DropIndex(
                name: "IX_Articles_AssigneeId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PageId",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status",
                table: "Articles",
                column: "Status");
        }
    }
}
