using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UnitQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "InQueue",
                table: "Assignments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ManifestationOpen",
                table: "Assignments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ManifestationRegisteredAt",
                table: "Assignments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing treatments: copy their manifestation's registration and open state, then
            // derive InQueue as Assignment does (docs/decisions/0015-scale-indexes.md).
            migrationBuilder.Sql(
                """
                UPDATE "Assignments" SET
                    "ManifestationRegisteredAt" = (SELECT m."RegisteredAt" FROM "Manifestations" m WHERE m."Id" = "Assignments"."ManifestationId"),
                    "ManifestationOpen" = (SELECT m."Status" IN ('Registered', 'InTriage', 'AwaitingComplement', 'InTreatment') FROM "Manifestations" m WHERE m."Id" = "Assignments"."ManifestationId");
                UPDATE "Assignments" SET "InQueue" = "ManifestationOpen" OR ("Status" = 'Open' AND "Role" = 'Responsible');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_CollaboratorQueue",
                table: "Assignments",
                columns: new[] { "CollaboratorId", "ManifestationRegisteredAt", "ManifestationId", "InQueue" },
                filter: "\"InQueue\"");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_UnitQueue",
                table: "Assignments",
                columns: new[] { "UnitId", "ManifestationRegisteredAt", "ManifestationId", "InQueue" },
                filter: "\"InQueue\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assignments_CollaboratorQueue",
                table: "Assignments");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_UnitQueue",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "InQueue",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ManifestationOpen",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ManifestationRegisteredAt",
                table: "Assignments");
        }
    }
}
