using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditIntegrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HistoryLength",
                table: "Manifestations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HistorySeal",
                table: "Manifestations",
                type: "TEXT",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "History",
                type: "TEXT",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "History",
                type: "TEXT",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "History",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            // Existing history (hand-written, same SQL on SQLite ≥ 3.33 and PostgreSQL): number each
            // manifestation's entries by time, ties by id, and record the chain's length. Hashes and
            // seals need the key and are written by AuditIntegrityUpgrade in the start-up that applies
            // this migration; that start-up also encrypts the identity columns.
            migrationBuilder.Sql("""
                UPDATE "History" SET "Sequence" = numbered."Position"
                FROM (SELECT "Id", ROW_NUMBER() OVER (PARTITION BY "ManifestationId" ORDER BY "At", "Id") AS "Position" FROM "History") AS numbered
                WHERE "History"."Id" = numbered."Id";
                """);
            migrationBuilder.Sql("""
                UPDATE "Manifestations" SET "HistoryLength" = (SELECT COUNT(*) FROM "History" WHERE "History"."ManifestationId" = "Manifestations"."Id");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_History_ManifestationId_Sequence",
                table: "History",
                columns: new[] { "ManifestationId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropIndex(
                name: "IX_History_ManifestationId_Sequence",
                table: "History");

            migrationBuilder.DropColumn(
                name: "HistoryLength",
                table: "Manifestations");

            migrationBuilder.DropColumn(
                name: "HistorySeal",
                table: "Manifestations");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "History");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "History");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "History");
        }
    }
}
