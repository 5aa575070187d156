using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RequesterCpfAndAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequesterAddress",
                table: "Manifestations",
                type: "character varying(1328)",
                maxLength: 1328,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequesterCpf",
                table: "Manifestations",
                type: "character varying(176)",
                maxLength: 176,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequesterAddress",
                table: "Manifestations");

            migrationBuilder.DropColumn(
                name: "RequesterCpf",
                table: "Manifestations");
        }
    }
}
