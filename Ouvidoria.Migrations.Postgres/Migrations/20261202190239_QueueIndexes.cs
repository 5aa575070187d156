using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Manifestations_Status_RegisteredAt",
                table: "Manifestations");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_UnitId_Status",
                table: "Assignments");

            migrationBuilder.CreateIndex(
                name: "IX_Manifestations_Status_RegisteredAt_Id",
                table: "Manifestations",
                columns: new[] { "Status", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_UnitId_Status_Role_ManifestationId",
                table: "Assignments",
                columns: new[] { "UnitId", "Status", "Role", "ManifestationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Manifestations_Status_RegisteredAt_Id",
                table: "Manifestations");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_UnitId_Status_Role_ManifestationId",
                table: "Assignments");

            migrationBuilder.CreateIndex(
                name: "IX_Manifestations_Status_RegisteredAt",
                table: "Manifestations",
                columns: new[] { "Status", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_UnitId_Status",
                table: "Assignments",
                columns: new[] { "UnitId", "Status" });
        }
    }
}
