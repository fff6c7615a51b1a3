# hack/lib.sh - shell helpers shared by the hack/ scripts. Sourced, never run; defines functions
# only (and sets nothing else).
#
#   LOG_PREFIX=kube-up                            # before sourcing (default: the script's name)
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   log "starting etcd"                           # -> stderr: [kube-up 01:02:03] starting etcd
#   die "no etcd"                                 # -> stderr: [kube-up 01:02:03] ERROR: no etcd; exit 1
#
# DIE_STATUS (optional, default 1) is the exit status of die, for a script whose exit status
# means something else (dockerfile-lint.sh passes on the linter's own status and dies with 2).

log() { # message... -> one line to stderr, prefixed with the script's name and the time
  echo "[${LOG_PREFIX:-$(basename "$0" .sh)} $(date +%T)] $*" >&2
}

die() { # message... -> logs it as an ERROR and exits with DIE_STATUS (default 1)
  log "ERROR: $*"
  exit "${DIE_STATUS:-1}"
}

kube_cache_dir() { # -> the Kubernetes binary cache of kube-build.sh and kube-up.sh (binaries in bin/)
  echo "${SLOSCALER_KUBE_CACHE_DIR:-/var/cache/sloscaler-kube-1.20}"
}

exe_pids() { # executable paths... -> PIDs of the processes running one of them
  local d e x
  for d in /proc/[0-9]*; do
    e=$(readlink "$d/exe" 2>/dev/null) || continue
    for x in "$@"; do [ "$e" = "$x" ] && echo "${d#/proc/}"; done
  done
  return 0
}

# no_service_starts EXECUTABLE... -- COMMAND...
# Runs COMMAND (a package installation) so that the packages' scripts start no service: a
# policy-rc.d answering 101 forbids invoke-rc.d for the duration (a policy-rc.d the machine already
# has is kept as it is), and a process of one of the EXECUTABLEs that was not running before and
# still got started is stopped by PID (TERM, then KILL after 10 s). Processes whose command line
# matches NO_SERVICE_KEEP (an extended regular expression, optional) are left alone. Returns
# COMMAND's status.
no_service_starts() {
  local exes=() policy=/usr/sbin/policy-rc.d created=0 rc=0 before pid
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do exes+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  before=" $(exe_pids "${exes[@]}" | tr '\n' ' ') "
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# temporary, from SloScaler hack/lib.sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && created=1
  fi
  "$@" || rc=$?
  if [ "$created" = 1 ]; then rm -f "$policy"; fi
  for pid in $(exe_pids "${exes[@]}"); do
    [[ "$before" == *" $pid "* ]] && continue
    if [ -n "${NO_SERVICE_KEEP:-}" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE -- "$NO_SERVICE_KEEP"; then continue; fi
    log "stopping $(readlink "/proc/$pid/exe" 2>/dev/null || echo process) (pid $pid), started by the package installation"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -e "/proc/$pid" ] || break; sleep 0.2; done
    if [ -e "/proc/$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
  return "$rc"
}

# apt_update_once: apt-get update, at most once per script run (APT_UPDATED=0 asks for another one).
apt_update_once() {
  [ "${APT_UPDATED:-0}" = 1 ] && return 0
  [ "$(id -u)" = 0 ] || die "need root for apt-get update (or install the packages by hand)"
  log "apt-get update"
  apt-get -q -o DPkg::Lock::Timeout=300 update >&2 || die "apt-get update failed"
  APT_UPDATED=1
}

# apt_install PACKAGE...: installs the ones not installed yet (dies on failure). Used by the
# Kubernetes scripts: etcd-server's postinst would start a system etcd, so no_service_starts
# guards /usr/bin/etcd; an etcd of a kube-up.sh running in parallel (--name sloscaler) is not it.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  [ "$(id -u)" = 0 ] || die "need root to apt-get install ${missing[*]}"
  apt_update_once
  log "apt-get install ${missing[*]}"
  NO_SERVICE_KEEP='--name sloscaler ' no_service_starts /usr/bin/etcd -- env DEBIAN_FRONTEND=noninteractive \
    apt-get -q -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}
