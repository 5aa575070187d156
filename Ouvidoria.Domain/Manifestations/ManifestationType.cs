namespace Ouvidoria.Domain.Manifestations;

/// <summary>Manifestation types (Decreto 9.492/2018 art. 3, plus Fala.BR practice).</summary>
public enum ManifestationType
{
    /// <summary>Reclamação.</summary>
    Complaint,

    /// <summary>Denúncia (identified; identity protected; preview never listed).</summary>
    Denunciation,

    /// <summary>Comunicação de irregularidade: an anonymous denúncia/reclamação.</summary>
    Communication,

    /// <summary>Elogio: answered by the ombudsman itself.</summary>
    Compliment,

    /// <summary>Sugestão.</summary>
    Suggestion,

    /// <summary>Solicitação de providências.</summary>
    Request,

    /// <summary>Simplificação ("Simplifique!").</summary>
    Simplification,
}

public static class ManifestationTypeRules
{
    public static string Label(this ManifestationType type) => type switch
    {
        ManifestationType.Complaint => "Reclamação",
        ManifestationType.Denunciation => "Denúncia",
        ManifestationType.Communication => "Comunicação de irregularidade",
        ManifestationType.Compliment => "Elogio",
        ManifestationType.Suggestion => "Sugestão",
        ManifestationType.Request => "Solicitação de providências",
        ManifestationType.Simplification => "Simplificação",
    };

    /// <summary>Short explanation shown to citizens when they choose a type.</summary>
    public static string Explanation(this ManifestationType type) => type switch
    {
        ManifestationType.Complaint => "Demonstrar insatisfação com um serviço público.",
        ManifestationType.Denunciation => "Comunicar um ato ilícito ou irregularidade, com sua identidade protegida.",
        ManifestationType.Communication => "Comunicar uma irregularidade de forma anônima (sem acompanhamento de resposta).",
        ManifestationType.Compliment => "Demonstrar reconhecimento ou satisfação com um serviço ou atendimento.",
        ManifestationType.Suggestion => "Propor uma ideia para melhorar um serviço público.",
        ManifestationType.Request => "Pedir a adoção de uma providência por parte da administração.",
        ManifestationType.Simplification => "Propor a simplificação de um serviço público (Simplifique!).",
    };

    /// <summary>Whether the content may be previewed in queue lists (never for denúncia and comunicação).</summary>
    public static bool AllowsPreviewInLists(this ManifestationType type) =>
        type is not (ManifestationType.Denunciation or ManifestationType.Communication);

    /// <summary>Denúncia and comunicação: each access is logged (Decreto 10.153/2019 art. 6 §3).</summary>
    public static bool IsProtected(this ManifestationType type) => !type.AllowsPreviewInLists();

    /// <summary>Units are forwarded an elogio only to know of it (observer); the ombudsman answers it.</summary>
    public static bool IsAnsweredByOmbudsmanOnly(this ManifestationType type) => type == ManifestationType.Compliment;
}
