#!/usr/bin/env bash
# hack/kube-up.sh - start a loopback-only Kubernetes 1.20 control plane for the tests:
# etcd + kube-apiserver + kube-controller-manager, every listener on 127.0.0.1.
#
#   etcd                     Debian package etcd-server (3.4.x)
#   kube-apiserver           built from Debian's "kubernetes" SOURCE package (upstream v1.20.2)
#   kube-controller-manager  same source tree
#
# Idempotent. The first (cold) run builds both binaries once with hack/kube-build.sh (apt
# packages, `apt-get source`, Go build: 8-12 min on 2 cores) and caches them OUTSIDE the clone.
# Later runs only start the processes (~10 s). If the control plane of this state dir is
# already running, it is reused as is.
#
# Usage:
#   hack/kube-up.sh               build if needed, start, print the kubeconfig path (LAST stdout line)
#   hack/kube-up.sh --build-only  only install packages and build/cache the binaries
#   hack/kube-build.sh --check    is the cache valid? (exit 0), or would kube-up.sh build? (exit 1)
#   hack/kube-down.sh [--purge]   stop (by PID files); --purge also deletes the state dir
#
# Environment (all optional):
#   SLOSCALER_KUBE_CACHE_DIR   binary cache            (default /var/cache/sloscaler-kube-1.20; binaries in bin/)
#   SLOSCALER_KUBE_STATE_DIR   PKI, etcd data, logs, PID files, kubeconfig (default /tmp/sloscaler-kube)
#   SLOSCALER_KUBE_SRC_DIR     scratch dir for the cold build (default ${TMPDIR:-/tmp}/sloscaler-kube-src;
#                              deleted after a successful build unless SLOSCALER_KUBE_KEEP_SRC=1)
#   SLOSCALER_KUBE_API_PORT, SLOSCALER_KUBE_ETCD_PORT, SLOSCALER_KUBE_ETCD_PEER_PORT,
#   SLOSCALER_KUBE_KCM_PORT    fixed ports instead of free ones picked at run time
#   SLOSCALER_KUBE_WITH_CONTROLLER_MANAGER=0   start only etcd + kube-apiserver
#   SLOSCALER_KUBE_START_TIMEOUT   seconds to wait for kube-apiserver readiness (default 180)
#
# All diagnostics go to stderr; stdout carries only the kubeconfig path.
set -euo pipefail

HACK=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_PREFIX=kube-up
# shellcheck source=hack/lib.sh
. "$HACK/lib.sh"

CACHE_DIR=$(kube_cache_dir)
STATE_DIR=${SLOSCALER_KUBE_STATE_DIR:-/tmp/sloscaler-kube}
WITH_KCM=${SLOSCALER_KUBE_WITH_CONTROLLER_MANAGER:-1}
START_TIMEOUT=${SLOSCALER_KUBE_START_TIMEOUT:-180}
SERVICE_CIDR=10.0.0.0/24
SERVICE_IP=10.0.0.1
HOST=127.0.0.1

BIN="$CACHE_DIR/bin"
PKI="$STATE_DIR/pki"
LOGS="$STATE_DIR/logs"
RUN="$STATE_DIR/run"
PORTS_FILE="$STATE_DIR/ports.env"
KUBECONFIG_OUT="$STATE_DIR/admin.kubeconfig"
MARKER="$STATE_DIR/.sloscaler-kube-state"

BUILD_ONLY=0
case "${1:-}" in
  "") ;;
  --build-only) BUILD_ONLY=1 ;;
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
  *) log "unknown argument '$1' (try --help)"; exit 2 ;;
esac

# ------------------------------------------------------------------ binaries
ensure_binaries() { # the cached binaries; kube-build.sh builds them when the cache is missing or stale
  "$HACK/kube-build.sh" --check >/dev/null && return 0
  "$HACK/kube-build.sh" >/dev/null || die "hack/kube-build.sh failed (see above)"
}

