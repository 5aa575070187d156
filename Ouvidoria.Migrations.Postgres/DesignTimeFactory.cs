using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Ouvidoria.Infrastructure.Audit;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Migrations.Postgres;

/// <summary>Used only by dotnet-ef (built with -p:EfDesign=true): generates the Postgres migrations.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OuvidoriaDbContext>
{
    public OuvidoriaDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<OuvidoriaDbContext>();
        PersistenceRegistration.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=ouvidoria_design;Username=postgres");
        // The model only needs a protector to exist (no value is encrypted at design time).
        return new OuvidoriaDbContext(options.Options, new EphemeralDataProtectionProvider(), HistoryChain.ForDevelopment());
    }
}
