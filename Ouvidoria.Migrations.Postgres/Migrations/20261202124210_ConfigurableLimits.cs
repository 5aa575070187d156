using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ConfigurableLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AdministrativeChanges_At",
                table: "AdministrativeChanges");

            migrationBuilder.AddColumn<int>(
                name: "CitizenAnswerDays",
                table: "SystemSettings",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "CitizenExtensionDays",
                table: "SystemSettings",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "ComplementDays",
                table: "SystemSettings",
                type: "integer",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<string>(
                name: "ForeignWordList",
                table: "SystemSettings",
                type: "character varying(8200)",
                maxLength: 8200,
                nullable: false,
                defaultValue: "feedback\ndeadline\nlink\nonline\nstatus\nchecklist\nworkflow\nbriefing\nfollow-up\nstakeholder\nperformance\nbudget\ndelivery\nreport");

            migrationBuilder.AddColumn<int>(
                name: "MaxAttachmentFiles",
                table: "SystemSettings",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "MaxAttachmentMegabytes",
                table: "SystemSettings",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "UnitAnswerDays",
                table: "SystemSettings",
                type: "integer",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<int>(
                name: "UnitExtensionDays",
                table: "SystemSettings",
                type: "integer",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.CreateIndex(
                name: "IX_AdministrativeChanges_At_Id",
                table: "AdministrativeChanges",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AdministrativeChanges_EntityType_At_Id",
                table: "AdministrativeChanges",
                columns: new[] { "EntityType", "At", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AdministrativeChanges_At_Id",
                table: "AdministrativeChanges");

            migrationBuilder.DropIndex(
                name: "IX_AdministrativeChanges_EntityType_At_Id",
                table: "AdministrativeChanges");

            migrationBuilder.DropColumn(
                name: "CitizenAnswerDays",
                table: "SystemSettings");

            migrationBuilder.DropColumn(
                name: "CitizenExtensionDays",
                table: "SystemSettings");

            migrationBuilder.DropColumn(
                name: "ComplementDays",
                table: "SystemSettings");

            migrationBuilder.DropColumn(
                name: "ForeignWordList",
                table: "SystemSettings");

            migrationBuilder.DropColumn(
                name: "MaxAttachmentFiles",
                table: "SystemSettings");

            migrationBuilder.DropColumn(
                name: "MaxAttachmentMegabytes",
                table: "SystemSettings");

            migrationBuilder.DropColumn(
                name: "UnitAnswerDays",
                table: "SystemSettings");

            migrationBuilder.DropColumn(
                name: "UnitExtensionDays",
                table: "SystemSettings");

            migrationBuilder.CreateIndex(
                name: "IX_AdministrativeChanges_At",
                table: "AdministrativeChanges",
                column: "At");
        }
    }
}
