#!/usr/bin/env bash
# hack/test.sh - THE test command of SloScaler (CI's .ci/run execs it).
#
#   1. checks the .NET SDK, and the shell scripts (hack/check-scripts.sh: bash -n, shellcheck),
#   2. installs Prometheus if needed (hack/prometheus-install.sh) -> SLOSCALER_PROMETHEUS_BIN,
#      and Helm (hack/helm-install.sh) -> SLOSCALER_HELM,
#   3. starts a throw-away Kubernetes 1.20 control plane on free 127.0.0.1 ports
#      (hack/kube-up.sh; the first run on a machine builds it, 8-12 min)
#      -> SLOSCALER_KUBECONFIG (and SLOSCALER_KUBECTL when kubectl is installed);
#      it is stopped again on exit (hack/kube-down.sh),
#   4. runs `dotnet test Operator.sln -c Release` with TRX + console loggers,
#   5. prints as its LAST line `tests: N passed, N failed[, N skipped]` from the TRX files and
#      exits non-zero if a test failed, dotnet test failed, or no test ran.
#
# Usage: hack/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Core]
# Environment (all optional):
#   SLOSCALER_SKIP_KUBE=1         do not start Kubernetes (quick local runs; cluster tests skip)
#   SLOSCALER_KUBECONFIG=PATH     use this running cluster instead of starting one
#   SLOSCALER_TEST_TIMEOUT=SECS   bound for `dotnet test` as a whole (default 3600)
#   SLOSCALER_TEST_VERBOSITY      console logger verbosity (default minimal; normal lists every test)
#   SLOSCALER_TEST_RESULTS_DIR    an empty dir for the TRX files (default: a temp dir, kept only on failure)
#   plus the SLOSCALER_KUBE_* variables of hack/kube-up.sh, except SLOSCALER_KUBE_STATE_DIR:
#   each run gets a fresh control plane in its own temp dir.
set -euo pipefail

HACK=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HACK/.." && pwd)
T0=$SECONDS

LOG_PREFIX=test.sh
# shellcheck source=hack/lib.sh
. "$HACK/lib.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No build servers that outlive this script (they could hold CI's output pipe open).
export MSBUILDDISABLENODEREUSE=${MSBUILDDISABLENODEREUSE:-1}
export DOTNET_CLI_USE_MSBUILD_SERVER=${DOTNET_CLI_USE_MSBUILD_SERVER:-0}
export UseSharedCompilation=${UseSharedCompilation:-false}

# ---------------------------------------------------------------- temp dir + cleanup
RUN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sloscaler-test.XXXXXX")
RESULTS=${SLOSCALER_TEST_RESULTS_DIR:-$RUN_TMP/results}
mkdir -p "$RESULTS"
if [ -n "$(find "$RESULTS" -name '*.trx' -print -quit)" ]; then
  rm -rf "$RUN_TMP"
  die "$RESULTS already holds TRX files; they would be counted: give an empty dir"
fi
KUBE_STARTED=0

