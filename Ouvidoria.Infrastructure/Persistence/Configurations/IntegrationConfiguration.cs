using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Infrastructure.Integration;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength);
        builder.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength);
        // Every request looks its key up by prefix.
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.Scopes).HasMaxLength(400);
        builder.Property(k => k.CreatedBy).HasMaxLength(200);
        builder.Property(k => k.RevokedBy).HasMaxLength(200);
        builder.Ignore(k => k.IsActive);
        builder.Ignore(k => k.ScopeList);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("ApiIdempotencyRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
        // Two concurrent requests with one key: the second insert loses here.
        builder.HasIndex(r => new { r.ApiKeyId, r.Key }).IsUnique();
        builder.HasIndex(r => r.CreatedAt);
        builder.Property(r => r.ReservedAt).IsConcurrencyToken();
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.IsCompleted);
    }
}
