namespace Ouvidoria.Domain.Privacy;

/// <summary>A stretch of a text that may identify someone: <paramref name="Text"/> is <c>text[Start..(Start + Length)]</c>.</summary>
public sealed record IdentifyingElement(int Start, int Length, IdentifyingElementKind Kind, string Text)
{
    /// <summary>The index just after the element.</summary>
    public int End => Start + Length;

    public bool Overlaps(IdentifyingElement other) => Start < other.End && other.Start < End;
}
