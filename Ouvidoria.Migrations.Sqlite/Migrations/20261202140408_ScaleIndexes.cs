using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assignments_ManifestationId",
                table: "Assignments");

            migrationBuilder.CreateIndex(
                name: "IX_Manifestations_Report",
                table: "Manifestations",
                columns: new[] { "RegisteredAt", "Status", "Type", "Channel", "ThemeId", "AnsweredAt", "Resolved", "ClockPausedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ManifestationId_UnitId_CollaboratorId",
                table: "Assignments",
                columns: new[] { "ManifestationId", "UnitId", "CollaboratorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Manifestations_Report",
                table: "Manifestations");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_ManifestationId_UnitId_CollaboratorId",
                table: "Assignments");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ManifestationId",
                table: "Assignments",
                column: "ManifestationId");
        }
    }
}