# ------------------------------------------------------------------ process helpers
pid_of() { # name -> prints the recorded PID if that process is alive and runs the expected binary
  local f="$RUN/$1.pid" pid exe
  [ -f "$f" ] || return 1
  pid=$(cat "$f" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  exe=$(readlink -f "/proc/$pid/exe" 2>/dev/null) || return 1
  [ "$(basename "$exe")" = "$1" ] || return 1
  echo "$pid"
}

start_bg() { # name binary args...
  local name=$1; shift
  # setsid: own session/process group, so the daemon outlives this script and its caller's
  # terminal; it is stopped by PID with kube-down.sh.
  setsid "$@" >"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

fail_with_log() { # name message
  log "ERROR: $2"
  if [ -f "$LOGS/$1.log" ]; then
    log "last 40 lines of $LOGS/$1.log:"
    tail -n 40 "$LOGS/$1.log" | sed 's/^/    /' >&2
  fi
  local env=""
  [ -z "${SLOSCALER_KUBE_STATE_DIR:-}" ] || env="SLOSCALER_KUBE_STATE_DIR=$STATE_DIR "
  log "stop what was started with: $env$(dirname "$0")/kube-down.sh"
  exit 1
}

wait_ready() { # name description seconds command...
  local name=$1 what=$2 secs=$3; shift 3
  local deadline=$((SECONDS + secs))
  while ((SECONDS < deadline)); do
    if timeout 5 "$@" >/dev/null 2>&1; then return 0; fi
    pid_of "$name" >/dev/null || fail_with_log "$name" "$name exited while waiting for $what"
    sleep 0.25
  done
  fail_with_log "$name" "timed out after ${secs}s waiting for $what"
}

port_free() { # port
  ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

pick_ports() { # count -> prints that many distinct free loopback ports
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$1" <<'EOF' && return 0
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
EOF
  fi
  # Fallback: random ports below the ephemeral range, probed with bash's /dev/tcp.
  local out=() p tries=0
  while ((${#out[@]} < $1)); do
    ((tries++ < 1000)) || die "could not find $1 free loopback ports"
    p=$((20000 + RANDOM % 12000))
    [[ " ${out[*]} " == *" $p "* ]] && continue
    port_free "$p" && out+=("$p")
  done
  echo "${out[*]}"
}

gen_pki() {
  [ -f "$PKI/.complete" ] && return 0
  log "generating CA, serving certificate, service-account key and tokens in $PKI"
  rm -rf "$PKI" && mkdir -p "$PKI"
  (
    cd "$PKI"
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
      -subj "/CN=sloscaler-test-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver" 2>/dev/null
    cat >apiserver.ext <<EOF
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:$SERVICE_IP,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
EOF
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt \
      -days 3650 -extfile apiserver.ext 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    admin=$(openssl rand -hex 16)
    kcm=$(openssl rand -hex 16)
    echo "$admin" >admin.token
    echo "$kcm" >kcm.token
    # token,user,uid,"group1,group2"
    printf '%s,admin,uid-admin,"system:masters"\n%s,system:kube-controller-manager,uid-kcm\n' "$admin" "$kcm" >tokens.csv
    chmod 644 ca.crt apiserver.crt sa.pub
  )
  touch "$PKI/.complete"
}

write_kubeconfig() { # file token user
  local tmp="$1.tmp.$$"
  (
    umask 077
    cat >"$tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: sloscaler-test
  cluster:
    server: https://$HOST:$API_PORT
    certificate-authority-data: $(base64 -w0 "$PKI/ca.crt")
users:
- name: $3
  user:
    token: $2
contexts:
- name: sloscaler-test
  context:
    cluster: sloscaler-test
    user: $3
    namespace: default
current-context: sloscaler-test
EOF
  )
  mv "$tmp" "$1"
}

# ------------------------------------------------------------------ main
T0=$SECONDS
ensure_binaries
if [ "$BUILD_ONLY" = 1 ]; then
  apt_install etcd-server openssl curl
  log "build-only: binaries are in $BIN"
  echo "$BIN"
  exit 0
fi

command -v etcd >/dev/null 2>&1 || apt_install etcd-server
command -v openssl >/dev/null 2>&1 || apt_install openssl
command -v curl >/dev/null 2>&1 || apt_install curl
command -v setsid >/dev/null 2>&1 || die "setsid (util-linux) is missing"
ETCD_BIN=$(command -v etcd)

case "$STATE_DIR" in /|"") die "refusing to use '$STATE_DIR' as state dir" ;; esac
mkdir -p "$STATE_DIR" "$LOGS" "$RUN"
chmod 700 "$STATE_DIR"
touch "$MARKER"

# Ports: while any process of this state dir is alive, keep its ports. Otherwise take the
# env overrides, else the previous ports if still free, else fresh free ports.
ANY_ALIVE=0
for n in etcd kube-apiserver kube-controller-manager; do pid_of "$n" >/dev/null && ANY_ALIVE=1; done
if [ "$ANY_ALIVE" = 1 ] && [ -f "$PORTS_FILE" ]; then
  # shellcheck disable=SC1090
  . "$PORTS_FILE"
else
  ETCD_PORT= ETCD_PEER_PORT= API_PORT= KCM_PORT=
  if [ -f "$PORTS_FILE" ]; then
    # shellcheck disable=SC1090
    . "$PORTS_FILE"
    for v in ETCD_PORT ETCD_PEER_PORT API_PORT KCM_PORT; do
      [ -n "${!v}" ] && port_free "${!v}" || printf -v "$v" ''
    done
  fi
  read -r f1 f2 f3 f4 < <(pick_ports 4)
  ETCD_PORT=${SLOSCALER_KUBE_ETCD_PORT:-${ETCD_PORT:-$f1}}
  ETCD_PEER_PORT=${SLOSCALER_KUBE_ETCD_PEER_PORT:-${ETCD_PEER_PORT:-$f2}}
  API_PORT=${SLOSCALER_KUBE_API_PORT:-${API_PORT:-$f3}}
  KCM_PORT=${SLOSCALER_KUBE_KCM_PORT:-${KCM_PORT:-$f4}}
  for v in ETCD_PORT ETCD_PEER_PORT API_PORT KCM_PORT; do
    port_free "${!v}" || die "port $HOST:${!v} ($v) is already in use"
  done
  printf 'ETCD_PORT=%s\nETCD_PEER_PORT=%s\nAPI_PORT=%s\nKCM_PORT=%s\n' \
    "$ETCD_PORT" "$ETCD_PEER_PORT" "$API_PORT" "$KCM_PORT" >"$PORTS_FILE"
fi

gen_pki
ADMIN_TOKEN=$(cat "$PKI/admin.token")
write_kubeconfig "$KUBECONFIG_OUT" "$ADMIN_TOKEN" admin
write_kubeconfig "$STATE_DIR/kcm.kubeconfig" "$(cat "$PKI/kcm.token")" system:kube-controller-manager
CURL_API=(curl -fsS --cacert "$PKI/ca.crt" -H "Authorization: Bearer $ADMIN_TOKEN")

# --- etcd
if pid=$(pid_of etcd); then
  log "etcd already running (pid $pid, $HOST:$ETCD_PORT)"
else
  # A single-member etcd restarts fine on other ports than before, keeping its data.
  log "starting etcd on $HOST:$ETCD_PORT (peer $HOST:$ETCD_PEER_PORT)"
  start_bg etcd "$ETCD_BIN" --name sloscaler --data-dir "$STATE_DIR/etcd" \
    --listen-client-urls "http://$HOST:$ETCD_PORT" --advertise-client-urls "http://$HOST:$ETCD_PORT" \
    --listen-peer-urls "http://$HOST:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://$HOST:$ETCD_PEER_PORT" \
    --initial-cluster "sloscaler=http://$HOST:$ETCD_PEER_PORT" --initial-cluster-state new \
    --logger=zap --log-outputs=stderr --quota-backend-bytes 2147483648
fi
wait_ready etcd "etcd /health on $HOST:$ETCD_PORT" 60 curl -fsS "http://$HOST:$ETCD_PORT/health"

# --- kube-apiserver
if pid=$(pid_of kube-apiserver); then
  log "kube-apiserver already running (pid $pid, https://$HOST:$API_PORT)"
else
  log "starting kube-apiserver on https://$HOST:$API_PORT"
  start_bg kube-apiserver "$BIN/kube-apiserver" \
    --bind-address="$HOST" --advertise-address="$HOST" --secure-port="$API_PORT" \
    --etcd-servers="http://$HOST:$ETCD_PORT" \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" \
    --token-auth-file="$PKI/tokens.csv" \
    --authorization-mode=RBAC \
    --service-account-issuer="https://kubernetes.default.svc.cluster.local" \
    --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --endpoint-reconciler-type=none \
    --allow-privileged=true --profiling=false \
    --cert-dir="$STATE_DIR/apiserver-certs"
fi
wait_ready kube-apiserver "kube-apiserver /readyz on https://$HOST:$API_PORT" "$START_TIMEOUT" \
  "${CURL_API[@]}" "https://$HOST:$API_PORT/readyz"

# --- kube-controller-manager (Deployments -> ReplicaSets -> Pods, GC, namespaces, SA tokens)
if [ "$WITH_KCM" = 1 ]; then
  if pid=$(pid_of kube-controller-manager); then
    log "kube-controller-manager already running (pid $pid)"
  else
    log "starting kube-controller-manager (secure port $HOST:$KCM_PORT)"
    start_bg kube-controller-manager "$BIN/kube-controller-manager" \
      --kubeconfig="$STATE_DIR/kcm.kubeconfig" \
      --authentication-kubeconfig="$STATE_DIR/kcm.kubeconfig" \
      --authorization-kubeconfig="$STATE_DIR/kcm.kubeconfig" --authentication-skip-lookup=true \
      --bind-address="$HOST" --secure-port="$KCM_PORT" --port=0 \
      --cert-dir="$STATE_DIR/kcm-certs" \
      --client-ca-file="$PKI/ca.crt" --root-ca-file="$PKI/ca.crt" \
      --service-account-private-key-file="$PKI/sa.key" \
      --use-service-account-credentials=true \
      --leader-elect=false \
      --controllers='*,-nodeipam,-nodelifecycle,-csrsigning,-csrapproving,-csrcleaner,-bootstrapsigner,-tokencleaner,-cloud-node-lifecycle,-route,-service,-attachdetach,-persistentvolume-binder,-persistentvolume-expander,-pvc-protection,-pv-protection,-ttl'
  fi
  wait_ready kube-controller-manager "kube-controller-manager /healthz on $HOST:$KCM_PORT" 90 \
    curl -fsSk "https://$HOST:$KCM_PORT/healthz"
  # The controllers really run once the serviceaccount controller has created default/default.
  wait_ready kube-controller-manager "the controllers (default/default ServiceAccount)" 90 \
    "${CURL_API[@]}" "https://$HOST:$API_PORT/api/v1/namespaces/default/serviceaccounts/default"
fi

log "control plane up in $((SECONDS - T0))s: https://$HOST:$API_PORT (state $STATE_DIR); export KUBECONFIG=$KUBECONFIG_OUT"
echo "$KUBECONFIG_OUT"
