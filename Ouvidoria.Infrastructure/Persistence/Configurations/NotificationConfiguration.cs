using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Infrastructure.Notifications;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class EmailNotificationConfiguration : IEntityTypeConfiguration<EmailNotification>
{
    public void Configure(EntityTypeBuilder<EmailNotification> builder)
    {
        builder.ToTable("EmailOutbox");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasMaxLength(40);
        builder.Property(n => n.Recipient).HasMaxLength(254);
        builder.Property(n => n.Subject).HasMaxLength(300);
        builder.Property(n => n.TextBody).HasMaxLength(20_000);
        builder.Property(n => n.HtmlBody).HasMaxLength(40_000);
        builder.Property(n => n.DedupKey).HasMaxLength(300);
        builder.Property(n => n.LastError).HasMaxLength(500);
        builder.HasIndex(n => n.DedupKey).IsUnique();
        // The dispatcher's query: unsent, not refused, due.
        builder.HasIndex(n => new { n.SentAt, n.FailedAt, n.NextAttemptAt });
        builder.HasIndex(n => n.ManifestationId);
    }
}
