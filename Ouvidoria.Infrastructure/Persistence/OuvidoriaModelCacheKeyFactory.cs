using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Ouvidoria.Infrastructure.Persistence;

/// <summary>
/// EF caches a built model per key, process-wide. Ours holds value converters bound to one app's
/// Data Protection provider, so the provider is part of the key: two apps in one process (two
/// nodes in a test, a tool next to the app) never use each other's protector.
/// </summary>
internal sealed class OuvidoriaModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is OuvidoriaDbContext ouvidoria
            ? (context.GetType(), ouvidoria.ModelCacheKey, designTime)
            : (context.GetType(), designTime);
}
