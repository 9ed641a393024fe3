#!/usr/bin/env bash
# The one test command: bash tests/run.sh [extra dotnet test args, e.g. --filter ...]
# Installs what the browser tests need (Debian's chromium + a CJK font) and PostgreSQL and Redis if missing,
# starts PostgreSQL and Redis on free loopback ports (stopped on exit), runs every test project in Workbench.sln
# (on SQLite; the two-instance test on PostgreSQL and Redis), then the data, edit, import, export, review and hub
# tests again on PostgreSQL, writes TRX files to artifacts/test-results/<Project>/, and ends with one line summing
# both passes: "N passed, N failed, N skipped".
# Exits non-zero if the build or any test failed, or if no test ran.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DEBIAN_FRONTEND=noninteractive

log() { printf '[run.sh] %s\n' "$*"; }

# --- system packages (only when missing) ----------------------------------
missing=()
if ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
if ! fc-list 2>/dev/null | grep -qi -E 'wqy|noto.*cjk'; then
  missing+=(fonts-wqy-microhei)
fi
if ((${#missing[@]})); then
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo_cmd=(sudo -n)
    else
      log "WARNING: not root and no sudo; cannot install: ${missing[*]}"
    fi
  fi
  if [[ $(id -u) -eq 0 || ${#sudo_cmd[@]} -gt 0 ]]; then
    log "installing Debian packages: ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  fi
else
  log "chromium and a CJK font are already installed"
fi

# --- PostgreSQL and Redis -------------------------------------------------------
# The PostgreSQL pass and the two-instance test need both servers. They are started here on loopback, on free
# ports, in a temporary folder, and stopped on exit (PostgreSQL refuses to run as root: as root it runs as the
# postgres system user). Without them (not root, no packages) those tests skip, saying why; CI=true makes that fatal.
servers_dir=""
redis_pid=""
pg_bin=""
stop_servers() {
  if [[ -n $pg_bin && -n $servers_dir && -f $servers_dir/pg/PG_VERSION ]]; then
    as_postgres "$pg_bin/pg_ctl" -D "$servers_dir/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [[ -n $redis_pid ]]; then
    kill "$redis_pid" 2>/dev/null || true
  fi
  if [[ -n $servers_dir ]]; then
    rm -rf "$servers_dir"
  fi
}
trap stop_servers EXIT
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
free_port() { # a port nothing listens on, between 20000 and 59999
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}
start_servers() {
  local need=()
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  if ((${#need[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
      log "WARNING: not root; cannot install ${need[*]}"
      return 1
    fi
    log "installing Debian packages: ${need[*]}"
    apt-get update
    apt-get install -y --no-install-recommends "${need[@]}"
    # The package starts a cluster of its own on 5432; the tests use their own, so stop it again.
    service postgresql stop >/dev/null 2>&1 || true
    service redis-server stop >/dev/null 2>&1 || true
  fi
  pg_bin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1)")
  servers_dir=$(mktemp -d /tmp/workbench-servers-XXXXXX)
  chmod 755 "$servers_dir"
  mkdir -p "$servers_dir/pg" "$servers_dir/redis"
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$servers_dir/pg"; fi
  local pg_port redis_port
  pg_port=$(free_port)
  redis_port=$(free_port)
  as_postgres "$pg_bin/initdb" -D "$servers_dir/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$servers_dir/initdb.log" 2>&1 || { cat "$servers_dir/initdb.log"; return 1; }
  as_postgres "$pg_bin/pg_ctl" -D "$servers_dir/pg" -l "$servers_dir/pg/server.log" -w -t 60 \
    -o "-p $pg_port -k $servers_dir/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null || { cat "$servers_dir/pg/server.log"; return 1; }
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$servers_dir/redis" --logfile "$servers_dir/redis/redis.log" &
  redis_pid=$!
  export WORKBENCH_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
  export WORKBENCH_TEST_REDIS="127.0.0.1:$redis_port"
  log "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port (in $servers_dir)"
}
if ! start_servers; then
  if [[ ${CI:-} == true ]]; then
    log "FAILED: could not start PostgreSQL and Redis"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  fi
  log "WARNING: no PostgreSQL/Redis: the PostgreSQL pass is left out and the two-instance test skips"
  unset WORKBENCH_TEST_POSTGRES WORKBENCH_TEST_REDIS
fi

# --- .NET local tools -------------------------------------------------------
log "dotnet tool restore"
dotnet tool restore

# --- build ---------------------------------------------------------------------
# dotnet test skips projects that are not test projects (tests/Workbench.Benchmarks),
# so build the whole solution first: everything must compile, warnings are errors.
results_dir="$repo_root/artifacts/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

log "dotnet build Workbench.sln"
build_rc=0
dotnet build Workbench.sln || build_rc=$?
if ((build_rc != 0)); then
  log "FAILED: dotnet build exited with $build_rc"
  echo "0 passed, 0 failed, 0 skipped"
  exit 1
fi

# --- tests -------------------------------------------------------------------

# -m:1 runs the test projects one after another (the machine has 2 cores and the
# browser tests start Chromium). WorkbenchTestResults (see tests/Directory.Build.props)
# gives each project its own results folder, so each writes
# artifacts/test-results/<Project>/results.trx instead of overwriting one file.
log "dotnet test Workbench.sln $*"
test_rc=0
dotnet test Workbench.sln -m:1 \
  -p:WorkbenchTestResults="$results_dir" \
  --logger "trx;LogFileName=results.trx" \
  --logger "console;verbosity=normal" \
  "$@" || test_rc=$?

# --- the PostgreSQL pass ------------------------------------------------------
# The data-access, edit-path, import, export, review and hub tests again, each test class on a fresh PostgreSQL
# database (WORKBENCH_TEST_DATABASE=PostgreSQL; see tests/Workbench.Web.Tests/Support/TestServers.cs). Its TRX file
# sits beside the first pass's and is summed with it below. Only for the whole suite (no extra arguments).
postgres_filter='(FullyQualifiedName~Workbench.Web.Tests.Data.|FullyQualifiedName~Workbench.Web.Tests.Hubs.|FullyQualifiedName~Workbench.Web.Tests.Editing.|FullyQualifiedName~Workbench.Web.Tests.Import.|FullyQualifiedName~Workbench.Web.Tests.Export.|FullyQualifiedName~Workbench.Web.Tests.Review.|FullyQualifiedName~Workbench.Web.Tests.Continuation.|FullyQualifiedName~Workbench.Web.Tests.Pages.Projects.UploadTests)&Category!=TwoInstances&Category!=SqliteOnly'
if [[ -n ${WORKBENCH_TEST_POSTGRES:-} && $# -eq 0 ]]; then
  log "dotnet test tests/Workbench.Web.Tests on PostgreSQL (filter: $postgres_filter)"
  WORKBENCH_TEST_DATABASE=PostgreSQL dotnet test tests/Workbench.Web.Tests --no-build \
    -p:WorkbenchTestResults="$results_dir" \
    --logger "trx;LogFileName=results-postgresql.trx" \
    --logger "console;verbosity=normal" \
    --filter "$postgres_filter" || test_rc=$?
fi

# --- summary from the TRX files ---------------------------------------------
# Each .trx has one <ResultSummary><Counters total=".." executed=".." passed=".."
# failed=".." error=".." timeout=".." aborted=".." notExecuted=".." .../>; sum them.
attr() { # attr NAME <<< "<Counters ...>"  -> the attribute's integer value, or 0
  local v
  v=$(grep -o " $1=\"[0-9]*\"" | head -n 1 | grep -o '[0-9][0-9]*' || true)
  echo "${v:-0}"
}
total=0 passed=0 failed=0 skipped=0 files=0
mapfile -t trx_files < <(find "$results_dir" -name '*.trx' -type f | sort)
for trx in "${trx_files[@]}"; do
  counters=$(tr '\n\r' '  ' <"$trx" | grep -o '<Counters [^>]*>' | head -n 1 || true)
  if [[ -z $counters ]]; then
    log "WARNING: no <Counters> in $trx"
    failed=$((failed + 1))
    continue
  fi
  files=$((files + 1))
  t=$(attr total <<<"$counters")
  e=$(attr executed <<<"$counters")
  p=$(attr passed <<<"$counters")
  f=$(( $(attr failed <<<"$counters") + $(attr error <<<"$counters") + $(attr timeout <<<"$counters") + $(attr aborted <<<"$counters") ))
  total=$((total + t))
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + t - e))
  log "${trx#"$results_dir"/}: total=$t passed=$p failed=$f skipped=$((t - e))"
done
log "$files TRX file(s) in ${results_dir#"$repo_root"/}; dotnet test exit code $test_rc"

status=0
if ((test_rc != 0)); then
  log "FAILED: dotnet test exited with $test_rc"
  status=1
fi
if ((failed > 0)); then
  log "FAILED: $failed test(s) failed"
  status=1
fi
if ((passed + failed == 0)); then
  log "FAILED: no test ran"
  status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
