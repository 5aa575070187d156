using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Home;

/// <summary>A number on a home card, with the queue filter it drills into.</summary>
public sealed record SummaryCard(string Title, int Value, string Link, string Style);

/// <summary>The counters on each role's home page, computed in the database.</summary>
public sealed class HomeSummaryQuery(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<SummaryCard>> ExecuteAsync(Actor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var soon = now.AddDays(DeadlinePolicy.CriticalDays);
        await using var db = await factory.CreateDbContextAsync(ct);
        switch (actor.Kind)
        {
            case ActorKind.Ombudsman:
            case ActorKind.Manager:
            {
                var byStatus = await db.Manifestations.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
                var overdue = await db.Manifestations.CountAsync(m => m.CitizenDeadline.DueAt < now && m.ClockPausedAt == null
                    && (m.Status == ManifestationStatus.Registered || m.Status == ManifestationStatus.InTriage || m.Status == ManifestationStatus.AwaitingComplement || m.Status == ManifestationStatus.InTreatment), ct);
                var unresolved = await db.Manifestations.CountAsync(m => m.Resolved == false, ct);
                return
                [
                    new("Aguardando triagem", byStatus.GetValueOrDefault(ManifestationStatus.Registered), "/tratar?status=Registered", "info"),
                    new("Em triagem", byStatus.GetValueOrDefault(ManifestationStatus.InTriage), "/tratar?status=InTriage", "info"),
                    new("Em tratamento nas unidades", byStatus.GetValueOrDefault(ManifestationStatus.InTreatment), "/tratar?status=InTreatment", "primary"),
                    new("Aguardando complementação", byStatus.GetValueOrDefault(ManifestationStatus.AwaitingComplement), "/tratar?status=AwaitingComplement", "secondary"),
                    new("Prazo vencido", overdue, "/tratar?vencidas=true", "danger"),
                    new("Concluídas sem resolução", unresolved, "/tratar?resolvida=false", "warning"),
                ];
            }

            case ActorKind.Collaborator:
            {
                var mine = db.Assignments.Where(AssignmentFilters.PendingFor(actor));
                var openCount = await mine.CountAsync(ct);
                // The same rule as the queue's "Somente vencidas" that the card links to.
                var overdue = await db.Manifestations.CountAsync(
                    m => m.Assignments.AsQueryable().Any(AssignmentFilters.OverdueFor(actor, now)),
                    ct);
                var dueSoon = await mine.CountAsync(a => a.Deadline.DueAt >= now && a.Deadline.DueAt <= soon, ct);
                var observing = await db.Assignments.Where(AssignmentFilters.Of(actor)).CountAsync(a => a.Role == AssignmentRole.Observer && a.Status == TreatmentStatus.Open, ct);
                return
                [
                    new("Tratamentos em aberto", openCount, "/tratar?ordem=Deadline", "primary"),
                    new("Vencem em até 5 dias", dueSoon, "/tratar?ordem=Deadline", "warning"),
                    new("Prazo vencido", overdue, "/tratar?vencidas=true", "danger"),
                    new("Como observador", observing, "/tratar", "secondary"),
                ];
            }

            case ActorKind.Administrator:
            {
                var units = await db.Units.CountAsync(u => u.IsActive, ct);
                var users = await db.Users.CountAsync(u => u.IsActive, ct);
                var themes = await db.Themes.CountAsync(t => t.IsActive, ct);
                return
                [
                    new("Unidades ativas", units, "/", "primary"),
                    new("Usuários ativos", users, "/", "primary"),
                    new("Temáticas ativas", themes, "/", "primary"),
                ];
            }

            case ActorKind.Citizen:
            case ActorKind.System:
                return [];
        }

        return [];
    }
}