CLEANED=0
cleanup() { # rc: stop the control plane, remove or keep the temp dir
  local rc=$1
  [ "$CLEANED" = 1 ] && return 0
  CLEANED=1
  if [ "$KUBE_STARTED" = 1 ]; then
    if [ "$rc" = 0 ]; then
      "$HACK/kube-down.sh" --purge || log "WARNING: kube-down.sh failed"
    else
      # keep the control-plane logs for a look at what went wrong
      "$HACK/kube-down.sh" || log "WARNING: kube-down.sh failed"
    fi
  fi
  if [ "$rc" != 0 ]; then
    log "kept $RUN_TMP (TRX files, control-plane logs) for inspection"
  else
    rm -rf "$RUN_TMP"
  fi
}
on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  cleanup "$rc"
  exit "$rc"
}
trap on_exit EXIT
# Long steps run in the background and are waited for, so that a signal is handled at once:
# the running step is stopped by its PID, then the EXIT trap stops the control plane.
CHILD=
on_signal() { # exit code
  log "interrupted (signal); stopping"
  if [ -n "$CHILD" ]; then kill -TERM "$CHILD" 2>/dev/null || true; wait "$CHILD" 2>/dev/null || true; fi
  exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
run_step() { # command... ; runs it in the background, waits, returns its exit code
  local rc=0
  "$@" &
  CHILD=$!
  wait "$CHILD" || rc=$?
  CHILD=
  return "$rc"
}

# ---------------------------------------------------------------- 1. .NET SDK
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is not installed (need the version in global.json: $(grep -o '"version": *"[^"]*"' "$ROOT/global.json" 2>/dev/null))"
SDK=$(cd "$ROOT" && dotnet --version 2>&1) \
  || die "no .NET SDK matching global.json is installed: $SDK"
log ".NET SDK $SDK"

# ---------------------------------------------------------------- 1b. the scripts themselves
"$HACK/check-scripts.sh" || die "hack/check-scripts.sh failed (see above)"

# ---------------------------------------------------------------- 2. Prometheus
SLOSCALER_PROMETHEUS_BIN=$("$HACK/prometheus-install.sh" | tail -n1)
[ -x "$SLOSCALER_PROMETHEUS_BIN" ] || die "hack/prometheus-install.sh gave no prometheus binary"
export SLOSCALER_PROMETHEUS_BIN
log "SLOSCALER_PROMETHEUS_BIN=$SLOSCALER_PROMETHEUS_BIN"

# ---------------------------------------------------------------- 2b. Helm (chart lint/template/install tests)
SLOSCALER_HELM=$("$HACK/helm-install.sh" | tail -n1)
[ -x "$SLOSCALER_HELM" ] || die "hack/helm-install.sh gave no helm binary"
export SLOSCALER_HELM
log "SLOSCALER_HELM=$SLOSCALER_HELM"

# ---------------------------------------------------------------- 3. Kubernetes
if [ "${SLOSCALER_SKIP_KUBE:-0}" = 1 ]; then
  log "SLOSCALER_SKIP_KUBE=1: no Kubernetes control plane (tests that need one will skip)"
  unset SLOSCALER_KUBECONFIG
elif [ -n "${SLOSCALER_KUBECONFIG:-}" ]; then
  [ -r "$SLOSCALER_KUBECONFIG" ] || die "SLOSCALER_KUBECONFIG=$SLOSCALER_KUBECONFIG is not readable"
  log "using the existing cluster of SLOSCALER_KUBECONFIG=$SLOSCALER_KUBECONFIG"
else
  # A fresh control plane for this run, in this run's temp dir; stopped (and purged) on exit.
  export SLOSCALER_KUBE_STATE_DIR=$RUN_TMP/kube
  KUBE_STARTED=1
  run_step "$HACK/kube-up.sh" >"$RUN_TMP/kube-up.out" </dev/null || die "hack/kube-up.sh failed (see above)"
  SLOSCALER_KUBECONFIG=$(tail -n1 "$RUN_TMP/kube-up.out")
  [ -s "$SLOSCALER_KUBECONFIG" ] || die "hack/kube-up.sh gave no kubeconfig"
  export SLOSCALER_KUBECONFIG
  log "SLOSCALER_KUBECONFIG=$SLOSCALER_KUBECONFIG"
fi
if [ -n "${SLOSCALER_KUBECONFIG:-}" ] && [ -z "${SLOSCALER_KUBECTL:-}" ] && command -v kubectl >/dev/null 2>&1; then
  SLOSCALER_KUBECTL=$(command -v kubectl)
  export SLOSCALER_KUBECTL
  log "SLOSCALER_KUBECTL=$SLOSCALER_KUBECTL"
fi

# ---------------------------------------------------------------- 4. dotnet test
TEST_TIMEOUT=${SLOSCALER_TEST_TIMEOUT:-3600}
log "dotnet test Operator.sln -c Release (at most ${TEST_TIMEOUT}s) $*"
DOTNET_RC=0
(
  cd "$ROOT"
  exec timeout --kill-after=60 "$TEST_TIMEOUT" dotnet test Operator.sln -c Release \
    --logger "trx;LogFilePrefix=r" \
    --logger "console;verbosity=${SLOSCALER_TEST_VERBOSITY:-minimal}" \
    --results-directory "$RESULTS" \
    --blame-hang-timeout 15m --blame-hang-dump-type none \
    "$@" </dev/null
) &
CHILD=$!
wait "$CHILD" || DOTNET_RC=$?
CHILD=
case "$DOTNET_RC" in
  0) ;;
  124|137) log "ERROR: dotnet test did not finish within ${TEST_TIMEOUT}s and was killed" ;;
  *) log "dotnet test exited with $DOTNET_RC" ;;
esac

# ---------------------------------------------------------------- 5. count from the TRX files
mapfile -t TRX < <(find "$RESULTS" -name '*.trx' -type f | sort)
log "${#TRX[@]} TRX file(s) in $RESULTS"
PASSED=0 FAILED=0 SKIPPED=0
if ((${#TRX[@]})); then
  PY=$(command -v python3 || true)
  [ -n "$PY" ] || { [ -x /usr/bin/python3 ] && PY=/usr/bin/python3; }
  if [ -n "$PY" ]; then
    read -r PASSED FAILED SKIPPED < <("$PY" - "${TRX[@]}" <<'EOF'
import sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"unreadable TRX {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    results = root.find(f"{ns}Results")
    if results is None:
        continue
    # top-level results only (data-driven InnerResults are counted through their parent)
    for r in results.findall(f"{ns}UnitTestResult"):
        outcome = r.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending", "Disconnected", "NotRunnable"):
            skipped += 1
        else:  # Failed, Error, Timeout, Aborted, PassedButRunAborted, ...
            failed += 1
print(passed, failed, skipped)
EOF
    ) || die "could not parse the TRX files in $RESULTS"
  else
    # No python: sum the ResultSummary counters.
    for f in "${TRX[@]}"; do
      c=$(grep -o '<Counters [^>]*' "$f" | head -n1)
      get() { echo "$c" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }
      PASSED=$((PASSED + $(get passed)))
      FAILED=$((FAILED + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
      SKIPPED=$((SKIPPED + $(get total) - $(get executed))) # skipped tests are not "executed"
    done
  fi
fi

RC=0
if [ "$FAILED" -gt 0 ]; then
  log "FAILED: $FAILED test(s) failed"
  RC=1
fi
if [ $((PASSED + FAILED + SKIPPED)) -eq 0 ]; then
  log "ERROR: no test ran (see the dotnet test output above)"
  RC=1
fi
if [ "$DOTNET_RC" != 0 ] && [ "$RC" = 0 ]; then
  log "ERROR: dotnet test failed (exit $DOTNET_RC) although no TRX result failed (build error, crashed test host?)"
  RC=1
fi
# Clean up now, so that the summary below really is the last line of the output.
cleanup "$RC"
log "done in $((SECONDS - T0))s"
if [ "$SKIPPED" -gt 0 ]; then
  echo "tests: $PASSED passed, $FAILED failed, $SKIPPED skipped"
else
  echo "tests: $PASSED passed, $FAILED failed"
fi
exit "$RC"
