using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Citizen;

/// <summary>Whether the consult page offers the survey.</summary>
public enum SurveyState
{
    /// <summary>No conclusive answer yet (or archived without one).</summary>
    NotAvailable,

    Open,

    Answered,
}

/// <summary>The citizen's answers; the form's model maps to it.</summary>
public sealed record SurveyAnswers(SurveyAttendance Attended, int Clarity, int Satisfaction, string? Comment);

/// <summary>
/// "Pesquisa de satisfação": once per NUP, after the conclusive answer, authenticated by NUP +
/// password with exactly the consultation's check and throttling (<see cref="ConsultManifestation"/>).
/// A second submit — also two at the same instant, which the unique index settles — gets
/// <see cref="SatisfactionSurvey.AlreadyAnsweredMessage"/>.
/// </summary>
public sealed class CitizenSurvey(IDbContextFactory<OuvidoriaDbContext> factory, ConsultManifestation consult, TimeProvider clock)
{
    public async Task<Result<SurveyState>> StateAsync(string? nupText, string? password, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await consult.FindAsync(db, nupText, password, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var m = found.Value;
        if (await db.SatisfactionSurveys.AnyAsync(s => s.ManifestationId == m.Id, ct))
        {
            return SurveyState.Answered;
        }

        return m.CanReceiveSurvey ? SurveyState.Open : SurveyState.NotAvailable;
    }

    public async Task<Result<Done>> SubmitAsync(string? nupText, string? password, SurveyAnswers answers, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await consult.FindAsync(db, nupText, password, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var m = found.Value;
        try
        {
            var alreadyAnswered = await db.SatisfactionSurveys.AnyAsync(s => s.ManifestationId == m.Id, ct);
            db.SatisfactionSurveys.Add(m.AnswerSurvey(alreadyAnswered, answers.Attended, answers.Clarity, answers.Satisfaction, answers.Comment, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return Result.Ok;
        }
        catch (DomainException e)
        {
            return e.Message == SatisfactionSurvey.AlreadyAnsweredMessage ? Error.Conflict(e.Message) : Error.Validation(e.Message);
        }
        catch (DbUpdateException)
        {
            // A submit at the same instant won the unique index on the manifestation.
            await using var fresh = await factory.CreateDbContextAsync(ct);
            return await fresh.SatisfactionSurveys.AnyAsync(s => s.ManifestationId == m.Id, ct)
                ? Error.Conflict(SatisfactionSurvey.AlreadyAnsweredMessage)
                : Error.Conflict("Não foi possível registrar a pesquisa agora. Tente novamente.");
        }
    }
}
