namespace Ouvidoria.Infrastructure.Persistence;

/// <summary>Last NUP sequence number handed out per registering unit code and year.</summary>
public sealed class NupSequence
{
    public int UnitCode { get; set; }

    public int Year { get; set; }

    public int LastValue { get; set; }
}
