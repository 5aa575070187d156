using System.Linq.Expressions;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Web.Features.Shared;

/// <summary>
/// The database side of <see cref="Assignment.Includes"/>: which assignments are a collaborator's
/// (their unit's or named to them), and which of those still owe an answer. One definition for the
/// queue and the home cards, which link to each other and must count alike.
/// Use inside queries as <c>m.Assignments.AsQueryable().Any(filter)</c>.
/// </summary>
public static class AssignmentFilters
{
    public static Expression<Func<Assignment, bool>> Of(Actor actor)
    {
        var unitId = actor.UnitId;
        var userId = actor.UserId;
        return a => a.UnitId == unitId || (userId != null && a.CollaboratorId == userId);
    }

    /// <summary>The actor's open responsible treatments (what the unit still owes).</summary>
    public static Expression<Func<Assignment, bool>> PendingFor(Actor actor)
    {
        var unitId = actor.UnitId;
        var userId = actor.UserId;
        return a => (a.UnitId == unitId || (userId != null && a.CollaboratorId == userId))
            && a.Status == TreatmentStatus.Open && a.Role == AssignmentRole.Responsible;
    }

    public static Expression<Func<Assignment, bool>> OverdueFor(Actor actor, DateTimeOffset now)
    {
        var unitId = actor.UnitId;
        var userId = actor.UserId;
        return a => (a.UnitId == unitId || (userId != null && a.CollaboratorId == userId))
            && a.Status == TreatmentStatus.Open && a.Role == AssignmentRole.Responsible && a.Deadline.DueAt < now;
    }
}
