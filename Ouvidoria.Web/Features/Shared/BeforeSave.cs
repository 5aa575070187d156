using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Shared;

/// <summary>
/// Work a caller adds to a use case's own unit of work: called with the outcome just before the
/// use case saves, on the same context (and transaction), so both are saved or neither is — e.g.
/// the integration API's idempotency record beside the manifestation it registered.
/// </summary>
public delegate Task BeforeSave<in T>(OuvidoriaDbContext db, T outcome, CancellationToken ct);
