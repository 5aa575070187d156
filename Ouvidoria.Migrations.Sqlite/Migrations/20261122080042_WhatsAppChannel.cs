using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Sqlite.Migrations
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
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StateJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistantConversations", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "WhatsAppInbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Wamid = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ConversationKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProtectedFrom = table.Column<string>(type: "TEXT", nullable: true),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhatsAppInbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WhatsAppOutbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProtectedTo = table.Column<string>(type: "TEXT", nullable: true),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentMessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FailedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
