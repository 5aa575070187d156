namespace Ouvidoria.Domain.Manifestations;

/// <summary>The case lifecycle (see Manifestations/README.md for the transitions).</summary>
public enum ManifestationStatus
{
    /// <summary>Cadastrada: NUP and password handed to the citizen.</summary>
    Registered,

    /// <summary>Em triagem: preliminary analysis by the ombudsman.</summary>
    InTriage,

    /// <summary>Aguardando complementação do manifestante (the citizen's clock).</summary>
    AwaitingComplement,

    /// <summary>Em tratamento: forwarded to one or more units.</summary>
    InTreatment,

    /// <summary>Respondida: the conclusive answer was sent to the citizen.</summary>
    Answered,

    /// <summary>Concluída: closed, with "Demanda resolvida?" recorded.</summary>
    Concluded,

    /// <summary>Arquivada, with a reason.</summary>
    Archived,
}

public static class ManifestationStatusLabels
{
    public static string Label(this ManifestationStatus status) => status switch
    {
        ManifestationStatus.Registered => "Cadastrada",
        ManifestationStatus.InTriage => "Em triagem",
        ManifestationStatus.AwaitingComplement => "Aguardando complementação",
        ManifestationStatus.InTreatment => "Em tratamento",
        ManifestationStatus.Answered => "Respondida",
        ManifestationStatus.Concluded => "Concluída",
        ManifestationStatus.Archived => "Arquivada",
    };

    /// <summary>Statuses in which the office still owes the citizen a conclusive answer.</summary>
    public static bool IsOpen(this ManifestationStatus status) =>
        status is ManifestationStatus.Registered or ManifestationStatus.InTriage
            or ManifestationStatus.AwaitingComplement or ManifestationStatus.InTreatment;
}
