#!/usr/bin/env bash
# hack/kube-down.sh - stop the control plane started by hack/kube-up.sh, by its PID files only.
#
#   hack/kube-down.sh           stop the processes, keep the state (PKI, etcd data) for a fast restart
#   hack/kube-down.sh --purge   also delete the state dir (a fresh cluster next time)
#
# Environment: SLOSCALER_KUBE_STATE_DIR (default /tmp/sloscaler-kube), as for kube-up.sh.
# The binary cache (SLOSCALER_KUBE_CACHE_DIR) is never touched.
set -euo pipefail

LOG_PREFIX=kube-down
# shellcheck source=hack/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STATE_DIR=${SLOSCALER_KUBE_STATE_DIR:-/tmp/sloscaler-kube}
RUN="$STATE_DIR/run"
MARKER="$STATE_DIR/.sloscaler-kube-state"
TERM_WAIT=${SLOSCALER_KUBE_STOP_TIMEOUT:-15} # seconds between SIGTERM and SIGKILL

PURGE=0
case "${1:-}" in
  "") ;;
  --purge) PURGE=1 ;;
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
  *) log "unknown argument '$1' (try --help)"; exit 2 ;;
esac

wait_gone() { # pid seconds
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    [ -e "/proc/$1" ] || return 0
    # a zombie (exited, not yet reaped by its parent) counts as gone
    [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ] && return 0
    sleep 0.2
  done
  return 1
}

stop_one() { # name (= expected executable basename)
  local f="$RUN/$1.pid" pid exe
  [ -f "$f" ] || return 0
  pid=$(cat "$f" 2>/dev/null || true)
  if ! [[ "$pid" =~ ^[0-9]+$ ]]; then
    log "ignoring malformed PID file $f"
    rm -f "$f"
    return 0
  fi
  exe=$(readlink -f "/proc/$pid/exe" 2>/dev/null || true)
  if [ -z "$exe" ]; then
    log "$1 (pid $pid) is not running"
  elif [ "$(basename "$exe")" != "$1" ]; then
    log "pid $pid from $f now runs '$exe', not $1: leaving it alone"
  else
    log "stopping $1 (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$TERM_WAIT"; then
      log "$1 (pid $pid) still running ${TERM_WAIT}s after SIGTERM: sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 10 || { log "ERROR: $1 (pid $pid) survived SIGKILL"; return 1; }
    fi
  fi
  rm -f "$f"
}

T0=$SECONDS
rc=0
if [ -d "$RUN" ]; then
  # reverse start order
  stop_one kube-controller-manager || rc=1
  stop_one kube-apiserver || rc=1
  stop_one etcd || rc=1
else
  log "no run dir $RUN: nothing to stop"
fi

if [ "$PURGE" = 1 ] && [ -d "$STATE_DIR" ]; then
  if [ "$rc" != 0 ]; then
    log "ERROR: not purging $STATE_DIR while a process may still use it"
  elif [ ! -f "$MARKER" ]; then
    log "ERROR: $STATE_DIR has no $(basename "$MARKER") marker: not deleting a dir kube-up.sh did not create"
    rc=1
  else
    log "removing $STATE_DIR"
    rm -rf "$STATE_DIR"
  fi
fi
log "done in $((SECONDS - T0))s"
exit "$rc"
