using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportAnswerDaysCells",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportAnswerDaysCells", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportDirtyMonths",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDirtyMonths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportMonthCells",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Registered = table.Column<long>(type: "INTEGER", nullable: false),
                    Open = table.Column<long>(type: "INTEGER", nullable: false),
                    Unresolved = table.Column<long>(type: "INTEGER", nullable: false),
                    Answered = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredOnTime = table.Column<long>(type: "INTEGER", nullable: false),
                    CitizenExtended = table.Column<long>(type: "INTEGER", nullable: false),
                    AnswerDaysSum = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportMonthCells", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportAnswerDaysCells_Month",
                table: "ReportAnswerDaysCells",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_ReportDirtyMonths_Month",
                table: "ReportDirtyMonths",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_ReportMonthCells_Month",
                table: "ReportMonthCells",
                column: "Month");

            // Existing manifestations: every month they fall in is dirty, so the report reads them
            // from the table until the refresh job has built their cells (docs/decisions/0016-report-cells.md).
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
            migrationBuilder.DropTable(
                name: "ReportAnswerDaysCells");

            migrationBuilder.DropTable(
                name: "ReportDirtyMonths");

            migrationBuilder.DropTable(
                name: "ReportMonthCells");
        }
    }
}
