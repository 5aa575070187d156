using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WhatsAppChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssistantConversations",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StateJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistantConversations", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "WhatsAppInbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Wamid = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ConversationKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProtectedFrom = table.Column<string>(type: "text", nullable: true),
                    PayloadJson = table.Column<string>(type: "text", nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhatsAppInbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WhatsAppOutbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProtectedTo = table.Column<string>(type: "text", nullable: true),
                    PayloadJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentMessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhatsAppOutbox", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssistantConversations_UpdatedAt",
                table: "AssistantConversations",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppInbox_ProcessedAt_ReceivedAt",
                table: "WhatsAppInbox",
                columns: new[] { "ProcessedAt", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppInbox_Wamid",
                table: "WhatsAppInbox",
                column: "Wamid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppOutbox_SentAt_FailedAt_NextAttemptAt",
                table: "WhatsAppOutbox",
                columns: new[] { "SentAt", "FailedAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssistantConversations");

            migrationBuilder.DropTable(
                name: "WhatsAppInbox");

            migrationBuilder.DropTable(
                name: "WhatsAppOutbox");
        }
    }
}
