using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;

namespace Ouvidoria.Domain.Assistant;

/// <summary>A theme the citizen may choose, with the personal data it needs.</summary>
public sealed record ThemeOption(Guid Id, string Name, PersonalDataRequirement PersonalData);

/// <summary>What the host provides on every call: the active themes, the idle timeout and the office's attachment limits.</summary>
public sealed record AssistantContext(IReadOnlyList<ThemeOption> Themes, TimeSpan IdleTimeout)
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The office's attachment limits (the maximum, 10 files / 30 MB, unless configured lower).</summary>
    public AttachmentLimits Attachments { get; init; } = AttachmentLimits.Legal;

    public AssistantContext(IReadOnlyList<ThemeOption> themes)
        : this(themes, DefaultIdleTimeout)
    {
    }
}
