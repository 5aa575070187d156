using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>Retention of closed cases' files (a configurable office policy).</summary>
public sealed partial class Manifestation
{
    /// <summary>
    /// Erases every file of a case closed (archived or concluded) at least <paramref name="days"/>
    /// days ago; the record and its history stay. Returns the storage keys for the caller to delete
    /// after the commit.
    /// </summary>
    public IReadOnlyList<string> PurgeFilesForRetention(int days, DateTimeOffset now)
    {
        if (days <= 0)
        {
            throw new DomainException("O prazo de retenção de anexos deve ser de ao menos 1 dia.");
        }

        var closedAt = Status switch
        {
            ManifestationStatus.Archived => ArchivedAt,
            ManifestationStatus.Concluded => ConcludedAt,
            _ => null,
        };
        if (closedAt is null || closedAt.Value.AddDays(days) > now)
        {
            throw new DomainException("Somente manifestações encerradas há mais tempo que o prazo de retenção têm os anexos eliminados.");
        }

        if (_attachments.Count == 0)
        {
            return [];
        }

        var keys = _attachments.Select(a => a.StorageKey).ToList();
        _attachments.Clear();
        _history.Add(new HistoryEntry(Id, HistoryAction.FilesPurged, null, Actor.System.Name, $"{keys.Count} anexo(s) eliminado(s) após {days} dias do encerramento", now));
        return keys;
    }
}
