using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Tests.Support;

/// <summary>Assertions shared by the domain tests.</summary>
public static class DomainAssert
{
    private const string PortugueseLetters = "ãõçáéíóúâêôà";

    private static readonly string[] PortugueseWords = ["Escreva", "Informe", "Descreva", "manifesta", "Somente", "unidade"];

    /// <summary>Asserts a <see cref="DomainException"/> whose message reads as pt-BR, and returns it.</summary>
    public static DomainException Throws(Action action)
    {
        var exception = Assert.Throws<DomainException>(action);
        PtBrMessage(exception.Message);
        return exception;
    }

    /// <summary>A message meant for the user: not empty, not the runtime's English default, in Portuguese.</summary>
    public static void PtBrMessage(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message), "The domain exception has no message.");
        Assert.DoesNotContain("Exception of type", message, StringComparison.Ordinal);
        Assert.True(
            message.Any(c => PortugueseLetters.Contains(char.ToLowerInvariant(c))) || PortugueseWords.Any(w => message.Contains(w, StringComparison.Ordinal)),
            $"The message does not look like pt-BR: \"{message}\"");
    }

    /// <summary>
    /// Asserts that <paramref name="action"/> throws a pt-BR <see cref="DomainException"/> and leaves
    /// <paramref name="manifestation"/> exactly as it was.
    /// </summary>
    public static DomainException ThrowsAndKeepsState(Manifestation manifestation, Action action)
    {
        var before = Snapshot(manifestation);
        var exception = Throws(action);
        Assert.Equal(before, Snapshot(manifestation));
        return exception;
    }

    /// <summary>Everything observable on the aggregate, as one comparable string.</summary>
    public static string Snapshot(Manifestation m) => string.Join(
        " | ",
        m.Status, m.Type, m.ThemeId, m.Subject, m.Extract, m.InternalNote, m.Requester, m.ConsentToShare,
        m.LastChangedAt.ToString("O"), m.CitizenDeadline, m.ClockPausedAt, m.ClockPauseUsed, m.ComplementRequest,
        m.ComplementDueAt, m.ComplementText, m.AnsweredAt, m.ConcludedAt, m.Resolved, m.ResolutionNote,
        m.ArchiveReason, m.ArchiveJustification, m.ArchivedAt,
        $"history={m.History.Count}", $"answers={m.Answers.Count}", $"messages={m.Messages.Count}", $"attachments={m.Attachments.Count}",
        string.Join(", ", m.Assignments.Select(a => $"{a.Id}:{a.UnitId}:{a.Role}:{a.Status}:{a.CollaboratorId}:{a.FinalizedAt:O}:{a.Deadline}:{a.ProcessNumber}:{a.NotAptReason}:{a.ExtensionRequestJustification}")),
        string.Join(", ", m.IdentityGrants.Select(g => $"{g.CollaboratorId}:{g.RevokedAt:O}")),
        string.Join(", ", m.IdentityRequests.Select(r => $"{r.AssignmentId}:{r.Status}")),
        string.Join(", ", m.CollaboratorRequests.Select(r => $"{r.CandidateName}:{r.Status}")),
        m.ResolutionReportedOn, m.ResolutionReportSynthesis);

    /// <summary>The last history entry, asserting who did what and when.</summary>
    public static HistoryEntry LastHistory(Manifestation m, HistoryAction action, Actor actor, DateTimeOffset at)
    {
        var entry = m.History[^1];
        Assert.Equal(action, entry.Action);
        Assert.Equal(actor.UserId, entry.ActorId);
        Assert.Equal(actor.Name, entry.ActorName);
        Assert.Equal(at, entry.At);
        Assert.Equal(m.Id, entry.ManifestationId);
        return entry;
    }
}
