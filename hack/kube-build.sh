#!/usr/bin/env bash
# hack/kube-build.sh - build and cache the Kubernetes 1.20 binaries hack/kube-up.sh runs:
# kube-apiserver and kube-controller-manager, built from Debian's "kubernetes" SOURCE package
# (upstream v1.20.2) with Debian's Go. kube-up.sh calls it when the cache is missing or stale.
#
# The cold build installs the Debian packages it needs with apt (golang-go, Debian's reflect2,
# etcd-server, openssl, curl, dpkg-dev), adds deb-src entries mirroring the machine's own Debian
# sources if there are none, fetches the source with `apt-get source`, builds both binaries
# (8-12 min on 2 cores) and caches them OUTSIDE the clone with a BUILDINFO file. A cache built by
# another RECIPE_VERSION is rebuilt. One build at a time (a lock in the cache dir): a second run
# waits for the first and then uses its binaries.
#
# Usage:
#   hack/kube-build.sh           build unless the cache is valid; print the bin dir (LAST stdout line)
#   hack/kube-build.sh --check   build nothing: exit 0 if the cache is valid, 1 if a build is needed
#                                (the reason on stderr)
#
# Environment (all optional):
#   SLOSCALER_KUBE_CACHE_DIR   binary cache (default /var/cache/sloscaler-kube-1.20; binaries in bin/)
#   SLOSCALER_KUBE_SRC_DIR     scratch dir for the cold build (default ${TMPDIR:-/tmp}/sloscaler-kube-src;
#                              deleted after a successful build unless SLOSCALER_KUBE_KEEP_SRC=1)
#
# All diagnostics go to stderr; stdout carries only the bin dir.
set -euo pipefail

# Bump when the build recipe changes: a cache built by another recipe version is rebuilt.
RECIPE_VERSION=1

LOG_PREFIX=kube-build
# shellcheck source=hack/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CACHE_DIR=$(kube_cache_dir)
SRC_ROOT=${SLOSCALER_KUBE_SRC_DIR:-${TMPDIR:-/tmp}/sloscaler-kube-src}
BIN="$CACHE_DIR/bin"

CHECK_ONLY=0
case "${1:-}" in
  "") ;;
  --check) CHECK_ONLY=1 ;;
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
  *) log "unknown argument '$1' (try --help)"; exit 2 ;;
esac

# ------------------------------------------------------------------ the cache
cache_valid() {
  [ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/kube-controller-manager" ] \
    && grep -qx "recipe=$RECIPE_VERSION" "$CACHE_DIR/BUILDINFO" 2>/dev/null
}

cache_problem() { # -> why the cache is not valid (for --check and the build's log)
  local c
  for c in kube-apiserver kube-controller-manager; do
    [ -x "$BIN/$c" ] || { echo "no executable $BIN/$c"; return; }
  done
  [ -f "$CACHE_DIR/BUILDINFO" ] || { echo "no $CACHE_DIR/BUILDINFO"; return; }
  echo "$CACHE_DIR/BUILDINFO says '$(grep -s '^recipe=' "$CACHE_DIR/BUILDINFO" || echo 'no recipe')', this script builds recipe=$RECIPE_VERSION"
}

# ------------------------------------------------------------------ apt sources
has_deb_src() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && grep -qE '^Types:.*deb-src' "$f" && return 0
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && grep -qE '^[[:space:]]*deb-src[[:space:]]' "$f" && return 0
  done
  return 1
}

ensure_deb_src() {
  # `apt-get source` needs deb-src entries. Mirror the machine's own Debian deb entries
  # (whatever mirror it is configured with) instead of naming any package host here:
  # Debian's standard deb822 file if there is one, else the "deb" lines of sources.list.
  # Third-party repositories are left out (most publish no sources; apt-get update would fail).
  has_deb_src && return 0
  [ "$(id -u)" = 0 ] || die "need root to add a deb-src entry to the apt configuration"
  local out=/etc/apt/sources.list.d/sloscaler-deb-src std=/etc/apt/sources.list.d/debian.sources
  if [ -f "$std" ] && grep -qE '^Types:.*[[:space:]]deb([[:space:]]|$)' "$std"; then
    sed -E 's/^Types:.*/Types: deb-src/' "$std" >"$out.sources.tmp"
    mv "$out.sources.tmp" "$out.sources"
  elif [ -f /etc/apt/sources.list ] && grep -qE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list; then
    grep -E '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list \
      | sed -E 's/^[[:space:]]*deb[[:space:]]/deb-src /' >"$out.list.tmp"
    mv "$out.list.tmp" "$out.list"
  else
    die "found neither $std nor 'deb' lines in /etc/apt/sources.list to mirror as deb-src; add a deb-src entry for Debian by hand"
  fi
  log "added deb-src entries mirroring the machine's Debian apt sources ($(ls "$out".* 2>/dev/null))"
  APT_UPDATED=0 # the new entries need a fresh update
}

