using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScaleOutImportingOperationStatusKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Importing",
                table: "Pages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Operations",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            // The status a setStatus operation set, from its JSON, for the operations logged before the column existed.
            migrationBuilder.Sql("UPDATE Operations SET Status = json_extract(Payload, '$.status') WHERE Kind = 'setStatus';");

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropColumn(
                name: "Importing",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Operations");
        }
    }
}
