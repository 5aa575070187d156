#!/usr/bin/env bash
# Adds a migration for BOTH providers (SQLite and PostgreSQL). Usage: scripts/add-migration.sh Name
# Microsoft.EntityFrameworkCore.Design does not restore on this mirror, so the migrations projects
# reference it only when built with -p:EfDesign=true (docs/decisions/0003-ef-migrations.md).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh MigrationName}"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project="Ouvidoria.Migrations.$provider"
  dotnet build "$project" -p:EfDesign=true -v q -nologo
  dotnet tool run dotnet-ef migrations add "$name" --no-build -p "$project" -s "$project" -o Migrations
done
# Restore the normal (design-free) assets for the next regular build.
dotnet restore Ouvidoria.sln -v q >/dev/null
