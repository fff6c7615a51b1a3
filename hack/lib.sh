# hack/lib.sh - shell helpers shared by the hack/ scripts. Sourced, never run; defines functions
# only. The sourcing script provides log (a line to stderr).

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
