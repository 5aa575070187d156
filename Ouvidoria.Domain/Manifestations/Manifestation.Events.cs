namespace Ouvidoria.Domain.Manifestations;

/// <summary>The events raised since the aggregate was loaded (not persisted).</summary>
public sealed partial class Manifestation
{
    private readonly List<ManifestationEvent> _events = [];

    public IReadOnlyList<ManifestationEvent> Events => _events;

    /// <summary>Called by the persistence boundary once the events became notifications.</summary>
    public void ClearEvents() => _events.Clear();

    private void Raise(ManifestationEvent e) => _events.Add(e);
}
