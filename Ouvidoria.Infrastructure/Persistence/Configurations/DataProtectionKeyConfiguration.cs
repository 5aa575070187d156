using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Infrastructure.Persistence.Protection;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).HasMaxLength(100);
        builder.Property(k => k.Xml).IsRequired();
    }
}
