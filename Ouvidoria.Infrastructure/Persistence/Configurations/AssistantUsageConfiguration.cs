using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class AssistantUsageConfiguration : IEntityTypeConfiguration<AssistantUsageCounter>
{
    public void Configure(EntityTypeBuilder<AssistantUsageCounter> builder)
    {
        builder.ToTable("AssistantUsage");
        // The upsert's conflict target (AssistantUsage in the Web project): one counter per key.
        builder.HasKey(u => new { u.HourUtc, u.Channel, u.Kind, u.Step });
        builder.Property(u => u.Channel).HasMaxLength(12);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(u => u.Step).HasMaxLength(32);
    }
}
