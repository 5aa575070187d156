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

pg_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
    printf '%s\n' "$d"
  fi
}

RUN_TMP="$(mktemp -d /tmp/ouvidoria-bench.XXXXXX)"
PG_TMP=""
PG_DATA=""

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$PG_TMP" && runuser -u postgres -- "$@")
  else
    (cd "$PG_TMP" && "$@")
  fi
}

cleanup() {
  local rc=$?
  set +e
  if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1
    if [ -f "$PG_DATA/postmaster.pid" ]; then
      # pg_ctl could not stop it: kill our own postmaster (and only it) by pid.
      local pid
      pid="$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null)"
      case "$pid" in
        ''|*[!0-9]*) ;;
        *) kill -9 "$pid" 2>/dev/null; sleep 1 ;;
      esac
    fi
  fi
  [ -n "$PG_TMP" ] && rm -rf "$PG_TMP"
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
  PG_BIN="$(pg_bindir)"
  if [ -z "$PG_BIN" ]; then
    log "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (bash scripts/test.sh installs them)"
    exit 1
  fi

  PG_TMP="$(mktemp -d /tmp/ouvidoria-pg.XXXXXX)"
  PG_DATA="$PG_TMP/data"
  PG_SOCK="$PG_TMP/sock"
  PG_LOG="$PG_TMP/server.log"
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      log "user 'postgres' does not exist (is the postgresql package installed?)"
      exit 1
    fi
    chown postgres: "$PG_TMP"
  fi
  chmod 700 "$PG_TMP"
  as_pg mkdir -p "$PG_SOCK"

  log "initdb ($PG_BIN) in $PG_DATA"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" --auth=trust -U postgres \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$RUN_TMP/initdb.log" 2>&1 || {
    cat "$RUN_TMP/initdb.log" >&2
    log "initdb failed"
    exit 1
  }

  port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

  PG_PORT=""
  base=$((56432 + $$ % 50))
  attempts=0
  for ((p = base; p < base + 100; p++)); do
    port_in_use "$p" && continue
    attempts=$((attempts + 1))
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 -l "$PG_LOG" \
        -o "-c listen_addresses=127.0.0.1 -p $p -k $PG_SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c maintenance_work_mem=256MB" \
        start >"$RUN_TMP/pg_ctl.log" 2>&1; then
      PG_PORT="$p"
      break
    fi
    log "PostgreSQL failed to start on port $p:"
    cat "$RUN_TMP/pg_ctl.log" >&2 || true
    tail -n 30 "$PG_LOG" >&2 2>/dev/null || true
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    [ "$attempts" -ge 5 ] && break
  done
  if [ -z "$PG_PORT" ]; then
    log "could not start PostgreSQL"
    exit 1
  fi
  log "PostgreSQL running on 127.0.0.1:$PG_PORT (data: $PG_DATA)"
  bench --provider postgres --connection "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=ouvidoria_scale"
fi
