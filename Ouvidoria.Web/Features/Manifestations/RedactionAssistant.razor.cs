using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Ouvidoria.Domain.Privacy;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>The redacted version the ombudsman chose, and how many elements it hides.</summary>
public sealed record RedactedVersion(string Text, int RedactedElements);

/// <summary>
/// "Sugestões de tarja": runs <see cref="IdentifyingElementDetector"/> on the original text (server
/// side) with the requester's name and the people the ombudsman adds as involved, lets the ombudsman
/// uncheck suggestions, previews the redacted version and hands it to the extract editor. Nothing is
/// saved here: the triage panel saves the extract. Only the ombudsman gets this component (it needs
/// the original text, which the details carry for the ombudsman only).
/// </summary>
public sealed partial class RedactionAssistant
{
    private readonly List<string> involved = [];
    private List<Suggestion> suggestions = [];
    private string involvedInput = string.Empty;
    private Guid detectedFor;
    private string? detectedText;

    [Parameter, EditorRequired]
    public ManifestationDetails Details { get; set; } = default!;

    /// <summary>"Usar versão tarjada como extrato".</summary>
    [Parameter]
    public EventCallback<RedactedVersion> OnUse { get; set; }

    private string Original => Details.OriginalDescription ?? string.Empty;

    private int AcceptedCount => suggestions.Count(s => s.Accepted);

    private IReadOnlyList<RedactedSegment> Preview => Redactor.Segments(Original, suggestions.Where(s => s.Accepted).Select(s => s.Element));

    protected override void OnParametersSet()
    {
        if (detectedFor != Details.Id || detectedText != Original)
        {
            if (detectedFor != Details.Id)
            {
                involved.Clear();
            }

            detectedFor = Details.Id;
            detectedText = Original;
            Detect();
        }
    }

    /// <summary>Runs the detection again; suggestions the ombudsman unchecked stay unchecked, new ones come checked.</summary>
    private void Detect()
    {
        var names = new List<string>(involved);
        if (Details.IdentityVisible && !string.IsNullOrWhiteSpace(Details.RequesterName))
        {
            names.Insert(0, Details.RequesterName);
        }

        var declined = suggestions.Where(s => !s.Accepted).Select(s => s.Element).ToHashSet();
        suggestions = IdentifyingElementDetector.Detect(Original, names)
            .Select(e => new Suggestion(e) { Accepted = !declined.Contains(e) })
            .ToList();
    }

    private void AddInvolved()
    {
        var added = false;
        foreach (var name in involvedInput.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!involved.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                involved.Add(name);
                added = true;
            }
        }

        involvedInput = string.Empty;
        if (added)
        {
            Detect();
        }
    }

    private void OnInvolvedKeyDown(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            AddInvolved();
        }
    }

    private void RemoveInvolved(string name)
    {
        involved.Remove(name);
        Detect();
    }

    private void SetAll(bool accepted)
    {
        foreach (var suggestion in suggestions)
        {
            suggestion.Accepted = accepted;
        }
    }

    private Task UseAsync()
    {
        var accepted = suggestions.Where(s => s.Accepted).Select(s => s.Element).ToList();
        return OnUse.InvokeAsync(new RedactedVersion(Redactor.Apply(Original, accepted), accepted.Count));
    }

    private sealed class Suggestion(IdentifyingElement element)
    {
        public IdentifyingElement Element { get; } = element;

        public bool Accepted { get; set; } = true;
    }
}
