namespace Ouvidoria.Domain.Assistant;

/// <summary>What Bel answers. Constructors validate the WhatsApp limits and throw <see cref="ArgumentException"/>.</summary>
public abstract record Outbound;

/// <summary>A plain text message (body ≤ 4096 characters).</summary>
public sealed record TextOut(string Body) : Outbound
{
    public const int MaxBody = 4096;

    public string Body { get; } = OutboundLimits.Text(Body, MaxBody, nameof(Body));
}

/// <summary>A message with 1 to 3 reply buttons (title ≤ 20, body ≤ 1024).</summary>
public sealed record ButtonsOut(string Body, IReadOnlyList<Choice> Buttons) : Outbound
{
    public const int MaxBody = 1024;

    public const int MaxButtons = 3;

    public const int MaxTitle = 20;

    public string Body { get; } = OutboundLimits.Text(Body, MaxBody, nameof(Body));

    public IReadOnlyList<Choice> Buttons { get; } = OutboundLimits.Choices(Buttons, MaxButtons, MaxTitle, 0, nameof(Buttons));
}

/// <summary>
/// A list message: 1 to 10 rows in total (title ≤ 24, description ≤ 72), list button text ≤ 20,
/// body ≤ 1024.
/// </summary>
public sealed record ListOut(string Body, string ButtonText, IReadOnlyList<Choice> Rows) : Outbound
{
    public const int MaxBody = 1024;

    public const int MaxButtonText = 20;

    public const int MaxRows = 10;

    public const int MaxTitle = 24;

    public const int MaxDescription = 72;

    public string Body { get; } = OutboundLimits.Text(Body, MaxBody, nameof(Body));

    public string ButtonText { get; } = OutboundLimits.Text(ButtonText, MaxButtonText, nameof(ButtonText));

    public IReadOnlyList<Choice> Rows { get; } = OutboundLimits.Choices(Rows, MaxRows, MaxTitle, MaxDescription, nameof(Rows));
}

/// <summary>A button or list row. <paramref name="Id"/> is a stable string that comes back as <see cref="ChoiceIn"/>.</summary>
public sealed record Choice(string Id, string Title, string? Description = null);

internal static class OutboundLimits
{
    /// <summary>WhatsApp accepts up to 200 characters for a list row id (256 for a button).</summary>
    public const int MaxId = 200;

    public static string Text(string value, int max, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} must not be empty.", name);
        }

        if (value.Length > max)
        {
            throw new ArgumentException($"{name} has {value.Length} characters; the limit is {max}.", name);
        }

        return value;
    }

    /// <summary>Checks the choices; <paramref name="maxDescription"/> 0 means descriptions are not allowed.</summary>
    public static IReadOnlyList<Choice> Choices(IReadOnlyList<Choice> choices, int maxCount, int maxTitle, int maxDescription, string name)
    {
        ArgumentNullException.ThrowIfNull(choices, name);
        if (choices.Count is 0 || choices.Count > maxCount)
        {
            throw new ArgumentException($"{name} must have 1 to {maxCount} items; it has {choices.Count}.", name);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var choice in choices)
        {
            ArgumentNullException.ThrowIfNull(choice, name);
            Text(choice.Id, MaxId, $"{name} id");
            Text(choice.Title, maxTitle, $"{name} title");
            if (!ids.Add(choice.Id))
            {
                throw new ArgumentException($"{name} has the id \"{choice.Id}\" twice.", name);
            }

            if (choice.Description is not null)
            {
                if (maxDescription == 0)
                {
                    throw new ArgumentException($"{name} items cannot have a description.", name);
                }

                Text(choice.Description, maxDescription, $"{name} description");
            }
        }

        return choices.ToArray();
    }
}
