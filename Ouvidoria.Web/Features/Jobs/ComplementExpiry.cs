using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Web.Features.Jobs;

/// <summary>
/// Archives as "complementação não atendida" the manifestations whose complement request went
/// unanswered past its 20 days (DOMAIN.md), through the aggregate's own transition.
/// </summary>
public sealed class ComplementExpiry(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock, ILogger<ComplementExpiry> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Guid> expired;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            expired = await Candidates(db, now).ToListAsync(ct);
        }

        var archived = 0;
        foreach (var id in expired)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var m = await ManifestationWorkflow.LoadAsync(db, id, ct);
            if (m is null || m.Status != ManifestationStatus.AwaitingComplement || m.ComplementDueAt > now)
            {
                continue;
            }

            try
            {
                m.Archive(ArchiveReason.ComplementNotAnswered, null, Actor.System, now);
                await db.SaveChangesAsync(ct);
                archived++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The citizen answered (or another node archived) in the meantime: the next run decides.
                logger.LogInformation("Manifestação {Id} alterada durante o arquivamento por falta de complementação; fica para a próxima execução.", id);
            }
        }

        return archived;
    }

    /// <summary>Awaiting complement past the due date (partial index IX_Manifestations_AwaitingComplementDueAt).</summary>
    public static IQueryable<Guid> Candidates(OuvidoriaDbContext db, DateTimeOffset now) =>
        db.Manifestations.AsNoTracking()
            .Where(m => m.Status == ManifestationStatus.AwaitingComplement && m.ComplementDueAt <= now)
            .Select(m => m.Id);
}
