using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportUnitFilter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Assignments_UnitHistory",
                table: "Assignments",
                columns: new[] { "UnitId", "ManifestationRegisteredAt", "ManifestationId", "InQueue" },
                filter: "NOT \"InQueue\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assignments_UnitHistory",
                table: "Assignments");
        }
    }
}
