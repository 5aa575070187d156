using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Ouvidoria.Infrastructure.Audit;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Migrations.Sqlite;

/// <summary>Used only by dotnet-ef (built with -p:EfDesign=true): generates the Sqlite migrations.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OuvidoriaDbContext>
{
    public OuvidoriaDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<OuvidoriaDbContext>();
        PersistenceRegistration.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        // The model only needs a protector to exist (no value is encrypted at design time).
        return new OuvidoriaDbContext(options.Options, new EphemeralDataProtectionProvider(), HistoryChain.ForDevelopment());
    }
}
