using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Manifestations;

public sealed record SurveyResultView(SurveyAttendance Attended, int Clarity, int Satisfaction, string? Comment, DateTimeOffset AnsweredAt);

/// <summary>The citizen's satisfaction survey of one manifestation, for the ombudsman and managers (null when not answered).</summary>
public sealed class SurveyResultQuery(IDbContextFactory<OuvidoriaDbContext> factory)
{
    public static bool MaySee(Actor actor) => actor.Kind is ActorKind.Ombudsman or ActorKind.Manager;

    public async Task<Result<SurveyResultView?>> ExecuteAsync(Guid manifestationId, Actor actor, CancellationToken ct = default)
    {
        if (!MaySee(actor))
        {
            return Error.Forbidden("A pesquisa de satisfação é vista pela Ouvidoria e pelos gestores.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var survey = await db.SatisfactionSurveys.AsNoTracking().FirstOrDefaultAsync(s => s.ManifestationId == manifestationId, ct);
        return Result<SurveyResultView?>.Success(survey is null ? null : new SurveyResultView(survey.Attended, survey.Clarity, survey.Satisfaction, survey.Comment, survey.AnsweredAt));
    }
}
