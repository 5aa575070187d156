using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AdministrationSettingsUnitsTree : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ParentId",
                table: "Units",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DefaultUnitId",
                table: "Themes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MustChangePassword",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "SystemSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NupUnitCode = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstAlertDays = table.Column<int>(type: "INTEGER", nullable: false),
                    SecondAlertDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ChannelLogDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedCaseFilesDays = table.Column<int>(type: "INTEGER", nullable: false),
                    IdleTimeoutMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    TwoFactorRequiredRoles = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Units_ParentId",
                table: "Units",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Themes_DefaultUnitId",
                table: "Themes",
                column: "DefaultUnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_Themes_Units_DefaultUnitId",
                table: "Themes",
                column: "DefaultUnitId",
                principalTable: "Units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Units_Units_ParentId",
                table: "Units",
                column: "ParentId",
                principalTable: "Units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Themes_Units_DefaultUnitId",
                table: "Themes");

            migrationBuilder.DropForeignKey(
                name: "FK_Units_Units_ParentId",
                table: "Units");

            migrationBuilder.DropTable(
                name: "SystemSettings");

            migrationBuilder.DropIndex(
                name: "IX_Units_ParentId",
                table: "Units");

            migrationBuilder.DropIndex(
                name: "IX_Themes_DefaultUnitId",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "DefaultUnitId",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "MustChangePassword",
                table: "AspNetUsers");
        }
    }
}
