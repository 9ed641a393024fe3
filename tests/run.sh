#!/usr/bin/env bash
# The one test command: bash tests/run.sh [extra dotnet test args, e.g. --filter ...]
# Installs what the browser tests need (Debian's chromium + a CJK font) if missing,
# runs every test project in Workbench.sln, writes TRX files to artifacts/test-results/<Project>/,
# and ends with one line: "N passed, N failed, N skipped".
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
