#!/usr/bin/env bash
# The one test command of the project (README: `bash scripts/test.sh`).
#
#  1. installs missing system packages (chromium, postgresql, poppler-utils,
#     fonts-liberation2, nodejs/npm) with apt-get -- skipped when everything is
#     present -- and maildev 2.2.1 (SMTP sink) with npm into a cache folder;
#  2. starts a throwaway PostgreSQL server (temp dir, free port, trust auth),
#     stopped and deleted on exit, also on failure or Ctrl-C;
#  3. runs `dotnet test Ouvidoria.sln` (extra args are passed through) with
#     OUVIDORIA_TEST_POSTGRES / OUVIDORIA_CHROMIUM set;
#  4. prints a closing line "N passed, N failed, N skipped" and exits with
#     dotnet test's exit code.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO_ROOT="$(pwd)"

log() { printf '[test.sh] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- helpers
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    log "need root to run: $*"
    return 1
  fi
}

# True while some apt/dpkg process is running or holds the dpkg lock.
apt_busy() {
  local f c
  if command -v fuser >/dev/null 2>&1; then
    for f in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock; do
      [ -e "$f" ] && fuser "$f" >/dev/null 2>&1 && return 0
    done
  fi
  # Dependency-free fallback (procps/psmisc may be absent on a fresh machine).
  for f in /proc/[0-9]*/comm; do
    c="$(cat "$f" 2>/dev/null || true)"
    case "$c" in
      apt|apt-get|aptitude|dpkg|unattended-upgr*) return 0 ;;
    esac
  done
  return 1
}

wait_for_apt() {
  local waited=0 limit=600
  while apt_busy; do
    if [ "$waited" -ge "$limit" ]; then
      log "apt/dpkg still busy after ${limit}s; trying anyway"
      return 0
    fi
    [ "$waited" -eq 0 ] && log "another apt/dpkg is running; waiting (up to ${limit}s)..."
    sleep 5
    waited=$((waited + 5))
  done
}

# pg_bindir, pg_throwaway_start, pg_throwaway_stop (shared with scripts/bench-scale.sh)
. "$REPO_ROOT/scripts/lib/throwaway-postgres.sh"

# ---------------------------------------------------------------- 1. system packages
# Only what is missing is asked for: a machine whose Node.js comes from another source (e.g.
# nodesource's nodejs, which bundles npm and conflicts with Debian's npm) must not get Debian's.
apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
[ -n "$(pg_bindir)" ] || apt_packages+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || apt_packages+=(poppler-utils)
[ -e /usr/share/fonts/truetype/liberation2 ] || [ -e /usr/share/fonts/truetype/liberation ] || apt_packages+=(fonts-liberation2)
if ! command -v npm >/dev/null 2>&1; then
  command -v node >/dev/null 2>&1 || apt_packages+=(nodejs)
  apt_packages+=(npm)
fi
if [ "${#apt_packages[@]}" -gt 0 ]; then
  log "installing system packages: ${apt_packages[*]}..."
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
  wait_for_apt
  as_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update
  wait_for_apt
  as_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends \
    "${apt_packages[@]}"
fi

# maildev: the real SMTP server the e-mail tests send to (each test starts its own on free ports).
TOOLS_DIR="${OUVIDORIA_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ouvidoria-test-tools}"
MAILDEV_BIN="$TOOLS_DIR/node_modules/.bin/maildev"
if [ ! -x "$MAILDEV_BIN" ]; then
  log "installing maildev@2.2.1 into $TOOLS_DIR..."
  mkdir -p "$TOOLS_DIR"
  (cd "$TOOLS_DIR" && npm install --no-audit --no-fund --loglevel=error maildev@2.2.1 >&2)
fi
# ---------------------------------------------------------------- 2. throwaway PostgreSQL
RUN_TMP="$(mktemp -d /tmp/ouvidoria-test.XXXXXX)"

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

pg_throwaway_start 55432 -c max_connections=200 || exit 1

# ---------------------------------------------------------------- 3. dotnet test
export OUVIDORIA_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
export OUVIDORIA_CHROMIUM=/usr/bin/chromium
export OUVIDORIA_MAILDEV="$MAILDEV_BIN"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

mkdir -p TestResults
touch "$RUN_TMP/started"   # TRX files newer than this belong to this run
sleep 1

set +e
dotnet test Ouvidoria.sln -c Release \
  --logger "console;verbosity=normal" --logger trx \
  --results-directory TestResults "$@" 2>&1 | tee "$RUN_TMP/dotnet-test.log"
rc=${PIPESTATUS[0]}
set -e

# ---------------------------------------------------------------- 4. summary
summary=""
mapfile -t trx_files < <(find "$REPO_ROOT/TestResults" -name '*.trx' -newer "$RUN_TMP/started" 2>/dev/null || true)
if [ "${#trx_files[@]}" -gt 0 ] && [ -x /usr/bin/python3 ]; then
  summary="$(/usr/bin/python3 - "${trx_files[@]}" <<'PY' 2>/dev/null || true
import sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in sys.argv[1:]:
    for el in ET.parse(path).getroot().iter():
        if el.tag.rsplit('}', 1)[-1] != 'UnitTestResult':
            continue
        outcome = el.get('outcome', '')
        if outcome == 'Passed':
            passed += 1
        elif outcome in ('Failed', 'Error', 'Timeout', 'Aborted'):
            failed += 1
        else:
            skipped += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
)"
fi
if [ -z "$summary" ]; then
  # Fallback: sum dotnet test's per-assembly summary lines, e.g.
  # "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 1 s"
  summary="$(awk '
    /(Passed|Failed)! +- +Failed: *[0-9]+, *Passed: *[0-9]+, *Skipped: *[0-9]+/ {
      line = $0
      match(line, /Failed: *[0-9]+/);  f += substr(line, RSTART + 7, RLENGTH - 7) + 0
      match(line, /Passed: *[0-9]+/);  p += substr(line, RSTART + 7, RLENGTH - 7) + 0
      match(line, /Skipped: *[0-9]+/); s += substr(line, RSTART + 8, RLENGTH - 8) + 0
    }
    END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
  ' "$RUN_TMP/dotnet-test.log")"
fi
if [ "$rc" -ne 0 ]; then
  log "dotnet test exited with code $rc"
fi
echo "$summary"
exit "$rc"
