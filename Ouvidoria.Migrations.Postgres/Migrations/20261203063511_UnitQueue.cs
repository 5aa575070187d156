using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Postgres.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ManifestationOpen",
                table: "Assignments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ManifestationRegisteredAt",
                table: "Assignments",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Existing treatments: copy their manifestation's registration and open state, then
            // derive InQueue as Assignment does (docs/decisions/0015-scale-indexes.md).
            migrationBuilder.Sql(
                """
                UPDATE "Assignments" a SET
                    "ManifestationRegisteredAt" = m."RegisteredAt",
                    "ManifestationOpen" = m."Status" IN ('Registered', 'InTriage', 'AwaitingComplement', 'InTreatment'),
                    "InQueue" = m."Status" IN ('Registered', 'InTriage', 'AwaitingComplement', 'InTreatment') OR (a."Status" = 'Open' AND a."Role" = 'Responsible')
                FROM "Manifestations" m
                WHERE m."Id" = a."ManifestationId";
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
