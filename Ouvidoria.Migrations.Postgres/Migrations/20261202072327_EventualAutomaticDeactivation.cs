using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EventualAutomaticDeactivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DeactivatedAutomatically",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Before this column, every inactive eventual collaborator was reactivated by the next
            // treatment action: keep that for those the system deactivated, i.e. unless the latest
            // administrator (de)activation on record for the account is a deactivation.
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" SET "DeactivatedAutomatically" = TRUE
                WHERE "IsEventual" = TRUE AND "IsActive" = FALSE
                  AND COALESCE((
                      SELECT c."Summary" FROM "AdministrativeChanges" c
                      WHERE c."EntityType" = 'ApplicationUser' AND c."EntityKey" = "AspNetUsers"."Id"
                        AND (c."Summary" LIKE 'Usuário desativado:%' OR c."Summary" LIKE 'Usuário reativado:%')
                      ORDER BY c."At" DESC LIMIT 1), '') NOT LIKE 'Usuário desativado:%';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeactivatedAutomatically",
                table: "AspNetUsers");
        }
    }
}
