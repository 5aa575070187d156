using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence.Protection;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class ManifestationConfiguration : IEntityTypeConfiguration<Manifestation>
{
    public void Configure(EntityTypeBuilder<Manifestation> builder)
    {
        builder.ToTable("Manifestations");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Nup)
            .HasConversion(nup => nup.Digits, digits => Nup.Parse(digits))
            .HasMaxLength(17)
            .IsUnicode(false);
        builder.HasIndex(m => m.Nup).IsUnique();

        builder.Property(m => m.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(12);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.ArchiveReason).HasConversion<string>().HasMaxLength(30);
        builder.Property(m => m.Subject).HasMaxLength(200);
        builder.Property(m => m.Description).HasMaxLength(Manifestation.MaxDescriptionLength);
        builder.Property(m => m.PasswordHash).HasMaxLength(120);
        builder.Property(m => m.Version).IsConcurrencyToken();

        // The history chain's head (docs/decisions/0011-tamper-evident-history.md): persistence only.
        builder.Property<int>(OuvidoriaDbContext.HistoryLength).IsConcurrencyToken();
        builder.Property<string?>(OuvidoriaDbContext.HistorySeal).HasMaxLength(64).IsUnicode(false);

        // Identity data, encrypted at rest (never filtered or sorted in SQL): see IdentityProtection.
        builder.OwnsOne(m => m.Requester, requester =>
        {
            requester.Property(r => r.Name).HasColumnName("RequesterName").IsIdentityData(TextLimits.Name);
            requester.Property(r => r.Email).HasColumnName("RequesterEmail").IsIdentityData(TextLimits.Email);
            requester.Property(r => r.Phone).HasColumnName("RequesterPhone").IsIdentityData(TextLimits.Phone);
            requester.Property(r => r.Cpf).HasColumnName("RequesterCpf").IsIdentityData(TextLimits.Cpf);
            requester.Property(r => r.Address).HasColumnName("RequesterAddress").IsIdentityData(TextLimits.Address);
        });
        builder.Navigation(m => m.Requester).IsRequired(false);

        builder.OwnsOne(m => m.CitizenDeadline, deadline =>
        {
            deadline.Property(d => d.DueAt).HasColumnName("CitizenDueAt");
            deadline.Property(d => d.Extended).HasColumnName("CitizenDeadlineExtended");
            deadline.Property(d => d.ExtensionJustification).HasColumnName("CitizenExtensionJustification").HasMaxLength(2000);
            // The queue's main orderings and filters.
            deadline.HasIndex(d => d.DueAt);
            // The deadline sweep's candidates: only manifestations whose citizen clock runs.
            deadline.HasIndex(d => d.DueAt, "IX_Manifestations_RunningCitizenDueAt")
                .HasFilter("\"Status\" IN ('Registered', 'InTriage', 'InTreatment')");
        });
        builder.Navigation(m => m.CitizenDeadline).IsRequired();
        // The complement-expiry job's candidates.
        builder.HasIndex(m => m.ComplementDueAt, "IX_Manifestations_AwaitingComplementDueAt").HasFilter("\"Status\" = 'AwaitingComplement'");

        builder.HasMany(m => m.Assignments).WithOne().HasForeignKey(a => a.ManifestationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Messages).WithOne().HasForeignKey(x => x.ManifestationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Answers).WithOne().HasForeignKey(a => a.ManifestationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.History).WithOne().HasForeignKey(h => h.ManifestationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.ManifestationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.ResolutionReportSynthesis).HasMaxLength(2000);
        // Raised by transitions, turned into e-mails by the use case: never stored.
        builder.Ignore(m => m.Events);
        foreach (var navigation in new[]
        {
            nameof(Manifestation.Assignments), nameof(Manifestation.Messages), nameof(Manifestation.Answers), nameof(Manifestation.History), nameof(Manifestation.Attachments),
            nameof(Manifestation.IdentityGrants), nameof(Manifestation.IdentityRequests), nameof(Manifestation.CollaboratorRequests),
        })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }

        // Ends with the id: the queue's open count and page ids (status filter, oldest first, id as
        // tie-breaker) read only this index, never the wide rows (ADR 0015).
        builder.HasIndex(m => new { m.Status, m.RegisteredAt, m.Id });
        builder.HasIndex(m => m.RegisteredAt);
        builder.HasIndex(m => m.LastChangedAt);
        // The managers' report (ReportsQuery, AssistantUsageQuery): every column its aggregates read,
        // led by the period filter, so each statement reads this narrow index instead of the wide
        // rows (descriptions, encrypted requester data): docs/decisions/0015-scale-indexes.md.
        builder.HasIndex(
            m => new { m.RegisteredAt, m.Status, m.Type, m.Channel, m.ThemeId, m.AnsweredAt, m.Resolved, m.ClockPausedAt },
            "IX_Manifestations_Report");
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.ToTable("Assignments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Role).HasConversion<string>().HasMaxLength(12);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(a => a.CollaboratorId).HasMaxLength(64);
        builder.Property(a => a.CollaboratorName).HasMaxLength(200);
        builder.Property(a => a.Instructions).HasMaxLength(4000);
        builder.Property(a => a.ProcessNumber).HasMaxLength(60);
        builder.Property(a => a.NotAptReason).HasMaxLength(2000);
        builder.Property(a => a.ExtensionRequestJustification).HasMaxLength(2000);
        builder.Property(a => a.ExtensionRequestedBy).HasMaxLength(200);
        builder.OwnsOne(a => a.Deadline, deadline =>
        {
            deadline.Property(d => d.DueAt).HasColumnName("DueAt");
            deadline.Property(d => d.Extended).HasColumnName("DeadlineExtended");
            deadline.Property(d => d.ExtensionJustification).HasColumnName("ExtensionJustification").HasMaxLength(2000);
            // The deadline sweep's candidates: open treatments only (finalized ones pile up forever).
            deadline.HasIndex(d => d.DueAt, "IX_Assignments_OpenDueAt").HasFilter("\"Status\" = 'Open'");
        });
        builder.Navigation(a => a.Deadline).IsRequired();
        builder.HasOne<Domain.Organization.OrganizationalUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        // A unit's pending treatments (queue, home cards) read only this index (ADR 0015).
        builder.HasIndex(a => new { a.UnitId, a.Status, a.Role, a.ManifestationId });
        // "Manifestations forwarded to this unit" (report unit filter, the unit's queue): an
        // index-only probe per manifestation (ADR 0015).
        builder.HasIndex(a => new { a.ManifestationId, a.UnitId, a.CollaboratorId });
        builder.HasIndex(a => a.CollaboratorId);
        // The extended unit treatments (report: "prorrogações de prazo de unidades", its cells and the drill-down).
        builder.HasIndex(a => a.ManifestationId, "IX_Assignments_Extended").HasFilter("\"DeadlineExtended\"");
        // The default queue of a unit and of a named collaborator ("still owed an answer"): only the
        // treatments that list their manifestation there, already in the queue's order, so that the
        // pager's total and the page's ids never read the manifestations (ADR 0015). InQueue is also a
        // column of the index so that SQLite sees it covers the query (a partial index's WHERE alone does not).
        builder.HasIndex(a => new { a.UnitId, a.ManifestationRegisteredAt, a.ManifestationId, a.InQueue }, "IX_Assignments_UnitQueue").HasFilter("\"InQueue\"");
        builder.HasIndex(a => new { a.CollaboratorId, a.ManifestationRegisteredAt, a.ManifestationId, a.InQueue }, "IX_Assignments_CollaboratorQueue").HasFilter("\"InQueue\"");
        // The report's unit filter with a period: the unit's treatments of manifestations registered
        // in it, read from indexes alone (the registration date is the treatment's too) instead of a
        // probe per manifestation of the period (ReportSql.Where; ADR 0016) — those in the queue from
        // IX_Assignments_UnitQueue, all the others from this one. Partial on the others, so that the
        // queue (InQueue) can never be planned on it instead of its own index.
        builder.HasIndex(a => new { a.UnitId, a.ManifestationRegisteredAt, a.ManifestationId, a.InQueue }, "IX_Assignments_UnitHistory").HasFilter("NOT \"InQueue\"");
    }
}

