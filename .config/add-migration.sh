#!/usr/bin/env bash
# Adds an EF Core migration to both provider sets from the current model:
#   SQLite      src/Workbench.Web/Data/Migrations             (WorkbenchDbContext)
#   PostgreSQL  src/Workbench.Web/Data/Migrations/PostgreSql  (PostgresWorkbenchDbContext)
# usage: bash .config/add-migration.sh NAME
# Neither database is opened: the design-time factories in Data/DesignTimeFactories.cs build each context offline.
# A data step (an UPDATE backfilling a new column) is provider SQL: add it to each set's Up() by hand, in that set's dialect.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
name=${1:?usage: bash .config/add-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/Workbench.Web --context WorkbenchDbContext --output-dir Data/Migrations
dotnet ef migrations add "$name" --project src/Workbench.Web --context PostgresWorkbenchDbContext --output-dir Data/Migrations/PostgreSql
git status --short -- src/Workbench.Web/Data/Migrations
