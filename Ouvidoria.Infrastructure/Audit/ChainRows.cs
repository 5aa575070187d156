using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Audit;

/// <summary>
/// A history row exactly as stored (the action as its text), read by the verifier and the upgrade.
/// Keyless and mapped as a view over the table, so migrations ignore it and a tampered value that the
/// domain could not load (an unknown action) is still read, and reported, rather than crashing the check.
/// </summary>
internal sealed class StoredHistoryRow
{
    public Guid Id { get; set; }

    public Guid ManifestationId { get; set; }

    public int Sequence { get; set; }

    public string Action { get; set; } = string.Empty;

    public string? ActorId { get; set; }

    public string ActorName { get; set; } = string.Empty;

    public string? Details { get; set; }

    public DateTimeOffset At { get; set; }

    public string? PreviousHash { get; set; }

    public string? Hash { get; set; }
}

/// <summary>A manifestation's chain head as stored (NUP as text, length, seal).</summary>
internal sealed class StoredChainHead
{
    public Guid Id { get; set; }

    public string Nup { get; set; } = string.Empty;

    public int HistoryLength { get; set; }

    public string? HistorySeal { get; set; }
}

internal sealed class StoredHistoryRowConfiguration : IEntityTypeConfiguration<StoredHistoryRow>
{
    public void Configure(EntityTypeBuilder<StoredHistoryRow> builder) => builder.HasNoKey().ToView("History");
}

internal sealed class StoredChainHeadConfiguration : IEntityTypeConfiguration<StoredChainHead>
{
    public void Configure(EntityTypeBuilder<StoredChainHead> builder)
    {
        builder.HasNoKey().ToView("Manifestations");
        builder.Property(h => h.HistoryLength).HasColumnName(OuvidoriaDbContext.HistoryLength);
        builder.Property(h => h.HistorySeal).HasColumnName(OuvidoriaDbContext.HistorySeal);
    }
}