internal sealed class TreatmentMessageConfiguration : IEntityTypeConfiguration<TreatmentMessage>
{
    public void Configure(EntityTypeBuilder<TreatmentMessage> builder)
    {
        builder.ToTable("TreatmentMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.AuthorId).HasMaxLength(64);
        builder.Property(m => m.AuthorName).HasMaxLength(200);
        builder.Property(m => m.Text).HasMaxLength(20_000);
        builder.Property(m => m.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => new { m.ManifestationId, m.PostedAt });
    }
}

internal sealed class CitizenAnswerConfiguration : IEntityTypeConfiguration<CitizenAnswer>
{
    public void Configure(EntityTypeBuilder<CitizenAnswer> builder)
    {
        builder.ToTable("CitizenAnswers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Text).HasMaxLength(20_000);
        builder.Property(a => a.AuthorName).HasMaxLength(200);
        builder.HasIndex(a => new { a.ManifestationId, a.SentAt });
    }
}

internal sealed class HistoryEntryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> builder)
    {
        builder.ToTable("History");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Action).HasConversion<string>().HasMaxLength(32);
        builder.Property(h => h.ActorId).HasMaxLength(64);
        builder.Property(h => h.ActorName).HasMaxLength(200);
        builder.Property(h => h.Details).HasMaxLength(HistoryEntry.MaxDetailsLength);
        builder.Property(h => h.PreviousHash).HasMaxLength(64).IsUnicode(false);
        builder.Property(h => h.Hash).HasMaxLength(64).IsUnicode(false);
        builder.HasIndex(h => new { h.ManifestationId, h.At });
        // One entry per position: a forked chain cannot be stored; the verifier reads in this order.
        builder.HasIndex(h => new { h.ManifestationId, h.Sequence }).IsUnique();
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("Attachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(120);
        builder.Property(a => a.StorageKey).HasMaxLength(100);
        builder.Property(a => a.UploadedBy).HasMaxLength(200);
        builder.Property(a => a.Origin).HasConversion<string>().HasMaxLength(12);
    }
}
