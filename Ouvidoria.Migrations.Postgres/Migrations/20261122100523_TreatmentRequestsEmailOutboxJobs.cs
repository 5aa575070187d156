using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ouvidoria.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TreatmentRequestsEmailOutboxJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RestrictedToAssignmentId",
                table: "TreatmentMessages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolutionReportSynthesis",
                table: "Manifestations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResolutionReportedAt",
                table: "Manifestations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ResolutionReportedOn",
                table: "Manifestations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionRequestJustification",
                table: "Assignments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExtensionRequestedAt",
                table: "Assignments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionRequestedBy",
                table: "Assignments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProcessNumber",
                table: "Assignments",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsEventual",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CollaboratorRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ManifestationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CandidateName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CandidateUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequestedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAssignmentId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollaboratorRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CollaboratorRequests_Manifestations_ManifestationId",
                        column: x => x.ManifestationId,
                        principalTable: "Manifestations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CollaboratorRequests_Units_CandidateUnitId",
                        column: x => x.CandidateUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EmailOutbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TextBody = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    HtmlBody = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    ManifestationId = table.Column<Guid>(type: "uuid", nullable: true),
                    DedupKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdentityAccessGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ManifestationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CollaboratorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CollaboratorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GrantedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    GrantedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentityAccessGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdentityAccessGrants_Manifestations_ManifestationId",
                        column: x => x.ManifestationId,
                        principalTable: "Manifestations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdentityRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ManifestationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequestedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentityRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdentityRequests_Manifestations_ManifestationId",
                        column: x => x.ManifestationId,
                        principalTable: "Manifestations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Job = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    FireInstanceId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ScheduledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Node = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Manifestations_AwaitingComplementDueAt",
                table: "Manifestations",
                column: "ComplementDueAt",
                filter: "\"Status\" = 'AwaitingComplement'");

            migrationBuilder.CreateIndex(
                name: "IX_Manifestations_RunningCitizenDueAt",
                table: "Manifestations",
                column: "CitizenDueAt",
                filter: "\"Status\" IN ('Registered', 'InTriage', 'InTreatment')");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_OpenDueAt",
                table: "Assignments",
                column: "DueAt",
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_CollaboratorRequests_CandidateUnitId",
                table: "CollaboratorRequests",
                column: "CandidateUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CollaboratorRequests_ManifestationId",
                table: "CollaboratorRequests",
                column: "ManifestationId");

            migrationBuilder.CreateIndex(
                name: "IX_CollaboratorRequests_Status",
                table: "CollaboratorRequests",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_EmailOutbox_DedupKey",
                table: "EmailOutbox",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmailOutbox_ManifestationId",
                table: "EmailOutbox",
                column: "ManifestationId");

            migrationBuilder.CreateIndex(
                name: "IX_EmailOutbox_SentAt_FailedAt_NextAttemptAt",
                table: "EmailOutbox",
                columns: new[] { "SentAt", "FailedAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IdentityAccessGrants_ManifestationId",
                table: "IdentityAccessGrants",
                column: "ManifestationId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentityRequests_ManifestationId",
                table: "IdentityRequests",
                column: "ManifestationId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentityRequests_Status",
                table: "IdentityRequests",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Job_StartedAt",
                table: "JobRuns",
                columns: new[] { "Job", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CollaboratorRequests");

            migrationBuilder.DropTable(
                name: "EmailOutbox");

            migrationBuilder.DropTable(
                name: "IdentityAccessGrants");

            migrationBuilder.DropTable(
                name: "IdentityRequests");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropIndex(
                name: "IX_Manifestations_AwaitingComplementDueAt",
                table: "Manifestations");

            migrationBuilder.DropIndex(
                name: "IX_Manifestations_RunningCitizenDueAt",
                table: "Manifestations");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_OpenDueAt",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "RestrictedToAssignmentId",
                table: "TreatmentMessages");

            migrationBuilder.DropColumn(
                name: "ResolutionReportSynthesis",
                table: "Manifestations");

            migrationBuilder.DropColumn(
                name: "ResolutionReportedAt",
                table: "Manifestations");

            migrationBuilder.DropColumn(
                name: "ResolutionReportedOn",
                table: "Manifestations");

            migrationBuilder.DropColumn(
                name: "ExtensionRequestJustification",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ExtensionRequestedAt",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ExtensionRequestedBy",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ProcessNumber",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "IsEventual",
                table: "AspNetUsers");
        }
    }
}