# ------------------------------------------------------------------ build (cold path)
vendor_reflect2_fix() { # source tree
  # k8s 1.20 vendors github.com/modern-go/reflect2 v1.0.1, which links reflect.mapiterinit
  # with its pre-Go-1.18 signature. Built with Go >= 1.18 the apiserver then dies with
  # "unexpected fault address" whenever json-iterator encodes a map (pretty/YAML output,
  # or any plain curl GET). Debian's reflect2 1.0.2 is upstream's fix: vendor it instead.
  local dst="$1/vendor/github.com/modern-go/reflect2" deb=/usr/share/gocode/src/github.com/modern-go/reflect2
  [ -f "$dst/go_above_118.go" ] && return 0
  [ -f "$deb/go_above_118.go" ] || die "Debian's reflect2 ($deb) lacks go_above_118.go; cannot fix the vendored copy"
  log "replacing vendored reflect2 v1.0.1 with Debian's $(dpkg-query -W -f='${Version}' golang-github-modern-go-reflect2-dev)"
  rm -rf "$dst" && mkdir -p "$dst"
  cp "$deb"/*.go "$dst"/
  if compgen -G "$deb/*.s" >/dev/null; then cp "$deb"/*.s "$dst"/; fi
  rm -f "$dst"/*_test.go
}

build_binaries() {
  [ "$(id -u)" = 0 ] || [ -w "$(dirname "$CACHE_DIR")" ] || [ -w "$CACHE_DIR" ] \
    || die "cannot write the binary cache $CACHE_DIR (run as root once, or set SLOSCALER_KUBE_CACHE_DIR)"
  ensure_deb_src
  apt_update_once
  apt_install golang-go golang-github-modern-go-reflect2-dev etcd-server openssl curl dpkg-dev ca-certificates
  local go=/usr/lib/go/bin/go # Debian's default Go (1.19 on bookworm); not whatever is first on PATH
  [ -x "$go" ] || go=$(command -v go) || die "no go toolchain after installing golang-go"

  mkdir -p "$SRC_ROOT"
  local src
  src=$(find "$SRC_ROOT" -maxdepth 1 -type d -name 'kubernetes-*' | sort | tail -n1)
  if [ -z "$src" ] || [ ! -d "$src/vendor" ] || [ ! -f "$SRC_ROOT/.unpacked" ]; then
    rm -rf "${SRC_ROOT:?}"/kubernetes* "$SRC_ROOT/.unpacked"
    log "apt-get source kubernetes -> $SRC_ROOT"
    (cd "$SRC_ROOT" && apt-get -q source kubernetes >&2) || die "apt-get source kubernetes failed"
    src=$(find "$SRC_ROOT" -maxdepth 1 -type d -name 'kubernetes-*' | sort | tail -n1)
    touch "$SRC_ROOT/.unpacked"
  fi
  [ -n "$src" ] && [ -d "$src/vendor" ] || die "no kubernetes source tree with vendor/ in $SRC_ROOT"
  local debver
  debver=$(cd "$src" && dpkg-parsechangelog -S Version)
  case "$debver" in
    *1.20.*) ;;
    *) die "Debian's kubernetes source is '$debver', not 1.20.x: this recipe (GOPATH build, openapi-gen, reflect2 fix) is for 1.20" ;;
  esac
  log "kubernetes source $debver in $src"
  vendor_reflect2_fix "$src"

  # k8s 1.20 builds in GOPATH mode (upstream hack/lib/init.sh exports GO111MODULE=off);
  # module mode with -mod=vendor fails with "updates to go.mod needed". vendor/ is used
  # implicitly in GOPATH mode and nothing is downloaded.
  local gopath="$SRC_ROOT/gopath"
  tmpbin="$BIN.tmp.$$" # global: used by the EXIT trap
  mkdir -p "$gopath/src/k8s.io"
  ln -sfn "$src" "$gopath/src/k8s.io/kubernetes"
  rm -rf "$tmpbin" && mkdir -p "$tmpbin"
  trap 'rm -rf "$tmpbin"; log "ERROR: build failed (sources and Go cache kept in $SRC_ROOT for a retry)"' EXIT
  # A plain subshell (not followed by "||", which would switch errexit off inside it).
  (
    export GO111MODULE=off GOFLAGS= GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0 \
      GOPATH="$gopath" GOCACHE="$SRC_ROOT/gocache"
    cd "$gopath/src/k8s.io/kubernetes"

    # pkg/generated/openapi/zz_generated.openapi.go is not in the tarball; upstream's Makefile
    # generates it. Same inputs as Makefile.generated_files (the API-rule violation report
    # matches upstream's api/api-rules/violation_exceptions.list).
    if [ ! -s pkg/generated/openapi/zz_generated.openapi.go ]; then
      log "generating pkg/generated/openapi with openapi-gen"
      "$go" build -o "$SRC_ROOT/openapi-gen" k8s.io/kubernetes/vendor/k8s.io/kube-openapi/cmd/openapi-gen >&2
      local dirs
      dirs=$(set +o pipefail
        find -H . -not \( \( -path './_*' -o -path './.*' -o -path ./vendor -o -path ./debian \) -prune \) \
          -type f -name '*.go' -print0 \
          | xargs -0 grep -l '^// *+k8s:' | xargs grep -l '+k8s:openapi-gen=' \
          | sed 's|^./staging/src|vendor|; s|^./||' \
          | grep -v -e '^vendor/k8s.io/code-generator/' -e '^vendor/k8s.io/sample-apiserver/' \
          | xargs -n1 dirname | LC_ALL=C sort -u | sed 's|^|k8s.io/kubernetes/|' | paste -sd, -)
      [ -n "$dirs" ] || die "found no +k8s:openapi-gen packages"
      "$SRC_ROOT/openapi-gen" --logtostderr -i "$dirs" -p k8s.io/kubernetes/pkg/generated/openapi \
        -O zz_generated.openapi -h vendor/k8s.io/code-generator/hack/boilerplate.go.txt \
        -r "$SRC_ROOT/openapi-violations.report" >&2
      [ -s pkg/generated/openapi/zz_generated.openapi.go ] || die "openapi-gen produced no output"
    fi

    local ldf="-s -w" bd p c t
    bd=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    for p in k8s.io/kubernetes/vendor/k8s.io/component-base/version k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version; do
      ldf+=" -X $p.gitVersion=v1.20.2 -X $p.gitMajor=1 -X $p.gitMinor=20 -X $p.gitCommit=debian-$debver"
      ldf+=" -X $p.gitTreeState=archive -X $p.buildDate=$bd"
    done
    for c in kube-apiserver kube-controller-manager; do
      t=$(date +%s)
      log "go build $c (GOPATH mode, vendored deps, CGO off; cold on 2 cores: apiserver 6-12 min, controller-manager 1-3 min)"
      "$go" build -tags selinux,notest -trimpath -ldflags "$ldf" -o "$tmpbin/$c" "k8s.io/kubernetes/cmd/$c" >&2
      log "built $c in $(( $(date +%s) - t ))s"
    done
  )
  trap - EXIT

  rm -rf "$BIN" && mv "$tmpbin" "$BIN"
  {
    echo "recipe=$RECIPE_VERSION"
    echo "kubernetes-source=$debver"
    echo "go=$("$go" version)"
    echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  } >"$CACHE_DIR/BUILDINFO"
  log "binaries cached in $BIN"
  if [ "${SLOSCALER_KUBE_KEEP_SRC:-0}" != 1 ]; then
    log "removing build scratch dir $SRC_ROOT (set SLOSCALER_KUBE_KEEP_SRC=1 to keep it)"
    rm -rf "$SRC_ROOT"
  fi
}

# ------------------------------------------------------------------ main
if cache_valid; then
  log "using cached binaries in $BIN ($(grep -s '^kubernetes-source=' "$CACHE_DIR/BUILDINFO"))"
  [ "$CHECK_ONLY" = 1 ] || echo "$BIN"
  exit 0
fi
if [ "$CHECK_ONLY" = 1 ]; then
  log "a build is needed: $(cache_problem)"
  exit 1
fi
log "building: $(cache_problem)"
mkdir -p "$CACHE_DIR" 2>/dev/null || die "cannot create the binary cache $CACHE_DIR (run as root once, or set SLOSCALER_KUBE_CACHE_DIR)"
[ -w "$CACHE_DIR" ] || die "cannot write the binary cache $CACHE_DIR (run as root once, or set SLOSCALER_KUBE_CACHE_DIR)"
# One build at a time, even with several kube-up.sh runs in parallel.
exec 9>"$CACHE_DIR/.build.lock"
if ! flock -n 9; then
  log "another run is building into $CACHE_DIR; waiting for it (at most 30 min)"
  flock -w 1800 9 || die "timed out waiting for the build lock $CACHE_DIR/.build.lock"
fi
if cache_valid; then
  log "binaries were built by another run"
else
  T0=$SECONDS
  build_binaries
  log "cold build done in $((SECONDS - T0))s"
fi
exec 9>&-
echo "$BIN"
