namespace Ouvidoria.Domain.Manifestations;

/// <summary>Why a manifestation was archived without (or after) treatment.</summary>
public enum ArchiveReason
{
    Duplicate,
    NoMateriality,
    LackOfUrbanity,
    SentToSeveralBodies,
    LossOfObject,
    ComplementNotAnswered,
}

public static class ArchiveReasonLabels
{
    public static string Label(this ArchiveReason reason) => reason switch
    {
        ArchiveReason.Duplicate => "Manifestação duplicada",
        ArchiveReason.NoMateriality => "Ausência de elementos mínimos (sem materialidade)",
        ArchiveReason.LackOfUrbanity => "Falta de urbanidade (Lei 13.460/2017, art. 8º, I)",
        ArchiveReason.SentToSeveralBodies => "Cópia enviada a vários órgãos",
        ArchiveReason.LossOfObject => "Perda de objeto",
        ArchiveReason.ComplementNotAnswered => "Complementação não atendida",
    };
}
