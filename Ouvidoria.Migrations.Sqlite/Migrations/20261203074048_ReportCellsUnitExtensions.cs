using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportCellsUnitExtensions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "UnitExtended",
                table: "ReportMonthCells",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Extended",
                table: "Assignments",
                column: "ManifestationId",
                filter: "\"DeadlineExtended\"");

            // The existing cells lack the new count: every month is dirty again, so the report reads
            // them from the table until the refresh job has rebuilt them (docs/decisions/0016-report-cells.md).
            migrationBuilder.Sql(
                """
                INSERT INTO "ReportDirtyMonths" ("Month")
                SELECT DISTINCT strftime('%Y-%m', ("RegisteredAt" - 621355968000000000) / 10000000 - 10800, 'unixepoch')
                FROM "Manifestations";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assignments_Extended",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "UnitExtended",
                table: "ReportMonthCells");
        }
    }
}
