using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Domain.Templates;

/// <summary>
/// The stable key of each administrator-editable text (stored as its name, never renumbered).
/// Append new keys at the end and give them a definition in <see cref="TextTemplateCatalog"/>.
/// </summary>
public enum TextTemplateKey
{
    /// <summary>Answer model for a reclamação (collaborator manual, chapter 3).</summary>
    AnswerComplaint,

    /// <summary>Answer model for a solicitação de providências.</summary>
    AnswerRequest,

    /// <summary>Answer model for a sugestão.</summary>
    AnswerSuggestion,

    /// <summary>Answer model for a denúncia or a comunicação de irregularidade.</summary>
    AnswerDenunciation,

    /// <summary>Answer model for a simplificação.</summary>
    AnswerSimplification,

    /// <summary>"Sem competência", knowing the right area (manual 2.3, passo 4, I a).</summary>
    NoCompetenceKnownArea,

    /// <summary>"Sem competência", not knowing the right area (manual 2.3, passo 4, I b).</summary>
    NoCompetenceUnknownArea,

    /// <summary>An investigating unit requests the reporter's identity (manual 2.7, 3; Decreto 10.153/2019 art. 7).</summary>
    IdentityRequest,

    /// <summary>A collaborator's justification to view the requester's data (manual 2.6).</summary>
    IdentityViewJustification,

    /// <summary>E-mail: forwarded to a unit (the alert of manual 2.1). Title = subject.</summary>
    EmailForwarded,

    /// <summary>E-mail: a treatment was reopened.</summary>
    EmailReopened,

    /// <summary>E-mail: a unit's deadline is near.</summary>
    EmailDeadlineNear,

    /// <summary>E-mail: a unit's deadline passed.</summary>
    EmailDeadlinePassed,

    /// <summary>E-mail: an art. 7 requisition was decided.</summary>
    EmailIdentityDecided,

    /// <summary>E-mail: the citizen answered a complement request.</summary>
    EmailComplementArrived,

    /// <summary>E-mail: the citizen's deadline is near.</summary>
    EmailCitizenDeadlineNear,

    /// <summary>E-mail: the citizen's deadline passed.</summary>
    EmailCitizenDeadlinePassed,
}

/// <summary>How the administration page groups the texts.</summary>
public enum TextTemplateGroup
{
    /// <summary>Respostas: answer models per manifestation type.</summary>
    Answers,

    /// <summary>Tratamento: standard texts of the treatment thread.</summary>
    Treatment,

    /// <summary>Identidade: identity requests and justifications.</summary>
    Identity,

    /// <summary>E-mails: the alerts (title = subject).</summary>
    Emails,
}

public static class TextTemplateGroupLabels
{
    public static string Label(this TextTemplateGroup group) => group switch
    {
        TextTemplateGroup.Answers => "Respostas",
        TextTemplateGroup.Treatment => "Tratamento",
        TextTemplateGroup.Identity => "Identidade",
        TextTemplateGroup.Emails => "E-mails (o título é o assunto)",
    };
}

/// <summary>Which answer model belongs to which manifestation type.</summary>
public static class AnswerModels
{
    /// <summary>
    /// The answer model of <paramref name="type"/>, or null for an elogio: the manual has no model
    /// for it because the Ouvidoria-Geral answers it itself, with its own procedure.
    /// </summary>
    public static TextTemplateKey? KeyFor(ManifestationType type) => type switch
    {
        ManifestationType.Complaint => TextTemplateKey.AnswerComplaint,
        ManifestationType.Request => TextTemplateKey.AnswerRequest,
        ManifestationType.Suggestion => TextTemplateKey.AnswerSuggestion,
        ManifestationType.Denunciation or ManifestationType.Communication => TextTemplateKey.AnswerDenunciation,
        ManifestationType.Simplification => TextTemplateKey.AnswerSimplification,
        ManifestationType.Compliment => null,
    };
}
