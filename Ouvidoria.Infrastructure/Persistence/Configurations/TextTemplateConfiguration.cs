using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Templates;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class TextTemplateConfiguration : IEntityTypeConfiguration<TextTemplate>
{
    public void Configure(EntityTypeBuilder<TextTemplate> builder)
    {
        builder.ToTable("TextTemplates");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasConversion<string>().HasMaxLength(40).ValueGeneratedNever();
        builder.Property(t => t.Title).HasMaxLength(TextTemplate.MaxTitleLength);
        builder.Property(t => t.Body).HasMaxLength(TextTemplate.MaxBodyLength);
        builder.Property(t => t.UpdatedById).HasMaxLength(64);
        builder.Property(t => t.UpdatedByName).HasMaxLength(200);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.Definition);
        builder.Ignore(t => t.IsDefault);
    }
}

internal sealed class AdministrativeChangeConfiguration : IEntityTypeConfiguration<AdministrativeChange>
{
    public void Configure(EntityTypeBuilder<AdministrativeChange> builder)
    {
        builder.ToTable("AdministrativeChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.EntityType).HasMaxLength(AdministrativeChange.MaxEntityTypeLength);
        builder.Property(c => c.EntityKey).HasMaxLength(AdministrativeChange.MaxEntityKeyLength);
        builder.Property(c => c.Summary).HasMaxLength(AdministrativeChange.MaxSummaryLength);
        builder.Property(c => c.UserId).HasMaxLength(64);
        builder.Property(c => c.UserName).HasMaxLength(200);
        // Before/After: unbounded text (an entity's JSON snapshot).
        builder.HasIndex(c => new { c.EntityType, c.EntityKey, c.At });
        // "Histórico administrativo": newest first, optionally of one entity type, keyset on (At, Id).
        builder.HasIndex(c => new { c.At, c.Id });
        builder.HasIndex(c => new { c.EntityType, c.At, c.Id });
    }
}
