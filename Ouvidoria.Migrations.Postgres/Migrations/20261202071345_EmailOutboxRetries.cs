using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EmailOutboxRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastAttemptAt",
                table: "EmailOutbox",
                type: "timestamp with time zone",
                nullable: true);

            // The outbox no longer gives up on transient failures (ADR 0008): the messages the old
            // dispatcher abandoned after MaxAttempts were never accepted by a server, so they go
            // back to the queue, due at once. A real refusal marks them again on the next attempt.
            migrationBuilder.Sql(
                "UPDATE \"EmailOutbox\" SET \"LastAttemptAt\" = \"FailedAt\", \"FailedAt\" = NULL WHERE \"SentAt\" IS NULL AND \"FailedAt\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastAttemptAt",
                table: "EmailOutbox");
        }
    }
}
