using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Domain.Assistant;

/// <summary>Work the host must do (database), then feed the outcome back with <see cref="Bel.Resume"/>.</summary>
public abstract record AssistantRequest;

/// <summary>
/// Register a manifestation. An anonymous denúncia/reclamação keeps its chosen <paramref name="Type"/>:
/// the registration use case turns it into a comunicação de irregularidade.
/// </summary>
public sealed record RegisterRequest(
    ManifestationType Type,
    Guid ThemeId,
    bool Anonymous,
    string? Name,
    string? Email,
    bool ConsentToShare,
    string Description,
    IReadOnlyList<MediaIn> Attachments) : AssistantRequest;

/// <summary>Consult a manifestation by NUP (formatted) and password.</summary>
public sealed record ConsultRequest(string Nup, string Password) : AssistantRequest;

/// <summary>Answer the pending complement request of a manifestation.</summary>
public sealed record ComplementRequest(string Nup, string Password, string Text, IReadOnlyList<MediaIn> Attachments) : AssistantRequest;

/// <summary>The outcome of an <see cref="AssistantRequest"/>.</summary>
public abstract record AssistantResult;

public sealed record Registered(string Nup, string Password, DateTimeOffset DueAt) : AssistantResult;

public sealed record Consulted(
    string Nup,
    string StatusLabel,
    DateTimeOffset? DueAt,
    IReadOnlyList<string> Answers,
    string? PendingComplementRequest) : AssistantResult;

public sealed record ComplementSent(string Nup) : AssistantResult;

/// <summary>A pt-BR message from the use case (validation, not found, throttling...).</summary>
public sealed record Failed(string Message) : AssistantResult;
