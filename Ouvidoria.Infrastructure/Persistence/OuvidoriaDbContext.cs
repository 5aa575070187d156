using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Audit;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence.Protection;
using Ouvidoria.Infrastructure.WhatsApp.Store;

namespace Ouvidoria.Infrastructure.Persistence;

/// <summary>
/// The one DbContext. Used through <see cref="IDbContextFactory{TContext}"/>: one short-lived
/// context per operation (never shared by a Blazor circuit). The Data Protection provider encrypts
/// the requester's identity columns (a value converter); the history chain seals every history entry
/// on save.
/// </summary>
public sealed partial class OuvidoriaDbContext(
    DbContextOptions<OuvidoriaDbContext> options,
    IDataProtectionProvider dataProtection,
    HistoryChain historyChain)
    : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Manifestation> Manifestations => Set<Manifestation>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    public DbSet<TreatmentMessage> TreatmentMessages => Set<TreatmentMessage>();

    public DbSet<CitizenAnswer> CitizenAnswers => Set<CitizenAnswer>();

    public DbSet<HistoryEntry> History => Set<HistoryEntry>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<OrganizationalUnit> Units => Set<OrganizationalUnit>();

    public DbSet<Theme> Themes => Set<Theme>();

    /// <summary>The office's settings (one row, absent until an administrator saves them).</summary>
    public DbSet<Domain.Administration.SystemSettings> SystemSettings => Set<Domain.Administration.SystemSettings>();

    public DbSet<NupSequence> NupSequences => Set<NupSequence>();

    public DbSet<WhatsAppInboxMessage> WhatsAppInbox => Set<WhatsAppInboxMessage>();

    public DbSet<WhatsAppOutboxMessage> WhatsAppOutbox => Set<WhatsAppOutboxMessage>();

    public DbSet<AssistantConversation> AssistantConversations => Set<AssistantConversation>();

    /// <summary>ASP.NET Core Data Protection key ring (shared by every node): see <see cref="DatabaseXmlRepository"/>.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The model holds converters bound to this app's Data Protection provider: EF caches one model
    /// per provider (<see cref="OuvidoriaModelCacheKeyFactory"/>), never one shared by two apps in a process.
    /// </summary>
    internal object ModelCacheKey => dataProtection;
    public DbSet<Notifications.EmailNotification> EmailOutbox => Set<Notifications.EmailNotification>();

    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();

    public DbSet<TextTemplate> TextTemplates => Set<TextTemplate>();

    public DbSet<AdministrativeChange> AdministrativeChanges => Set<AdministrativeChange>();

    public DbSet<SatisfactionSurvey> SatisfactionSurveys => Set<SatisfactionSurvey>();

    /// <summary>Keys of the integration API (hashed secrets).</summary>
    public DbSet<Domain.Integration.ApiKey> ApiKeys => Set<Domain.Integration.ApiKey>();

    /// <summary>Idempotency keys of the integration API's POSTs (24 h).</summary>
    public DbSet<Integration.IdempotencyRecord> IdempotencyRecords => Set<Integration.IdempotencyRecord>();

    /// <summary>Anonymous assistant usage counters (managers' reports).</summary>
    public DbSet<AssistantUsageCounter> AssistantUsage => Set<AssistantUsageCounter>();

    /// <summary>The managers' report per month (derived; see <see cref="Reporting.ReportMonthCell"/>).</summary>
    public DbSet<Reporting.ReportMonthCell> ReportMonthCells => Set<Reporting.ReportMonthCell>();

    public DbSet<Reporting.ReportAnswerDaysCell> ReportAnswerDaysCells => Set<Reporting.ReportAnswerDaysCell>();

    public DbSet<Reporting.ReportDirtyMonth> ReportDirtyMonths => Set<Reporting.ReportDirtyMonth>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OuvidoriaDbContext).Assembly);
        IdentityProtection.Apply(builder, dataProtection);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset values: store them as UTC ticks, which
            // sort and compare correctly whatever offset a value carries.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveWithHistoryAsync(async: false, acceptAllChangesOnSuccess, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveWithHistoryAsync(async: true, acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>
    /// Marks the report month of every manifestation added, deleted or changed in this save (its
    /// row or its citizen deadline; not an access that only grows the history chain): the refresh
    /// job rebuilds those months' <see cref="Reporting.ReportMonthCell"/>s, and until then the
    /// report reads them from the table. Written in the save's own transaction, so no change can
    /// commit without its mark. Idempotent across the save's retries.
    /// </summary>
    private void MarkReportMonths()
    {
        var marked = ChangeTracker.Entries<Reporting.ReportDirtyMonth>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity.Month)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var entry in ChangeTracker.Entries<Manifestation>().ToList())
        {
            var changed = entry.State switch
            {
                EntityState.Added or EntityState.Deleted => true,
                EntityState.Modified => entry.Properties.Any(p => p.IsModified && !IsChainOrVersion(p.Metadata.Name))
                    || entry.Reference(m => m.CitizenDeadline).TargetEntry is { State: not EntityState.Unchanged },
                _ => false,
            };
            if (!changed)
            {
                continue;
            }

            // RegisteredAt never changes; the original value covers a (hypothetical) correction too.
            foreach (var registeredAt in new[] { entry.Entity.RegisteredAt, entry.Property(m => m.RegisteredAt).OriginalValue })
            {
                var month = Reporting.ReportMonths.Of(registeredAt);
                if (marked.Add(month))
                {
                    ReportDirtyMonths.Add(new Reporting.ReportDirtyMonth(month));
                }
            }
        }
    }

    /// <summary>
    /// Optimistic concurrency: every change to a manifestation's own row bumps its version — except
    /// the history chain's columns, which only grow and are serialized by their own token.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Manifestation>())
        {
            if (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && !IsChainOrVersion(p.Metadata.Name)))
            {
                var version = entry.Property(m => m.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}

/// <summary>DateTimeOffset ⇄ UTC ticks (SQLite only); values are read back in UTC.</summary>
internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
