using Ouvidoria.Domain.Organization;

namespace Ouvidoria.Domain.Assistant;

/// <summary>A theme the citizen may choose, with the personal data it needs.</summary>
public sealed record ThemeOption(Guid Id, string Name, PersonalDataRequirement PersonalData);

/// <summary>What the host provides on every call: the active themes and the idle timeout.</summary>
public sealed record AssistantContext(IReadOnlyList<ThemeOption> Themes, TimeSpan IdleTimeout)
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(30);

    public AssistantContext(IReadOnlyList<ThemeOption> themes)
        : this(themes, DefaultIdleTimeout)
    {
    }
}
