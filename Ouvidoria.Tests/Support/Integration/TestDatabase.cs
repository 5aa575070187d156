namespace Ouvidoria.Tests.Support.Integration;

/// <summary>The database server an <see cref="OuvidoriaAppFactory"/> runs the app on.</summary>
public enum TestDatabase
{
    Sqlite,
    Postgres,
}
