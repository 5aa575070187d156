using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Infrastructure.WhatsApp.Store;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class WhatsAppInboxConfiguration : IEntityTypeConfiguration<WhatsAppInboxMessage>
{
    public void Configure(EntityTypeBuilder<WhatsAppInboxMessage> builder)
    {
        builder.ToTable("WhatsAppInbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Wamid).HasMaxLength(200);
        builder.HasIndex(m => m.Wamid).IsUnique();
        builder.Property(m => m.ConversationKey).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => new { m.ProcessedAt, m.ReceivedAt });
    }
}

internal sealed class WhatsAppOutboxConfiguration : IEntityTypeConfiguration<WhatsAppOutboxMessage>
{
    public void Configure(EntityTypeBuilder<WhatsAppOutboxMessage> builder)
    {
        builder.ToTable("WhatsAppOutbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ConversationKey).HasMaxLength(64);
        builder.Property(m => m.SentMessageId).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
    }
}

internal sealed class AssistantConversationConfiguration : IEntityTypeConfiguration<AssistantConversation>
{
    public void Configure(EntityTypeBuilder<AssistantConversation> builder)
    {
        builder.ToTable("AssistantConversations");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(64);
        builder.HasIndex(c => c.UpdatedAt);
    }
}
