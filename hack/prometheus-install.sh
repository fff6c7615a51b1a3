#!/usr/bin/env bash
# hack/prometheus-install.sh - make sure a Prometheus server binary (and promtool) is installed,
# from Debian's "prometheus" package, WITHOUT leaving a system Prometheus service running.
# The tests start their own Prometheus (own config, 127.0.0.1, temp data dir); this only installs.
#
# Prints the path of the prometheus binary as the LAST line of stdout; diagnostics go to stderr.
# Environment: SLOSCALER_PROMETHEUS_BIN - use this binary instead (it is only checked).
#
# A test starts it like this (checked by hand, Prometheus 2.42 from Debian bookworm):
#   prometheus --config.file=CFG --storage.tsdb.path=TMPDIR --web.listen-address=127.0.0.1:PORT
set -euo pipefail

LOG_PREFIX=prometheus-install
# shellcheck source=hack/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check_bin() { # path
  local v
  v=$(timeout 30 "$1" --version 2>&1 | head -n1) || die "'$1 --version' failed: $v"
  log "using $1 ($v)"
  echo "$1"
}

if [ -n "${SLOSCALER_PROMETHEUS_BIN:-}" ]; then
  [ -x "$SLOSCALER_PROMETHEUS_BIN" ] || die "SLOSCALER_PROMETHEUS_BIN=$SLOSCALER_PROMETHEUS_BIN is not an executable"
  check_bin "$SLOSCALER_PROMETHEUS_BIN"
  exit 0
fi

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  check_bin "$(command -v prometheus)"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "prometheus/promtool are missing and installing them needs root (apt-get install prometheus)"
command -v apt-get >/dev/null 2>&1 || die "prometheus/promtool are missing and this is not a Debian-like system (no apt-get)"

# The package's postinst would start the service through invoke-rc.d (its init script serves on
# all interfaces, port 9090): no_service_starts forbids that, and stops by PID whatever still starts.
T0=$SECONDS
log "apt-get update"
apt-get -q -o DPkg::Lock::Timeout=300 update >&2 || die "apt-get update failed"
log "apt-get install prometheus (no recommends: no node exporter)"
no_service_starts /usr/bin/prometheus /usr/bin/prometheus-node-exporter -- env DEBIAN_FRONTEND=noninteractive \
  apt-get -q -o DPkg::Lock::Timeout=300 install -y --no-install-recommends prometheus >&2 \
  || die "apt-get install prometheus failed"
log "installed in $((SECONDS - T0))s"

command -v promtool >/dev/null 2>&1 || die "promtool is still missing after installing the prometheus package"
PROM=$(command -v prometheus) || die "prometheus is still missing after installing the prometheus package"
check_bin "$PROM"
