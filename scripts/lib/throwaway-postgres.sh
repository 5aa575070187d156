# A throwaway PostgreSQL server for scripts/test.sh and scripts/bench-scale.sh (sourced, not run):
# a temp dir, trust auth, loopback only, the first free port from a base, durability off.
#
#   pg_bindir                       the newest /usr/lib/postgresql/*/bin with initdb and pg_ctl (or nothing)
#   pg_throwaway_start BASE [OPT…]  initdb + start; sets PG_BIN PG_TMP PG_DATA PG_PORT (extra server
#                                   options such as "-c shared_buffers=256MB" are appended); needs log()
#                                   and RUN_TMP (a temp dir for the tools' logs) from the caller
#   pg_throwaway_stop               stops the server (kills our own postmaster if pg_ctl cannot) and
#                                   deletes its directory; safe to call when nothing was started

PG_BIN="" PG_TMP="" PG_DATA="" PG_PORT=""

pg_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
    printf '%s\n' "$d"
  fi
}

# Run a PostgreSQL binary as the postgres user when we are root (initdb and
# the server refuse to run as root); as ourselves otherwise.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$PG_TMP" && runuser -u postgres -- "$@")
  else
    (cd "$PG_TMP" && "$@")
  fi
}

pg_throwaway_start() {
  local base_port="$1"
  shift
  PG_BIN="$(pg_bindir)"
  if [ -z "$PG_BIN" ]; then
    log "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin"
    return 1
  fi

  PG_TMP="$(mktemp -d /tmp/ouvidoria-pg.XXXXXX)"
  PG_DATA="$PG_TMP/data"
  local sock="$PG_TMP/sock" server_log="$PG_TMP/server.log"
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      log "user 'postgres' does not exist (is the postgresql package installed?)"
      return 1
    fi
    chown postgres: "$PG_TMP"
  fi
  chmod 700 "$PG_TMP"
  as_pg mkdir -p "$sock"

  log "initdb ($PG_BIN) in $PG_DATA"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" --auth=trust -U postgres \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$RUN_TMP/initdb.log" 2>&1 || {
    cat "$RUN_TMP/initdb.log" >&2
    log "initdb failed"
    return 1
  }

  local p attempts=0 base=$((base_port + $$ % 50))
  PG_PORT=""
  for ((p = base; p < base + 100; p++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue   # in use
    attempts=$((attempts + 1))
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 -l "$server_log" \
        -o "-c listen_addresses=127.0.0.1 -p $p -k $sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off $*" \
        start >"$RUN_TMP/pg_ctl.log" 2>&1; then
      PG_PORT="$p"
      break
    fi
    log "PostgreSQL failed to start on port $p:"
    cat "$RUN_TMP/pg_ctl.log" >&2 || true
    tail -n 30 "$server_log" >&2 2>/dev/null || true
    # Make sure a half-started server is gone before the next attempt.
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    [ "$attempts" -ge 5 ] && break
  done
  if [ -z "$PG_PORT" ]; then
    log "could not start PostgreSQL"
    return 1
  fi
  log "PostgreSQL running on 127.0.0.1:$PG_PORT (data: $PG_DATA)"
}

pg_throwaway_stop() {
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
  if [ -n "$PG_TMP" ]; then
    rm -rf "$PG_TMP"
  fi
  return 0
}
