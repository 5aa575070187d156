#!/usr/bin/env bash
# The scale benchmark on both providers (README, docs/benchmarks.md):
#
#  1. builds Ouvidoria.Benchmarks (Release);
#  2. SQLite: a fresh file in a temp dir;
#  3. PostgreSQL: a throwaway server (temp dir, free port, trust auth; the same logic as
#     scripts/test.sh), stopped and deleted on exit, also on failure or Ctrl-C;
#  4. runs `scale` for each (1,000,000 manifestations unless --rows N) and writes the sections
#     of docs/benchmarks.md (unless --out is given). Extra args are passed through.
# Usage: bash scripts/bench-scale.sh [--only sqlite|postgres] [--rows N] [--repetitions N]
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '[bench-scale.sh] %s\n' "$*" >&2; }

only=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
case " ${args[*]-} " in
  *" --out "*) ;;
  *) args+=(--out docs/benchmarks.md) ;;
esac

# pg_bindir, pg_throwaway_start, pg_throwaway_stop (shared with scripts/test.sh)
. scripts/lib/throwaway-postgres.sh

RUN_TMP="$(mktemp -d /tmp/ouvidoria-bench.XXXXXX)"

cleanup() {
  local rc=$?
  set +e
  pg_throwaway_stop
  rm -rf "$RUN_TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
log "building Ouvidoria.Benchmarks (Release)"
dotnet build Ouvidoria.Benchmarks -c Release -v q -nologo >"$RUN_TMP/build.log" 2>&1 || { cat "$RUN_TMP/build.log" >&2; exit 1; }

bench() {
  dotnet run -c Release --no-build --project Ouvidoria.Benchmarks -- scale "$@" ${args[@]+"${args[@]}"}
}

# ---------------------------------------------------------------- SQLite
if [ -z "$only" ] || [ "$only" = sqlite ]; then
  log "SQLite: $RUN_TMP/scale.db"
  bench --provider sqlite --connection "Data Source=$RUN_TMP/scale.db"
  rm -f "$RUN_TMP"/scale.db*
fi

# ---------------------------------------------------------------- PostgreSQL (throwaway server)
if [ -z "$only" ] || [ "$only" = postgres ]; then
  if [ -z "$(pg_bindir)" ]; then
    log "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (bash scripts/test.sh installs them)"
    exit 1
  fi
  pg_throwaway_start 56432 -c shared_buffers=256MB -c maintenance_work_mem=256MB || exit 1
  bench --provider postgres --connection "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=ouvidoria_scale"
fi
